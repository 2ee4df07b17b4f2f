public import HTTPTypes
public import JOSE
import Tracing

/// Protects a resource with OAuth 2.0 bearer tokens (RFC 6750) carrying JWT access tokens: the framework-agnostic
/// `secure()`.
///
/// Make one at start-up and ask it about each request. It finds the token, verifies it with keys from the
/// key source, checks the claims, scopes and rules of its `Configuration`, and answers either
/// ``BearerAuthenticationResult/authorized(_:)`` with the verified token or
/// ``BearerAuthenticationResult/rejected(_:)`` with the exact response to send:
///
/// | case | status | `WWW-Authenticate` |
/// |---|---|---|
/// | no token, other scheme | 401 | `Bearer realm="…"` |
/// | malformed credential, several tokens | 400 | `error="invalid_request"` |
/// | bad token | 401 | `error="invalid_token"` |
/// | missing scope | 403 | `error="insufficient_scope"` with `scope="…"` |
/// | claim rule or predicate failed | 403 | `error="insufficient_scope"` |
/// | key source unavailable | 503 | none; `Retry-After` |
///
/// ```swift
/// var configuration = BearerTokenAuthenticator.Configuration(issuers: [issuer], audiences: ["api"])
/// configuration.scopes = .allOf("read")
/// let authenticator = try BearerTokenAuthenticator(keys: keySource, configuration: configuration)
///
/// switch await authenticator.authenticate(headerFields: request.headerFields) {
/// case .authorized(let token): print(token.claims.subject ?? "-")
/// case .rejected(let rejection): send(rejection.response, rejection.body)
/// }
/// ```
///
/// Copies share one verified-token cache. Nothing here logs, and no response contains token content. Decisions and
/// cache activity are counted through swift-metrics (``Configuration/metricsFactory``), and each decision can run in
/// a span (``Configuration/tracesDecisions``).
public struct BearerTokenAuthenticator: Sendable {
    /// The rules this authenticator enforces.
    public let configuration: Configuration
    /// Where verification keys come from.
    public let keys: any KeySource

    private let verifier: JWTVerifier
    private let extractor: TokenExtractor
    private let writer: ChallengeWriter
    /// The configuration's own requirement, checked on every request.
    private let authorizer: BearerAuthorizer
    private let cache: VerifiedTokenCache?
    /// With the cache on: concurrent misses for one token share one verification.
    private let shared: SingleFlight<CachedTokenKey, Result<VerifiedJWT, JOSEError>>?
    private let metrics: DecisionMetrics
    /// The validation options' time rules, checked on every cache hit.
    private let timeRules: ClaimTimeRules
    /// With DPoP accepted: the proof checks and the replay cache.
    private let dpop: (verifier: DPoPProofVerifier, replays: DPoPReplayCache)?
    var cacheStorage: VerifiedTokenCache? { cache }

    /// Creates an authenticator.
    /// - Parameters:
    ///   - keys: the key source, such as a `RemoteJWKS` or a `StaticKeySource`.
    ///   - configuration: what to check.
    /// - Throws: ``BearerConfigurationError`` when a realm or scope could not be sent safely in a header, or the
    ///   configuration would reject every request.
    public init(keys: some KeySource, configuration: Configuration) throws(BearerConfigurationError) {
        try configuration.check(keys: keys)
        self.configuration = configuration
        self.keys = keys
        verifier = JWTVerifier(keys: keys, options: configuration.validation, decryption: configuration.decryption)
        timeRules = ClaimTimeRules(configuration.validation)
        var extractor = TokenExtractor(locations: configuration.tokenLocations)
        extractor.acceptsDPoP = configuration.dpop.mode != .disabled
        self.extractor = extractor
        writer = ChallengeWriter(
            realm: configuration.realm, scopes: configuration.scopes, retryAfter: configuration.retryAfter,
            dpop: configuration.dpop)
        dpop =
            configuration.dpop.mode == .disabled
            ? nil
            : (
                DPoPProofVerifier(policy: configuration.dpop),
                DPoPReplayCache(maximumEntries: configuration.dpop.maximumReplayEntries)
            )
        // The configuration's own rules are part of this authenticator's decision: counted once, below.
        authorizer = BearerAuthorizer(requirement: configuration.requirement, writer: writer, metrics: nil)
        metrics = DecisionMetrics(factory: configuration.metricsFactory, stage: .authenticate)
        if case .enabled(let maximumEntries, let lifetime) = configuration.cache.mode {
            cache = VerifiedTokenCache(
                maximumEntries: maximumEntries, lifetime: lifetime, evictions: metrics.cacheEvictions)
            shared = SingleFlight()
        } else {
            cache = nil
            shared = nil
        }
    }

