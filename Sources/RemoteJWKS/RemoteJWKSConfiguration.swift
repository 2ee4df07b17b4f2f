public import CoreMetrics

/// How a ``RemoteJWKS`` (and discovery) caches, refreshes and fetches: the settings, and the HTTP client and clock
/// they run on. Every property has a documented default.
///
/// The defaults follow `Documentation/Architecture.md` (RemoteJWKS): keys are kept 10 minutes after the last good fetch (or as long as the server's
/// `Cache-Control: max-age` says, within 1 minute and 24 hours); a token with an unknown `kid` triggers at most one
/// refetch per 30 seconds; a failed refresh keeps serving the last good keys for up to 24 hours; a fetch gives up
/// after 5 seconds and refuses bodies over 512 KiB.
public struct RemoteJWKSConfiguration: Sendable {
    /// How long keys are used after a good fetch when the response has no usable `Cache-Control: max-age`.
    /// Default: 10 minutes.
    public var cacheDuration: Duration
    /// Whether the response's `Cache-Control: max-age` replaces `cacheDuration`, clamped to
    /// `minimumCacheDuration`...`maximumCacheDuration`. `no-cache`/`no-store` count as the minimum. Default: `true`.
    public var honorsCacheControl: Bool
    /// The shortest time keys are kept, whatever the server says. Default: 1 minute.
    public var minimumCacheDuration: Duration
    /// The longest time keys are kept, whatever the server says. Default: 24 hours.
    public var maximumCacheDuration: Duration
    /// A token whose `kid` (or algorithm) matches no cached key triggers a refetch only when the previous fetch
    /// started at least this long ago, so a flood of made-up `kid`s costs at most one fetch per cooldown.
    /// Default: 30 seconds.
    public var unknownKeyCooldown: Duration
    /// After a failed fetch, no new fetch starts for this long; callers without usable keys get
    /// `JOSEError.Code.keySourceUnavailable` at once meanwhile. Default: 5 seconds.
    public var failureRetryInterval: Duration
    /// How long after the last good fetch its keys may still be served while refreshes fail (bounded staleness).
    /// Never shorter than the cache time of that fetch. Default: 24 hours.
    public var maximumStaleness: Duration
    /// The time one fetch (connect, headers and whole body) may take. Default: 5 seconds.
    public var fetchTimeout: Duration
    /// The largest accepted response body, in bytes; reading stops as soon as it is exceeded. Default: 512 KiB.
    public var maximumBodySize: Int
    /// Whether plain `http` URLs to hosts other than loopback (`localhost`, `127.0.0.0/8`, `::1`) are accepted.
    /// Default: `false` — only `https`, and `http` on loopback, are accepted.
    public var allowsInsecureHTTP: Bool
    /// The time source for cache expiry, cooldowns and staleness (not for `fetchTimeout`, which is real time).
    /// Default: ``RemoteJWKSClock/continuous``.
    public var clock: RemoteJWKSClock
    /// How documents are fetched. Default: ``AsyncHTTPClientJWKSFetcher/shared``; supply your own for another HTTP
    /// stack, a proxy or mutual TLS (see ``JWKSHTTPClient`` for what an implementation must do).
    public var httpClient: any JWKSHTTPClient
    /// Where fetches and key-set health are recorded (swift-metrics; the labels are listed in the Observability
    /// article). Default: the factory bootstrapped with `MetricsSystem` when this configuration is made.
    public var metricsFactory: any MetricsFactory

    /// Creates a configuration; every parameter has the default described on its property.
    public init(
        cacheDuration: Duration = .seconds(600),
        honorsCacheControl: Bool = true,
        minimumCacheDuration: Duration = .seconds(60),
        maximumCacheDuration: Duration = .seconds(86_400),
        unknownKeyCooldown: Duration = .seconds(30),
        failureRetryInterval: Duration = .seconds(5),
        maximumStaleness: Duration = .seconds(86_400),
        fetchTimeout: Duration = .seconds(5),
        maximumBodySize: Int = 512 * 1024,
        allowsInsecureHTTP: Bool = false,
        clock: RemoteJWKSClock = .continuous,
        httpClient: any JWKSHTTPClient = AsyncHTTPClientJWKSFetcher.shared,
        metricsFactory: any MetricsFactory = MetricsSystem.factory
    ) {
        self.cacheDuration = cacheDuration
        self.honorsCacheControl = honorsCacheControl
        self.minimumCacheDuration = minimumCacheDuration
        self.maximumCacheDuration = maximumCacheDuration
        self.unknownKeyCooldown = unknownKeyCooldown
        self.failureRetryInterval = failureRetryInterval
        self.maximumStaleness = maximumStaleness
        self.fetchTimeout = fetchTimeout
        self.maximumBodySize = maximumBodySize
        self.allowsInsecureHTTP = allowsInsecureHTTP
        self.clock = clock
        self.httpClient = httpClient
        self.metricsFactory = metricsFactory
    }

    /// The time to keep keys from a response with the given `Cache-Control` value.
    func cacheTime(cacheControl: String?) -> Duration {
        guard honorsCacheControl, let directive = CacheControl(cacheControl) else { return cacheDuration }
        let requested: Duration = directive.noCache ? .zero : directive.maxAge.map { .seconds($0) } ?? cacheDuration
        return min(max(requested, minimumCacheDuration), max(minimumCacheDuration, maximumCacheDuration))
    }
}

/// The monotonic time source of ``RemoteJWKS``: replace it in tests to move time without waiting.
public struct RemoteJWKSClock: Sendable {
    /// Returns the current instant.
    public let now: @Sendable () -> ContinuousClock.Instant

    /// A clock that reads `now`.
    public init(now: @escaping @Sendable () -> ContinuousClock.Instant) { self.now = now }

    /// The system's monotonic clock.
    public static var continuous: RemoteJWKSClock { RemoteJWKSClock { ContinuousClock.now } }
}
