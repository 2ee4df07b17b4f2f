/// What ``JWTVerifier`` requires of a token beyond a valid signature.
public struct JWTValidationOptions: Sendable {
    /// The algorithms accepted at all. Default: every supported algorithm; the key↔algorithm binding still
    /// applies, so an HMAC algorithm only ever verifies with an HMAC secret.
    public var algorithms: Set<JWSAlgorithm>
    /// Accepted issuers: `iss` must equal one of them byte for byte, unless the policy is ``IssuerPolicy/any``.
    /// Default `.any`; a resource server should name its issuers (RFC 9068 §4).
    public var issuers: IssuerPolicy
    /// Accepted audiences: `aud` must contain one of them byte for byte, unless the policy is
    /// ``AudiencePolicy/any``. Default `.any`; a resource server should name itself (RFC 9068 §4).
    public var audiences: AudiencePolicy
    /// Clock tolerance applied to `exp`, `nbf`, `iat` and `maximumAge`.
    public var leeway: Duration
    /// Whether `exp` must be present. Default `true`.
    public var requireExpiration: Bool
    /// The maximum time since `iat`, or `nil` for no limit. When set, `iat` is required.
    public var maximumAge: Duration?
    /// The required header `typ`, such as `at+jwt` for RFC 9068 access tokens, or `nil` to not check.
    /// Compared as RFC 7515 says: case-insensitively, `application/` optional.
    public var type: String?
    /// Claims that must be present.
    public var requiredClaims: [String]
    /// The clock to check time claims against.
    public var clock: JWTClock
    /// The largest accepted token, checked before decoding.
    public var maximumTokenSize: Int
    /// How many candidate keys at most are tried for a token without a `kid`.
    public var maximumKeyCandidates: Int
    /// Whether an `iat` in the future (beyond the leeway) is refused even without a ``maximumAge``: what
    /// OIDCMessages asks of every JWT message (OIDC Core §3.1.3.7, RFC 7523 §3), not of access tokens.
    package var rejectsFutureIssueTime = false

    /// Creates options; every parameter has the safe default described on its property.
    public init(
        algorithms: Set<JWSAlgorithm> = Set(JWSAlgorithm.allCases),
        issuers: IssuerPolicy = .any,
        audiences: AudiencePolicy = .any,
        leeway: Duration = .zero,
        requireExpiration: Bool = true,
        maximumAge: Duration? = nil,
        type: String? = nil,
        requiredClaims: [String] = [],
        clock: JWTClock = .system,
        maximumTokenSize: Int = CompactJWS.defaultMaximumSize,
        maximumKeyCandidates: Int = 4
    ) {
        self.algorithms = algorithms
        self.issuers = issuers
        self.audiences = audiences
        self.leeway = leeway
        self.requireExpiration = requireExpiration
        self.maximumAge = maximumAge
        self.type = type
        self.requiredClaims = requiredClaims
        self.clock = clock
        self.maximumTokenSize = maximumTokenSize
        self.maximumKeyCandidates = maximumKeyCandidates
    }
}
