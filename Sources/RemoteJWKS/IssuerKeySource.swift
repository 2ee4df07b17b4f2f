public import JOSE
public import Logging

/// The key source of one issuer, found through discovery on first use and cached from then on.
///
/// Unlike ``RemoteJWKS/discover(issuer:configuration:httpClient:logger:)``, creating it does no I/O, so a server
/// starts even while its authorization server is down. The first token runs discovery (concurrent tokens share that
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
    public let configuration: RemoteJWKSConfiguration

    private let httpClient: any JWKSHTTPClient
    private let logger: Logger
    private let state = Locked(DiscoveryState())

    /// A key source for `issuer`'s keys. Nothing is fetched until the first token (or `metadata()`).
    /// - Throws: `JOSEError.Code.urlNotAllowed` when `issuer` is not an allowed URL.
    public init(
        issuer: String,
        configuration: RemoteJWKSConfiguration = RemoteJWKSConfiguration(),
        httpClient: any JWKSHTTPClient = AsyncHTTPClientJWKSFetcher.shared,
        logger: Logger = Logger(label: "swift-oauth-jwt.RemoteJWKS")
    ) throws(JOSEError) {
        _ = try IssuerDiscovery.metadataURLs(for: issuer, allowsInsecureHTTP: configuration.allowsInsecureHTTP)
        self.issuer = issuer
        self.configuration = configuration
        self.httpClient = httpClient
        var logger = logger
        logger[metadataKey: "oauth_jwt.issuer"] = "\(issuer)"
        self.logger = logger
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
        return state.withLock { $0.discovered?.keys }?.immediateKeys(for: token)
    }

    /// `issuer`, for `IssuerPolicy.keySource`.
    public var issuers: [String]? { [issuer] }

    /// The discovered metadata, discovering it now if needed.
    /// - Throws: the errors of ``IssuerDiscovery/discover(issuer:configuration:httpClient:logger:)``.
    public func metadata() async throws(JOSEError) -> AuthorizationServerMetadata {
        try await resolve(now: configuration.clock.now()).metadata
    }

    /// The key set of the issuer, discovering it now if needed.
    public func keySet() async throws(JOSEError) -> RemoteJWKS {
        try await resolve(now: configuration.clock.now()).keys
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
            let metadata = try await IssuerDiscovery.discover(
                issuer: issuer, configuration: configuration, httpClient: httpClient, logger: logger)
            let keys = try RemoteJWKS(
                url: metadata.jwksURI, configuration: configuration, httpClient: httpClient, logger: logger)
            result = .success(Discovered(metadata: metadata, keys: keys))
        } catch {
            result = .failure(error)
        }
        let now = configuration.clock.now()
        state.withLock { state in
            state.inFlight = nil
            switch result {
            case .success(let discovered):
                state.discovered = discovered
            case .failure(let error):
                state.failures += 1
                state.lastFailureAt = now
                state.lastError = error
            }
        }
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
}
