public import Foundation
public import JOSE
public import Logging

/// A key source backed by a remote JWKS (`jwks_uri`), cached in memory: the counterpart of `jose`'s
/// `createRemoteJWKSet`.
///
/// ```swift
/// let keys = try RemoteJWKS(url: URL(string: "https://issuer.example/.well-known/jwks.json")!)
/// let verifier = JWTVerifier(keys: keys, options: JWTValidationOptions(issuers: ["https://issuer.example/"]))
/// ```
///
/// Behaviour (all numbers are ``RemoteJWKSConfiguration`` defaults):
/// - The first token fetches the set; every concurrent caller shares that one fetch.
/// - Keys are fresh for 10 minutes after a good fetch, or for the response's `Cache-Control: max-age` within
///   [1 min, 24 h]. A token arriving after that is verified with the cached keys at once while one refresh runs in
///   the background: a cached key never waits for the network.
/// - A token whose `kid` matches no cached key triggers a refetch only if the last fetch started 30 s or more ago;
///   otherwise it fails with `JOSEError.Code.noMatchingKey` at once. A `kid` never falls back to another key.
/// - A failed refresh keeps the last good keys for up to 24 hours after they were fetched, and is logged. With no
///   usable keys the caller gets `JOSEError.Code.keySourceUnavailable` (503 material, not 401) within the fetch
///   timeout (5 s), and at once while the 5 s retry interval after a failure runs.
/// - Only `https` URLs are fetched, or `http` to loopback hosts, unless
///   ``RemoteJWKSConfiguration/allowsInsecureHTTP`` is set. Redirects are never followed; non-200 answers,
///   bodies over 512 KiB and documents without a usable key are failures.
/// - Symmetric (`oct`) keys in the document are ignored: a secret published in a JWKS is no secret.
/// - `jku` and `x5u` token headers are never followed; only `url` is ever fetched.
public final class RemoteJWKS: KeySource {
    /// The JWKS document's URL.
    public let url: URL
    /// The cache and fetch settings.
    public var configuration: RemoteJWKSConfiguration { fetcher.configuration }

    private let fetcher: DocumentFetcher
    private var logger: Logger { fetcher.logger }
    private let state = Locked(CacheState())
    private let gauges: KeySetGauges
    /// ``keysVersion``: a new version with each fetched set, valid until that set is due for refresh (in
    /// nanoseconds after `epoch` on the configuration's clock).
    private let version = PublishedVersion()
    private let epoch: ContinuousClock.Instant
    private let clock: RemoteJWKSClock

    /// A key source for the JWKS at `url`. Nothing is fetched until the first token (or `refresh()`).
    /// - Parameters:
    ///   - url: the `jwks_uri`; must be `https` (or `http` to a loopback host, or any `http` with
    ///     ``RemoteJWKSConfiguration/allowsInsecureHTTP``).
    ///   - configuration: cache and fetch settings.
    ///   - logger: where fetches and failures are logged (never with key material or tokens).
    /// - Throws: `JOSEError.Code.urlNotAllowed` for a URL that is not allowed.
    public convenience init(
        url: URL,
        configuration: RemoteJWKSConfiguration = RemoteJWKSConfiguration(),
        logger: Logger = Logger(label: "swift-oauth-jwt.RemoteJWKS")
    ) throws(JOSEError) {
        try self.init(url: url, fetcher: DocumentFetcher(configuration: configuration, logger: logger))
    }

    /// A key source for the JWKS at `url`, fetched by `fetcher`.
    init(url: URL, fetcher: DocumentFetcher) throws(JOSEError) {
        self.url = try URLPolicy.check(url, allowsInsecureHTTP: fetcher.configuration.allowsInsecureHTTP)
        self.fetcher = fetcher.with("oauth_jwt.jwks_url", URLPolicy.redacted(url))
        gauges = KeySetGauges(source: URLPolicy.redacted(url), factory: fetcher.configuration.metricsFactory)
        clock = fetcher.configuration.clock
        epoch = clock.now()
    }

