public import JOSE
public import Logging

/// The key source of one issuer, found through discovery on first use and cached from then on.
///
/// Creating it does no I/O, so a server starts even while its authorization server is down (call ``refresh()`` to
/// discover and fetch eagerly, and fail at startup instead). The first token runs discovery (concurrent tokens share that
/// one run); the discovered metadata and the ``RemoteJWKS`` it feeds are then kept for the life of this object. A
/// failed discovery is retried after ``RemoteJWKSConfiguration/failureRetryInterval``; meanwhile tokens get
/// `JOSEError.Code.keySourceUnavailable` at once.
///
/// A token whose `iss` is present and differs from `issuer` is refused with `JOSEError.Code.issuerMismatch`
/// before anything is fetched.
public final class IssuerKeySource: KeySource {
    /// The issuer identifier.
    public let issuer: String
    /// The cache and fetch settings, used for discovery and for the key set.
    public var configuration: RemoteJWKSConfiguration { fetcher.configuration }

    private let fetcher: DocumentFetcher
    private let state = Locked(DiscoveryState())
    /// The discovered key set, set once with `state.discovered`: read on every cache hit (``keysVersion``), so
    /// without a lock.
    private let discoveredKeys = SetOnce<RemoteJWKS>()

    /// A key source for `issuer`'s keys. Nothing is fetched until the first token (or `metadata()`).
    /// - Throws: `JOSEError.Code.urlNotAllowed` when `issuer` is not an allowed URL.
    public init(
        issuer: String,
        configuration: RemoteJWKSConfiguration = RemoteJWKSConfiguration(),
        logger: Logger = Logger(label: "swift-oauth-jwt.RemoteJWKS")
    ) throws(JOSEError) {
        _ = try IssuerDiscovery.metadataURLs(for: issuer, allowsInsecureHTTP: configuration.allowsInsecureHTTP)
        self.issuer = issuer
        self.fetcher = DocumentFetcher(configuration: configuration, logger: logger)
            .with("oauth_jwt.issuer", issuer)
    }

    /// The candidate keys for `token` from the issuer's key set.
    /// - Throws: `JOSEError.Code.issuerMismatch` for a token of another issuer;
    ///   `JOSEError.Code.keySourceUnavailable` when discovery fails; the errors of ``RemoteJWKS/keys(for:)``.
    public func keys(for token: UnverifiedJWT) async throws(JOSEError) -> [JWSKey] {
        if let tokenIssuer = token.claims.issuer, !tokenIssuer.hasSameBytes(as: issuer) {
            throw JOSEError(.issuerMismatch, "The token's issuer is not accepted")
        }
        let keys: RemoteJWKS
        do {
            keys = try await keySet()
        } catch {
            // Whatever went wrong with the metadata is our side's failure, not the token's.
            if error.code == .keySourceUnavailable { throw error }
            throw JOSEError(.keySourceUnavailable, "The issuer's metadata is not usable")
        }
        return try await keys.keys(for: token)
    }

    /// The candidates from the discovered key set when it has them at hand (see ``RemoteJWKS/immediateKeys(for:)``);
    /// `nil` before discovery, for a token of another issuer, or whenever `keys(for:)` must decide.
    public func immediateKeys(for token: UnverifiedJWT) -> [JWSKey]? {
        if let tokenIssuer = token.claims.issuer, !tokenIssuer.hasSameBytes(as: issuer) { return nil }
        return discoveredKeys.object?.immediateKeys(for: token)
    }

    /// The discovered key set's ``RemoteJWKS/keysVersion``; `nil` before discovery. Discovery runs once for the
    /// life of this object, so the key set (and its numbering) never changes under a reader.
    public var keysVersion: UInt64? {
        discoveredKeys.object?.keysVersion
    }

    /// `issuer`, for `IssuerPolicy.keySource`.
    public var issuers: [String]? { [issuer] }