    /// Creates an authenticator that accepts tokens by introspection alone (RFC 7662): every token is asked about,
    /// none is verified as a JWT (``IntrospectionPolicy/allTokens(_:)``).
    /// - Parameters:
    ///   - introspector: how tokens are introspected, such as a `RemoteTokenIntrospector`.
    ///   - configuration: what to check; its `introspection` is replaced. `IssuerPolicy.keySource` names no issuer
    ///     here (there are no keys): list the issuers, or name `IssuerPolicy.any`.
    /// - Throws: ``BearerConfigurationError`` as for `init(keys:configuration:)`.
    public init(introspector: some TokenIntrospector, configuration: Configuration) throws(BearerConfigurationError) {
        var configuration = configuration
        configuration.introspection = .allTokens(introspector)
        try self.init(keys: NoKeys(), configuration: configuration)
    }

    /// The key source of an authenticator without keys: every JWT is introspected instead.
    private struct NoKeys: KeySource {
        func keys(for token: UnverifiedJWT) async throws(JOSEError) -> [JWSKey] {
            throw JOSEError(.noMatchingKey, "This authenticator has no keys")
        }
    }

    /// Decides about one request.
    ///
    /// - Parameters:
    ///   - headerFields: the request's header fields (the `Authorization` header, and `Content-Type` for a form).
    ///   - query: the request's raw, still percent-encoded URI query without `?`; read only when
    ///     ``TokenLocations/query`` is enabled.
    ///   - formBody: the request's body; read only when ``TokenLocations/formBody`` is enabled and the content
    ///     type is `application/x-www-form-urlencoded`. Pass `nil` for GET requests (RFC 6750 §2.2).
    ///   - target: the request's method, path and authority, which a DPoP proof is checked against. Without it, a
    ///     token sent with the `DPoP` scheme gets 401 `invalid_dpop_proof`.
    ///   - clientCertificate: the DER certificate the client presented on the TLS connection, read only with
    ///     ``CertificateBinding/tlsConnection`` (a certificate-bound token is refused without it).
    public func authenticate(
        headerFields: HTTPFields, query: String? = nil, formBody: [UInt8]? = nil, target: RequestTarget? = nil,
        clientCertificate: [UInt8]? = nil
    ) async -> BearerAuthenticationResult {
        let request = RequestCredentials(headerFields: headerFields, clientCertificate: clientCertificate)
        if configuration.tracesDecisions, let tracer = DecisionTracing.activeTracer {
            return await DecisionTracing.trace(with: tracer, stage: .authenticate, metrics: metrics) {
                await decide(request, query: query, formBody: formBody, target: target)
            }
        }
        let result = await decide(request, query: query, formBody: formBody, target: target)
        metrics.record(result)
        return result
    }

