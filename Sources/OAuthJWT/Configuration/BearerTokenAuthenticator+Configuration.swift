public import CoreMetrics
public import JOSE

/// Decides, once per request, whether a token may pass: extra checks on an accepted access token.
public typealias TokenPredicate = @Sendable (AccessToken) -> Bool

extension BearerTokenAuthenticator {
    /// Everything ``BearerTokenAuthenticator`` checks besides the signature, set once at start-up.
    ///
    /// A resource server must validate `iss` and `aud` (RFC 9068 §4), so both are decisions every configuration
    /// states: a list, `IssuerPolicy.keySource` for the issuers a key source serves, or `IssuerPolicy.any`
    /// / `AudiencePolicy.any` as a named opt-out that reads as one in code review.
    ///
    /// ```swift
    /// var configuration = BearerTokenAuthenticator.Configuration(
    ///     issuers: ["https://issuer.example"], audiences: ["api://orders"])
    /// configuration.realm = "orders"
    /// configuration.scopes = .allOf("orders:read")
    /// configuration.claimRules = [.present("sub")]
    /// ```
    public struct Configuration: Sendable {
        /// Algorithms, issuers, audiences, leeway, `typ`, maximum age, required claims and the clock, as the JOSE
        /// verifier checks them. The default accepts the asymmetric algorithms only.
        public var validation: JWTValidationOptions
        /// The `realm` of every challenge, or `nil` to send none. Visible ASCII and spaces only; quotes and
        /// backslashes are escaped.
        public var realm: String?
        /// The scopes a token must carry; a token without them gets 403 `insufficient_scope`.
        public var scopes: ScopeRequirement
        /// Claim rules; every rule must hold, or the request gets 403 `insufficient_scope`.
        public var claimRules: [ClaimRule]
        /// A last check of your own on the verified token; `false` is answered like a failed claim rule.
        public var predicate: TokenPredicate?
        /// Where the token may be sent. Default: the `Authorization` header only.
        public var tokenLocations: TokenLocations
        /// The cache of verified tokens. Default: on, 1024 entries.
        public var cache: VerifiedTokenCachePolicy
        /// The `Retry-After` of a 503 answer when the key source is unavailable, sent in whole seconds (rounded
        /// up). Default 30 seconds.
        public var retryAfter: Duration
        /// Where decisions and verified-token cache activity are counted (swift-metrics; the labels are listed in
        /// the Observability article). Default: the factory bootstrapped with `MetricsSystem` when this
        /// configuration is made, so nothing is recorded unless the application bootstraps a backend first.
        public var metricsFactory: any MetricsFactory
        /// Whether each decision runs in a span `oauth_jwt.authenticate` of the tracer bootstrapped with
        /// swift-distributed-tracing, with the outcome as attributes. Default: `false`. With no tracer bootstrapped no
        /// span is made either way.
        public var tracesDecisions: Bool
        /// Whether DPoP-bound tokens are accepted (RFC 9449). Default: ``DPoPPolicy/disabled``, the `Bearer`
        /// scheme only (a DPoP-bound token sent as a bearer token is refused in every mode).
        public var dpop: DPoPPolicy
        /// Where client certificates come from, for certificate-bound tokens (RFC 8705). Default:
        /// ``CertificateBinding/disabled`` (certificate-bound tokens are refused).
        public var certificateBinding: CertificateBinding
        /// Which tokens are checked by asking the authorization server (RFC 7662). Default:
        /// ``IntrospectionPolicy/disabled`` (JWTs only).
        public var introspection: IntrospectionPolicy
        /// The keys that decrypt encrypted access tokens (a JWE around a signed JWT), or `nil` to accept plain signed
        /// tokens only. With `JWTDecryption.isRequired` plain tokens are refused. A token that does not decrypt gets
        /// 401 `invalid_token` (`decryption_failed`). Default: `nil`.
        public var decryption: JWTDecryption?

        /// A configuration with the JOSE options given by name.
        ///
        /// - Parameters:
        ///   - issuers: accepted `iss` values (compared byte for byte), `IssuerPolicy.keySource`, or
        ///     `IssuerPolicy.any` to not check.
        ///   - audiences: accepted `aud` values (any one of them must be in the token, byte for byte), or
        ///     `AudiencePolicy.any` to not check.
        ///   - algorithms: accepted `alg` values. Default: RS, PS, ES and EdDSA; pass HS algorithms only with
        ///     a shared-secret key source.
        ///   - leeway: clock tolerance for `exp`, `nbf` and `iat`.
        ///   - type: required header `typ` (such as `at+jwt`), or `nil`.
        ///   - maximumAge: the longest accepted time since `iat`, or `nil`.
        ///   - clock: where the time comes from (tests pin it).
        public init(
            issuers: IssuerPolicy,
            audiences: AudiencePolicy,
            algorithms: Set<JWSAlgorithm> = JWSAlgorithm.asymmetric,
            leeway: Duration = .zero,
            type: String? = nil,
            maximumAge: Duration? = nil,
            clock: JWTClock = .system
        ) {
            self.init(
                issuers: issuers, audiences: audiences,
                validation: JWTValidationOptions(
                    algorithms: algorithms, leeway: leeway, maximumAge: maximumAge, type: type, clock: clock))
        }

        /// A configuration around complete JOSE validation options, with the issuer and audience decisions stated
        /// here (they replace those of `validation`).
        public init(issuers: IssuerPolicy, audiences: AudiencePolicy, validation: JWTValidationOptions) {
            self.validation = validation
            self.validation.issuers = issuers
            self.validation.audiences = audiences
            self.realm = nil
            self.scopes = .none
            self.claimRules = []
            self.predicate = nil
            self.tokenLocations = .authorizationHeader
            self.cache = .enabled()
            self.retryAfter = .seconds(30)
            self.metricsFactory = MetricsSystem.factory
            self.tracesDecisions = false
            self.dpop = .disabled
            self.certificateBinding = .disabled
            self.introspection = .disabled
            self.decryption = nil
        }

        /// The scopes, claim rules and predicate as one requirement.
        var requirement: AccessRequirement {
            AccessRequirement(scopes: scopes, claimRules: claimRules, predicate: predicate)
        }

        /// Checks the values that end up in response headers or that would make every request fail; `keys` is the
        /// key source `IssuerPolicy.keySource` is resolved against.
        func check(keys: some KeySource) throws(BearerConfigurationError) {
            if validation.issuers.resolved(with: keys).acceptedIssuers?.isEmpty == true { throw .noIssuer }
            if validation.audiences.acceptedAudiences?.isEmpty == true { throw .noAudience }
            if let realm, !realm.utf8.allSatisfy(TokenSyntax.isRealmCharacter) {
                throw .invalidRealm
            }
            try requirement.check()
            if tokenLocations.isEmpty { throw .noTokenLocation }
            if validation.algorithms.isEmpty { throw .noAlgorithm }
            if retryAfter < .zero { throw .invalidRetryAfter }
            try dpop.check()
            if case .enabled(let maximumEntries, let lifetime) = cache.mode,
                maximumEntries < 1 || lifetime <= .zero
            {
                throw .invalidCache
            }
        }
    }
}