    /// The discovered metadata, discovering it now if needed.
    /// - Throws: the errors of ``IssuerDiscovery/discover(issuer:configuration:logger:)``.
    public func metadata() async throws(JOSEError) -> AuthorizationServerMetadata {
        try await resolve(now: configuration.clock.now()).metadata
    }

    /// The key set of the issuer, discovering it now if needed.
    public func keySet() async throws(JOSEError) -> RemoteJWKS {
        try await resolve(now: configuration.clock.now()).keys
    }

    /// Discovers the metadata if needed, then fetches the key set now (see ``RemoteJWKS/refresh()``). Useful to warm
    /// the keys at startup, or to fail there when the authorization server is not usable.
    /// - Throws: the errors of ``IssuerDiscovery/discover(issuer:configuration:logger:)`` and
    ///   ``RemoteJWKS/refresh()``.
    public func refresh() async throws(JOSEError) {
        try await keySet().refresh()
    }

    /// The key set discovery produced, if it ran successfully.
    var discoveredKeySet: RemoteJWKS? { discoveredKeys.object }

    /// When discovery may run again after a failure; `nil` when it has not failed.
    var discoveryRetryAt: ContinuousClock.Instant? {
        state.withLock { $0.lastFailureAt }.map { $0 + configuration.failureRetryInterval }
    }

    /// The discovery runs started, and those that failed.
    public var discoveryStatistics: (attempts: Int, failures: Int) {
        state.withLock { ($0.attempts, $0.failures) }
    }

    private func resolve(now: ContinuousClock.Instant) async throws(JOSEError) -> Discovered {
        let configuration = configuration
        let next = state.withLock { state -> DiscoveryStep in
            if let discovered = state.discovered { return .ready(discovered) }
            if let running = state.inFlight { return .wait(running) }
            if let failedAt = state.lastFailureAt, now < failedAt + configuration.failureRetryInterval {
                return .fail(
                    state.lastError ?? JOSEError(.keySourceUnavailable, "The issuer's metadata is unavailable"))
            }
            state.attempts += 1
            let task = DiscoveryTask { await self.discover() }
            state.inFlight = task
            return .wait(task)
        }
        switch next {
        case .ready(let discovered):
            return discovered
        case .fail(let error):
            throw error
        case .wait(let task):
            return try await task.value.get()
        }
    }

    private func discover() async -> Result<Discovered, JOSEError> {
        let result: Result<Discovered, JOSEError>
        do {
            let metadata = try await IssuerDiscovery.discover(issuer: issuer, fetcher: fetcher)
            let keys = try RemoteJWKS(url: metadata.jwksURI, fetcher: fetcher)
            result = .success(Discovered(metadata: metadata, keys: keys))
        } catch {
            result = .failure(error)
        }
        let now = configuration.clock.now()
        state.withLock { $0.finish(with: result, at: now) }
        if case .success(let found) = result { discoveredKeys.set(found.keys) }
        return result
    }
}

typealias DiscoveryTask = Task<Result<Discovered, JOSEError>, Never>

struct Discovered: Sendable {
    var metadata: AuthorizationServerMetadata
    var keys: RemoteJWKS
}

enum DiscoveryStep {
    case ready(Discovered)
    case wait(DiscoveryTask)
    case fail(JOSEError)
}

struct DiscoveryState {
    var discovered: Discovered?
    var inFlight: DiscoveryTask?
    var lastFailureAt: ContinuousClock.Instant?
    var lastError: JOSEError?
    var attempts = 0
    var failures = 0

    /// Ends the running discovery: keeps what it found, or when it failed, when and why.
    mutating func finish(with result: Result<Discovered, JOSEError>, at now: ContinuousClock.Instant) {
        inFlight = nil
        switch result {
        case .success(let found):
            discovered = found
        case .failure(let error):
            failures += 1
            lastFailureAt = now
            lastError = error
        }
    }
}