    /// Decides about a request at once, without suspending, when its header fields and query settle it: a bearer
    /// token the verified-token cache holds, or a request refused before any token is verified (no token, a
    /// malformed credential, several tokens). `nil` when the decision needs more: verifying or introspecting the
    /// token, a DPoP proof, or the client certificate of the TLS connection for a certificate-bound token; then
    /// ``authenticate(headerFields:query:formBody:target:clientCertificate:)`` decides, as it does every request.
    /// It is always `nil` when ``TokenLocations/formBody`` is enabled, as a body it has not read may hold a token.
    ///
    /// Adapters ask this first, so that a repeated token never suspends and skips the async frames behind
    /// ``authenticate(headerFields:query:formBody:target:clientCertificate:)``. A decision made here is counted as
    /// ``authenticate(headerFields:query:formBody:target:clientCertificate:)`` counts it; with
    /// ``Configuration/tracesDecisions`` and a tracer bootstrapped it is `nil`, so that every decision gets its span.
    /// - Parameters:
    ///   - headerFields: the request's header fields.
    ///   - query: the request's raw URI query without `?`, when ``readsQuery`` says it is read.
    public func immediateDecision(headerFields: HTTPFields, query: String? = nil) -> BearerAuthenticationResult? {
        guard case .decided(let result) = immediateStep(headerFields: headerFields, query: query) else { return nil }
        return result
    }

    /// The first step of a decision, for the framework adapters: decided without suspending, as
    /// ``immediateDecision(headerFields:query:)`` decides, or what it found, for
    /// ``authenticate(after:headerFields:query:formBody:target:clientCertificate:)`` to go on from, so that a
    /// request's credential is found and looked up in the cache once.
    package func immediateStep(headerFields: HTTPFields, query: String?) -> DecisionStep {
        guard !configuration.tokenLocations.contains(.formBody),
            !configuration.tracesDecisions || DecisionTracing.activeTracer == nil
        else { return .pending(PendingDecision(look: nil)) }
        let extracted = extractor.extract(headerFields: headerFields, query: query, formBody: nil)
        let look = firstLook(
            extracted, request: RequestCredentials(headerFields: headerFields),
            knowsClientCertificate: !configuration.certificateBinding.readsConnectionCertificate)
        guard case .decided(let result) = look else { return .pending(PendingDecision(look: look)) }
        metrics.record(result)
        return .decided(result)
    }

    /// The second step of a decision that ``immediateStep(headerFields:query:)`` left pending: the same decision
    /// as ``authenticate(headerFields:query:formBody:target:clientCertificate:)``, from the token the first step
    /// found (or from the start when it did not look: a form body to read, or a traced decision).
    package func authenticate(
        after pending: PendingDecision, headerFields: HTTPFields, query: String?, formBody: [UInt8]?,
        target: RequestTarget?, clientCertificate: [UInt8]?
    ) async -> BearerAuthenticationResult {
        guard let look = pending.look else {
            return await authenticate(
                headerFields: headerFields, query: query, formBody: formBody, target: target,
                clientCertificate: clientCertificate)
        }
        let request = RequestCredentials(headerFields: headerFields, clientCertificate: clientCertificate)
        let result = await finish(look, request: request, target: target)
        metrics.record(result)
        return result
    }

    /// The outcome of ``immediateStep(headerFields:query:)``.
    package enum DecisionStep: Sendable {
        /// Decided (and counted).
        case decided(BearerAuthenticationResult)
        /// Left to ``authenticate(after:headerFields:query:formBody:target:clientCertificate:)``.
        case pending(PendingDecision)
    }

    /// What the first step found and could not decide: the token left to check, or nothing when it did not look.
    package struct PendingDecision: Sendable {
        fileprivate let look: FirstLook?
    }

    /// Decides about a swift-http-types request: its header fields, the query of its path when
    /// ``TokenLocations/query`` is enabled, and its method, path and authority for DPoP proofs.
    /// - Parameters:
    ///   - request: the request's head.
    ///   - formBody: the body, when ``readsFormBody(method:contentType:)`` says it is read.
    ///   - clientCertificate: the DER certificate of the TLS connection, for ``CertificateBinding/tlsConnection``.
    public func authenticate(_ request: HTTPRequest, formBody: [UInt8]? = nil, clientCertificate: [UInt8]? = nil)
        async -> BearerAuthenticationResult
    {
        var query: String?
        if readsQuery, let path = request.path, let mark = path.firstIndex(of: "?") {
            query = String(path[path.index(after: mark)...])
        }
        return await authenticate(
            headerFields: request.headerFields, query: query, formBody: formBody, target: RequestTarget(request),
            clientCertificate: clientCertificate)
    }

