import JOSE
public import Logging
public import ServiceLifecycle

/// Runs a remote key source as a swift-service-lifecycle `Service`: fetches its keys when the service group starts,
/// refreshes them in the background before they expire, and stops at graceful shutdown.
///
/// ```swift
/// let keys = try IssuerKeySource(issuer: "https://issuer.example/")
/// let app = Application(router: router, services: [KeyRefreshService(keys: keys)])
/// try await app.runService()
/// ```
///
/// Without the service a key source still works: it fetches on the first token and refreshes when a token finds
/// its keys stale (while serving them). The service moves that work out of requests: the first request finds keys
/// already there, and no request waits for a refresh.
///
/// Failure policy:
/// - At start, ``WarmUp/required`` (the default) ends `run()` with the error when no usable keys can be fetched,
///   so the service group shuts down and the server does not serve without keys; ``WarmUp/bestEffort`` logs it at
///   `debug` and carries on (requests then get 503 until keys arrive, and the key source's own warning is logged).
/// - Later, a failed refresh never ends the service: the key source keeps serving its last good keys within its
///   staleness bound, and the service retries with a backoff from 1 second doubling up to 1 minute.
public struct KeyRefreshService: Service, CustomStringConvertible {
    /// What a failed first fetch does.
    public enum WarmUp: Sendable, Hashable {
        /// `run()` throws: the service group, and with it the server, stops.
        case required
        /// The service logs the failure and keeps trying in the background.
        case bestEffort
    }

    /// The key source kept fresh.
    public let keys: any RefreshableKeySource
    /// What a failed first fetch does.
    public let warmUp: WarmUp
    /// How long before the keys stop being fresh the refresh runs.
    public let refreshAhead: Duration
    private let logger: Logger

    /// The longest the service sleeps at a time, so that the key-age gauge stays current.
    static let maximumSleep = Duration.seconds(10)
    /// The first and the longest wait after a failed background refresh.
    static let backoff = (first: Duration.seconds(1), maximum: Duration.seconds(60))

    /// Creates the service.
    /// - Parameters:
    ///   - keys: the key source, such as a ``RemoteJWKS``, ``IssuerKeySource`` or ``MultiIssuerKeySource``.
    ///   - warmUp: what a failed first fetch does. Default: ``WarmUp/required``.
    ///   - refreshAhead: how long before the keys stop being fresh to refresh them. Default: 30 seconds.
    ///   - logger: where refresh failures are logged, at `debug`.
    public init(
        keys: some RefreshableKeySource, warmUp: WarmUp = .required, refreshAhead: Duration = .seconds(30),
        logger: Logger = Logger(label: "swift-oauth-jwt.KeyRefreshService")
    ) {
        self.keys = keys
        self.warmUp = warmUp
        self.refreshAhead = max(.zero, refreshAhead)
        self.logger = logger
    }

    /// `KeyRefreshService`, for the service group's logs.
    public var description: String { "KeyRefreshService" }

    /// Fetches the keys, then keeps them fresh until the task is cancelled or a graceful shutdown starts.
    /// - Throws: with ``WarmUp/required``, the error of the first fetch when it fails.
    public func run() async throws {
        do {
            try await keys.refresh()
            logger.debug("Warmed up the keys")
        } catch {
            guard warmUp == .bestEffort else { throw error }
            logger.debug(
                "Warming up the keys failed; retrying in the background", metadata: ["oauth_jwt.error": "\(error)"])
        }
        try await cancelWhenGracefulShutdown { [self] in
            do {
                try await refreshLoop()
            } catch is CancellationError {
                return
            }
        }
    }

    private func refreshLoop() async throws {
        var failureWait = Self.backoff.first
        while true {
            let delay = keys.refreshDelay()
            if delay > refreshAhead {
                try await Task.sleep(for: min(delay - refreshAhead, Self.maximumSleep))
                continue
            }
            do {
                try await keys.refresh()
                failureWait = Self.backoff.first
                // Never refresh back to back, even when the keys' lifetime is shorter than `refreshAhead`.
                try await Task.sleep(for: Self.backoff.first)
            } catch let error as JOSEError {
                logger.debug("Refreshing the keys failed", metadata: ["oauth_jwt.error": "\(error)"])
                try await Task.sleep(for: failureWait)
                failureWait = min(failureWait * 2, Self.backoff.maximum)
            }
        }
    }
}