    /// A key source for the JWKS at `url`. See `init(url:configuration:logger:)`.
    /// - Throws: `JOSEError.Code.urlNotAllowed` for a malformed URL or one that is not allowed.
    public convenience init(
        url: String,
        configuration: RemoteJWKSConfiguration = RemoteJWKSConfiguration(),
        logger: Logger = Logger(label: "swift-oauth-jwt.RemoteJWKS")
    ) throws(JOSEError) {
        try self.init(
            url: try URLPolicy.check(url, allowsInsecureHTTP: configuration.allowsInsecureHTTP),
            configuration: configuration, logger: logger)
    }

    /// The candidate keys for `token`: the cached keys matching its `kid` (or, without a `kid`, its algorithm).
    /// - Throws: `JOSEError.Code.noMatchingKey` when no key matches (after at most one refetch per cooldown);
    ///   `JOSEError.Code.keySourceUnavailable` when there are no usable keys and none could be fetched.
    public func keys(for token: UnverifiedJWT) async throws(JOSEError) -> [JWSKey] {
        let header = token.header
        let now = configuration.clock.now()
        let cached = state.withLock { $0.usableSet(at: now) }
        if let cached {
            if now >= cached.expiresAt { _ = startRefresh(.expired, at: now) }  // stale-while-revalidate
            let candidates = cached.set.candidates(for: header)
            if !candidates.isEmpty { return candidates }
            // Unknown kid (or no key for the algorithm): refetch at most once per cooldown, never fall back.
            guard let refresh = startRefresh(.unknownKey, at: now) else {
                throw JOSEError(.noMatchingKey, "No key matches the token")
            }
            _ = await refresh.value
            return try currentCandidates(for: header)
        }
        guard let refresh = startRefresh(.noKeys, at: now) else {
            throw JOSEError(.keySourceUnavailable, "The key set is unavailable")
        }
        _ = await refresh.value
        return try currentCandidates(for: header)
    }

    /// The candidates from a cached key set that is still fresh, when it has keys for `token`; otherwise `nil`, and
    /// `keys(for:)` decides (and refreshes, refetches or reports) as usual.
    public func immediateKeys(for token: UnverifiedJWT) -> [JWSKey]? {
        let now = configuration.clock.now()
        guard let cached = state.withLock({ $0.usableSet(at: now) }), now < cached.expiresAt else { return nil }
        let candidates = cached.set.candidates(for: token.header)
        return candidates.isEmpty ? nil : candidates
    }

    /// A new number with every fetched key set, while the set is fresh: the same keys as `immediateKeys(for:)`
    /// answers from. `nil` before the first fetch and once the keys are due for refresh, so that a cache of
    /// verified tokens asks `keys(for:)` again (which starts the refresh). Reading it takes no lock.
    public var keysVersion: UInt64? {
        version.version(at: nanoseconds(at: clock.now()))
    }

    /// `instant` in nanoseconds after `epoch`, saturating.
    private func nanoseconds(at instant: ContinuousClock.Instant) -> Int64 {
        let (seconds, attoseconds) = (instant - epoch).components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let (sum, carry) = scaled.addingReportingOverflow(attoseconds / 1_000_000_000)
        return overflow || carry ? (seconds < 0 ? .min : .max) : sum
    }

    /// Fetches the key set now (or joins the fetch already running), ignoring freshness and cooldowns. Useful to
    /// warm the cache at startup.
    /// - Throws: `JOSEError.Code.keySourceUnavailable` when the fetch fails.
    public func refresh() async throws(JOSEError) {
        let task = startRefresh(.forced, at: configuration.clock.now())!
        if case .failure(let error) = await task.value {
            throw JOSEError(.keySourceUnavailable, "The key set could not be fetched: \(error)")
        }
    }