    /// Decides about a token found by other means (for example a WebSocket subprotocol): verification, scopes
    /// and rules, as for a token from a request. A token that is not an RFC 6750 `b64token` gets 400; a DPoP-bound
    /// or certificate-bound token is refused, as there is no proof or certificate to check it against.
    public func authenticate(token: String) async -> BearerAuthenticationResult {
        if configuration.tracesDecisions, let tracer = DecisionTracing.activeTracer {
            return await DecisionTracing.trace(with: tracer, stage: .authenticate, metrics: metrics) {
                await decide(token: token)
            }
        }
        let result = await decide(token: token)
        metrics.record(result)
        return result
    }

    private func decide(_ request: RequestCredentials, query: String?, formBody: [UInt8]?, target: RequestTarget?)
        async -> BearerAuthenticationResult
    {
        let extracted = extractor.extract(headerFields: request.headerFields, query: query, formBody: formBody)
        return await finish(
            firstLook(extracted, request: request, knowsClientCertificate: true), request: request, target: target)
    }

    /// The decision after the first look: verification (or introspection), a DPoP proof, the key binding.
    private func finish(_ look: FirstLook, request: RequestCredentials, target: RequestTarget?) async
        -> BearerAuthenticationResult
    {
        switch look {
        case .decided(let result): return result
        case .bearer(let token): return await authenticate(bearerToken: token, request: request)
        case .dpop(let token): return await authenticate(dpopToken: token, request: request, target: target)
        }
    }

    /// What the extracted credential settles without suspending, or the token left to check.
    fileprivate enum FirstLook: Sendable {
        /// Decided: refused before any token is checked, or a cache hit.
        case decided(BearerAuthenticationResult)
        /// A bearer token the cache could not settle.
        case bearer(String)
        /// A token sent with the `DPoP` scheme.
        case dpop(String)
    }

    /// Refuses what the credential alone refuses, and decides a bearer token the cache settles; a hit is decided
    /// without a suspension point or another async frame.
    private func firstLook(
        _ extracted: TokenExtractor.Outcome, request: RequestCredentials, knowsClientCertificate: Bool
    ) -> FirstLook {
        switch extracted {
        case .none: return .decided(.rejected(writer.rejection(.missingToken)))
        case .malformed: return .decided(.rejected(writer.rejection(.invalidRequest)))
        case .several: return .decided(.rejected(writer.invalidRequest(ErrorDescription.severalTokens)))
        case .token(let token):
            guard configuration.dpop.mode != .required else {
                return .decided(.rejected(writer.invalidRequest(ErrorDescription.dpopRequired, scheme: .dpop)))
            }
            if let result = cachedDecision(
                bearerToken: token, request: request, knowsClientCertificate: knowsClientCertificate)
            {
                return .decided(result)
            }
            return .bearer(token)
        case .dpopToken(let token): return .dpop(token)
        }
    }

    /// A bearer token's decision from a cache hit, without suspending: the time claims checked and the key known
    /// to be served (by the cache's lookup), and for a plain bearer token that meets the scopes and claim rules
    /// (settled when it was cached) nothing else but the predicate. `nil` when the cache cannot settle the token, or
    /// when the token is bound to a certificate and the caller does not know the connection's
    /// (`knowsClientCertificate` false).
    private func cachedDecision(bearerToken token: String, request: RequestCredentials, knowsClientCertificate: Bool)
        -> BearerAuthenticationResult?
    {
        // Optional chaining borrows the shared cache where `guard let` would retain and release it: on every hit from
        // every core, a reference count that moves between the cores.
        guard
            case .hit(let hit)? = cache?.lookup(
                token, now: verifier.options.clock.secondsSinceEpoch, keysVersion: keys.keysVersion,
                timeRules: timeRules)
        else { return nil }
        if hit.settled.isUnbound, hit.settled.meetsClaimRules, authorizer.requirement.predicate == nil {
            metrics.cacheHits.increment()
            return .authorized(hit.accessToken)
        }
        guard hit.settled.isUnbound || knowsClientCertificate else { return nil }
        metrics.cacheHits.increment()
        return decision(for: hit.accessToken, request: request)
    }

