/// Counters of a ``RemoteJWKS``, for tests, health checks and metrics.
public struct RemoteJWKSStatistics: Sendable, Hashable {
    /// Fetches started (each counted when it starts).
    public var fetchCount: Int
    /// Fetches that failed (transport error, timeout, non-200, oversize, redirect, unusable document).
    public var failureCount: Int
    /// Usable keys in the current key set (0 before the first good fetch).
    public var keyCount: Int
    /// Keys of the last good document that were left out (unsupported, malformed, weak or symmetric).
    public var skippedKeyCount: Int
    /// Whether a fetch is running now.
    public var isRefreshing: Bool
    /// Why the last failed fetch failed, when the last fetch failed.
    public var lastFailure: JWKSFetchError?
    /// The time since the last good fetch (by the configuration's clock), or `nil` before the first one.
    public var lastSuccessAge: Duration?
}