    /// The current counters.
    public var statistics: RemoteJWKSStatistics {
        let now = configuration.clock.now()
        return state.withLock { state in
            RemoteJWKSStatistics(
                fetchCount: state.fetchCount, failureCount: state.failureCount, keyCount: state.keySet?.keys.count ?? 0,
                skippedKeyCount: state.skippedCount, isRefreshing: state.inFlight != nil,
                lastFailure: state.lastFailure,
                lastSuccessAge: state.lastSuccessAt.map { now - $0 })
        }
    }

    /// When the cached keys stop being fresh: the moment a background refresh (``KeyRefreshService``) should have
    /// replaced them. `nil` before the first good fetch; after a failed fetch, not before the retry interval ends.
    public var refreshDue: ContinuousClock.Instant? {
        let retryInterval = configuration.failureRetryInterval
        return state.withLock { state in
            guard let expiresAt = state.expiresAt else {
                return state.lastFailureAt.map { $0 + retryInterval }
            }
            guard let failedAt = state.lastFailureAt else { return expiresAt }
            return max(expiresAt, failedAt + retryInterval)
        }
    }

    /// Sets `oauth_jwt_keys_age_seconds` to the time since the last good fetch (nothing before the first one).
    func recordAge(at now: ContinuousClock.Instant) {
        if let lastSuccess = state.withLock({ $0.lastSuccessAt }) { gauges.recordAge(now - lastSuccess) }
    }

    /// The keys currently cached (possibly stale), without fetching.
    public var cachedKeys: [JWSKey] { state.withLock { $0.keySet?.keys ?? [] } }

    // MARK: Refresh coordination

    private func currentCandidates(for header: JWSHeader) throws(JOSEError) -> [JWSKey] {
        let now = configuration.clock.now()
        guard let cached = state.withLock({ $0.usableSet(at: now) }) else {
            throw JOSEError(.keySourceUnavailable, "The key set is unavailable")
        }
        let candidates = cached.set.candidates(for: header)
        guard !candidates.isEmpty else { throw JOSEError(.noMatchingKey, "No key matches the token") }
        return candidates
    }

    /// Returns the running refresh, or starts one when `reason` allows it now; `nil` when none may start.
    private func startRefresh(_ reason: RefreshReason, at now: ContinuousClock.Instant) -> RefreshTask? {
        let configuration = configuration
        return state.withLock { state -> RefreshTask? in
            if let running = state.inFlight { return running.task }
            switch reason {
            case .forced:
                break
            case .unknownKey:
                if let last = state.lastAttemptAt, now < last + configuration.unknownKeyCooldown { return nil }
                if let failed = state.lastFailureAt, now < failed + configuration.failureRetryInterval { return nil }
            case .expired, .noKeys:
                if let failed = state.lastFailureAt, now < failed + configuration.failureRetryInterval { return nil }
            }
            state.generation &+= 1
            state.fetchCount += 1
            state.lastAttemptAt = now
            let generation = state.generation
            let task = RefreshTask { await self.performRefresh(reason, generation: generation) }
            state.inFlight = (generation, task)
            return task
        }
    }