    /// Checks the DPoP proof of a token sent with the `DPoP` scheme, then the token and its key binding.
    private func authenticate(dpopToken token: String, request: RequestCredentials, target: RequestTarget?) async
        -> BearerAuthenticationResult
    {
        guard let dpop else { return .rejected(writer.rejection(.missingToken)) }
        guard TokenSyntax.isB64Token(token) else { return .rejected(writer.rejection(.invalidRequest)) }
        let proofs = request.headerFields[values: .dpop]
        guard proofs.count <= 1 else {
            return .rejected(writer.invalidRequest(ErrorDescription.severalProofs, scheme: .dpop))
        }
        guard let proofText = proofs.first else {
            return .rejected(writer.rejection(.invalidDPoPProof(.dpopProofMissing)))
        }
        guard let origin = configuration.dpop.origin, let url = target?.url(under: origin), let target else {
            return .rejected(writer.rejection(.invalidDPoPProof(.dpopRequestMismatch)))
        }
        let now = verifier.options.clock.secondsSinceEpoch
        let proof: DPoPProofVerifier.Proof
        do {
            proof = try dpop.verifier.verify(
                proofText, method: target.method.rawValue, url: url, accessToken: token, now: now)
        } catch {
            return .rejected(writer.rejection(.invalidDPoPProof(error.code)))
        }
        let verified: AccessToken
        do {
            guard let accepted = try await accept(token) else { return .rejected(writer.rejection(.invalidRequest)) }
            verified = accepted
        } catch {
            return rejection(for: error, scheme: .dpop)
        }
        if let failure = bindingFailure(of: verified, proofKey: proof.thumbprint, request: request) {
            return .rejected(writer.rejection(failure, scheme: .dpop))
        }
        // Recorded only for a proof that passed every other check, so refused proofs cannot fill the cache.
        guard dpop.replays.insert(jti: proof.jti, thumbprint: proof.thumbprint, expiresAt: proof.expiresAt, now: now)
        else {
            return .rejected(writer.rejection(.invalidDPoPProof(.dpopReplayed)))
        }
        return authorizer.authorize(verified, scheme: .dpop)
    }

    private func decide(token: String) async -> BearerAuthenticationResult {
        guard TokenSyntax.isB64Token(token) else { return .rejected(writer.rejection(.invalidRequest)) }
        guard configuration.dpop.mode != .required else {
            return .rejected(writer.invalidRequest(ErrorDescription.dpopRequired, scheme: .dpop))
        }
        return await authenticate(bearerToken: token, request: RequestCredentials(headerFields: HTTPFields()))
    }

    private func rejection(for error: JOSEError, scheme: ChallengeWriter.Scheme) -> BearerAuthenticationResult {
        if error.code == .keySourceUnavailable { return .rejected(writer.rejection(.keySourceUnavailable)) }
        if error.code == .introspectionUnavailable { return .rejected(writer.rejection(.introspectionUnavailable)) }
        return .rejected(writer.rejection(.invalidToken(error.code), scheme: scheme))
    }

    /// What a request offers besides the token: its header fields (DPoP proofs, a `Client-Cert` header) and the
    /// certificate of its TLS connection.
    private struct RequestCredentials {
        var headerFields: HTTPFields
        var clientCertificate: [UInt8]? = nil
    }

    /// Decides about a bearer token, which gets 400 when it is not a `b64token` (checked after the cache).
    private func authenticate(bearerToken token: String, request: RequestCredentials) async
        -> BearerAuthenticationResult
    {
        let verified: AccessToken
        do {
            guard let accepted = try await accept(token) else { return .rejected(writer.rejection(.invalidRequest)) }
            verified = accepted
        } catch {
            return rejection(for: error, scheme: .bearer)
        }
        return decision(for: verified, request: request)
    }

    /// The decision about an accepted bearer token: its key binding, then the requirement.
    private func decision(for verified: AccessToken, request: RequestCredentials) -> BearerAuthenticationResult {
        if let failure = bindingFailure(of: verified, proofKey: nil, request: request) {
            return .rejected(writer.rejection(failure, scheme: .bearer))
        }
        return authorizer.authorize(verified, scheme: .bearer)
    }

    /// Why a verified token's confirmation (`cnf`) does not hold for this request, or `nil` when it does: a `jkt`
    /// needs a DPoP proof by that key (as a bearer token it is refused, RFC 9449 §7.2), an `x5t#S256` the client
    /// certificate with that hash (RFC 8705 §3). `cnf` is picked out when the claims are parsed, so a token without
    /// it costs nothing here.
    private func bindingFailure(of verified: AccessToken, proofKey: String?, request: RequestCredentials)
        -> BearerRejection.Reason?
    {
        guard let confirmation = verified.claims.confirmation else {
            return proofKey == nil ? nil : .invalidToken(.dpopKeyBindingMismatch)
        }
        let bound = confirmation["jkt"]
        if let proofKey {
            guard let bound = bound?.stringValue, bound.hasSameBytes(as: proofKey) else {
                return .invalidToken(.dpopKeyBindingMismatch)
            }
        } else if bound != nil {
            return .invalidToken(.dpopKeyBindingMismatch)
        }
        return ClientCertificate.failure(
            of: confirmation, headerFields: request.headerFields, connectionCertificate: request.clientCertificate,
            binding: configuration.certificateBinding)
    }

    /// Prepares a route-level requirement on top of this authenticator's own: the returned authorizer checks
    /// tokens this authenticator verified (so routes share its verified-token cache) and answers with its realm.
    /// - Throws: ``BearerConfigurationError/invalidScope`` when a scope could not be sent in a challenge.
    public func authorizer(for requirement: AccessRequirement) throws(BearerConfigurationError) -> BearerAuthorizer {
        try requirement.check()
        return BearerAuthorizer(
            requirement: requirement,
            writer: ChallengeWriter(
                realm: configuration.realm, scopes: requirement.scopes, retryAfter: configuration.retryAfter,
                dpop: configuration.dpop),
            metrics: DecisionMetrics(factory: configuration.metricsFactory, stage: .requirement))
    }

    /// The response this authenticator gives for `reason`, for adapters that decide a case themselves (such as a
    /// protected route reached without a token).
    public func rejection(_ reason: BearerRejection.Reason) -> BearerRejection {
        writer.rejection(reason)
    }

    /// Makes the identity of an authorized token.
    /// - Throws: the 401 `invalid_token` rejection (reason `invalid_claim`) when the identity cannot be made.
    public func identity<Identity: BearerIdentity>(_ type: Identity.Type, of token: AccessToken)
        throws(BearerRejection) -> Identity
    {
        do {
            return try Identity(accessToken: token)
        } catch {
            throw writer.rejection(.invalidToken(.invalidClaim))
        }
    }

    /// Accepts a token: by introspection when the configuration says so for it, else as a JWT. `nil` when it is
    /// not an RFC 6750 `b64token`: checked before anything is asked of a key source or an introspection endpoint,
    /// but after the verified-token cache, which only holds tokens that passed.
    private func accept(_ token: String) async throws(JOSEError) -> AccessToken? {
        guard let introspector = configuration.introspection.introspector(for: token) else {
            return try await verify(token)
        }
        guard TokenSyntax.isB64Token(token) else { return nil }
        let options = verifier.options
        guard token.utf8.count <= options.maximumTokenSize else {
            throw JOSEError(.tokenTooLarge, "The token is larger than the accepted maximum")
        }
        switch try await introspector.introspect(token) {
        case .inactive:
            throw JOSEError(.inactiveToken, "The authorization server says the token is not active")
        case .active(let claims):
            try options.validate(claims: claims)
            return AccessToken(introspected: claims)
        }
    }