    private func performRefresh(_ reason: RefreshReason, generation: UInt64) async -> Result<Void, JWKSFetchError> {
        logger.debug("Fetching the JWKS", metadata: ["oauth_jwt.jwks_reason": "\(reason)"])
        let outcome: Result<LoadedKeySet, JWKSFetchError>
        do {
            outcome = .success(try await fetch())
        } catch let error as JWKSFetchError {
            outcome = .failure(error)
        } catch {
            outcome = .failure(.transportFailed)
        }
        let now = configuration.clock.now()
        let configuration = configuration
        let hadKeys = state.withLock { state -> Bool in
            if state.inFlight?.generation == generation { state.inFlight = nil }
            let hadKeys = state.usableSet(at: now) != nil
            switch outcome {
            case .success(let loaded):
                state.keySet = loaded.set
                state.lastSuccessAt = now
                state.skippedCount = loaded.skippedCount
                state.expiresAt = now + loaded.cacheTime
                state.staleUntil = now + max(loaded.cacheTime, configuration.maximumStaleness)
                version.publish(deadline: nanoseconds(at: now + loaded.cacheTime))
                state.lastFailureAt = nil
                state.lastFailure = nil
            case .failure(let error):
                state.failureCount += 1
                state.lastFailureAt = now
                state.lastFailure = error
            }
            return hadKeys
        }
        switch outcome {
        case .success(let loaded):
            gauges.recordSuccess(keyCount: loaded.set.keys.count)
            logger.debug(
                "Fetched the JWKS",
                metadata: [
                    "oauth_jwt.jwks_keys": "\(loaded.set.keys.count)",
                    "oauth_jwt.jwks_skipped": "\(loaded.skippedCount)",
                    "oauth_jwt.jwks_cache_seconds": "\(loaded.cacheTime.components.seconds)",
                ])
            return .success(())
        case .failure(let error):
            recordAge(at: now)
            // The one warning of the library: the key source has no usable keys, so every token is refused (503).
            logger.log(
                level: hadKeys ? .debug : .warning,
                hadKeys ? "JWKS refresh failed; serving the last good keys" : "JWKS fetch failed; no usable keys",
                metadata: ["oauth_jwt.jwks_error": "\(error)"])
            return .failure(error)
        }
    }

    private func fetch() async throws -> LoadedKeySet {
        let response = try await fetcher.get(url, document: .jwks)
        let document: JWKSet
        do {
            document = try JWKSet(jsonBytes: response.body)
        } catch {
            throw JWKSFetchError.invalidDocument
        }
        var set = document
        // A JWKS is public: an HMAC secret in it is known to everyone, so it must never verify anything.
        set.keys.removeAll { $0.type.jwkKeyType == "oct" }
        let skipped = document.skipped.count + (document.keys.count - set.keys.count)
        if skipped > 0 {
            logger.debug("The JWKS has keys that are not used", metadata: ["oauth_jwt.jwks_skipped": "\(skipped)"])
        }
        guard !set.keys.isEmpty else { throw JWKSFetchError.invalidDocument }
        return LoadedKeySet(
            set: set, skippedCount: skipped, cacheTime: configuration.cacheTime(cacheControl: response.cacheControl))
    }
}

typealias RefreshTask = Task<Result<Void, JWKSFetchError>, Never>

enum RefreshReason: String, CustomStringConvertible {
    case noKeys = "no_keys"
    case expired
    case unknownKey = "unknown_kid"
    case forced

    var description: String { rawValue }
}

struct LoadedKeySet {
    var set: JWKSet
    var skippedCount: Int
    var cacheTime: Duration
}

/// Everything a ``RemoteJWKS`` knows, guarded by one lock that is held only for short, non-suspending updates.
struct CacheState {
    var keySet: JWKSet?
    var skippedCount = 0
    var expiresAt: ContinuousClock.Instant?
    var lastSuccessAt: ContinuousClock.Instant?
    var staleUntil: ContinuousClock.Instant?
    var lastAttemptAt: ContinuousClock.Instant?
    var lastFailureAt: ContinuousClock.Instant?
    var lastFailure: JWKSFetchError?
    var inFlight: (generation: UInt64, task: RefreshTask)?
    var generation: UInt64 = 0
    var fetchCount = 0
    var failureCount = 0

    /// The key set if it may still be served at `now`, with the instant it stops being fresh.
    func usableSet(at now: ContinuousClock.Instant) -> (set: JWKSet, expiresAt: ContinuousClock.Instant)? {
        guard let keySet, let expiresAt, let staleUntil, now < staleUntil else { return nil }
        return (keySet, expiresAt)
    }
}