    /// Verifies the signature and claims, from the cache when it holds a live entry whose key is still served;
    /// `nil` for a token that is not a `b64token`.
    private func verify(_ token: String) async throws(JOSEError) -> AccessToken? {
        guard let cache, let shared else {
            guard TokenSyntax.isB64Token(token) else { return nil }
            return AccessToken(try await verifier.verify(token))
        }
        let now = verifier.options.clock.secondsSinceEpoch
        // Read before the keys are asked for: a set replaced meanwhile gives another version, never this one.
        let keysVersion = keys.keysVersion
        switch cache.lookup(token, now: now, keysVersion: keysVersion, timeRules: timeRules) {
        case .hit(let hit):
            metrics.cacheHits.increment()
            return hit.accessToken
        case .recheck(let entry):
            let valid: Bool
            do {
                valid = try await isStillValid(entry, keysVersion: keysVersion, in: cache)
            } catch {
                cache.remove(token)
                throw error
            }
            if valid {
                metrics.cacheHits.increment()
                return entry.accessToken
            }
            cache.remove(token)
        case .miss:
            break
        }
        guard TokenSyntax.isB64Token(token) else { return nil }
        metrics.cacheMisses.increment()
        let verifier = verifier
        let requirement = authorizer.requirement
        return AccessToken(
            try await shared.outcome(for: CachedTokenKey(token)) {
                do throws(JOSEError) {
                    let (verified, parsed) = try await verifier.verifyKeepingParsedToken(token)
                    let settled = VerifiedTokenCache.Settled(
                        isUnbound: verified.claims.confirmation == nil,
                        meetsClaimRules: requirement.claimsFailure(for: verified.claims) == nil)
                    cache.insert(
                        token, verified: verified, parsed: parsed, now: verifier.options.clock.secondsSinceEpoch,
                        settled: settled, keysVersion: keysVersion)
                    return .success(verified)
                } catch {
                    return .failure(error)
                }
            }.get())
    }

    /// The full checks of a cached token that the lookup could not settle: every claim check against the current
    /// time (its error is the token's error), then whether its key is still served. A key found served under a
    /// `keysVersion` is remembered, so the next lookups are hits again.
    private func isStillValid(_ entry: VerifiedTokenCache.Entry, keysVersion: UInt64?, in cache: VerifiedTokenCache)
        async throws(JOSEError) -> Bool
    {
        try verifier.options.validate(header: entry.verified.header, claims: entry.verified.claims)
        let served: Bool
        if let immediate = keys.immediateKeys(for: entry.token) {
            served = isServed(entry, by: immediate)
        } else if let fetched = try? await keys.keys(for: entry.token) {
            served = isServed(entry, by: fetched)
        } else {
            served = false  // any error counts as "no longer served"
        }
        if served, let keysVersion { cache.confirm(entry, keysVersion: keysVersion) }
        return served
    }

    /// Whether the key that verified a cached token is among the key source's candidates for it (within the
    /// candidate limit), and as served now still usable for the token's algorithm (a republished key set may have
    /// changed its `alg`, `use` or `key_ops`): its immediate keys when it has them, so a hit costs no `await`.
    private func isServed(_ entry: VerifiedTokenCache.Entry, by candidates: [JWSKey]) -> Bool {
        let algorithm = entry.verified.header.algorithm
        return candidates.prefix(max(1, verifier.options.maximumKeyCandidates)).contains { candidate in
            entry.key.matches(candidate) && (try? candidate.checkUsable(for: algorithm, operation: .verify)) != nil
        }
    }
}
