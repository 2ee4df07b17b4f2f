public import JOSE

/// The audience of a token: one string or a list, written as given.
public enum TokenAudience: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByArrayLiteral {
    /// One audience, written as a string.
    case single(String)
    /// Several audiences, written as an array.
    case list([String])

    /// Creates `single(_:)`.
    public init(stringLiteral value: String) { self = .single(value) }
    /// Creates `list(_:)`.
    public init(arrayLiteral elements: String...) { self = .list(elements) }

    var json: JSONValue {
        switch self {
        case .single(let value): .string(value)
        case .list(let values): .array(values.map(JSONValue.string))
        }
    }
}

/// The options of ``TokenProfile/toJWT(_:key:options:)`` (node-jsonwebtoken v8 `sign` options).
public struct TokenSignOptions: Sendable {
    /// The `alg`: a JWS algorithm name or `none`. Default `HS256`.
    public var algorithm: String
    /// `exp`, relative to `iat`.
    public var expiresIn: TimeSpan?
    /// `nbf`, relative to now.
    public var notBefore: TimeSpan?
    /// Becomes `aud` (refused when the payload has one).
    public var audience: TokenAudience?
    /// Becomes `iss` (refused when the payload has one).
    public var issuer: String?
    /// Becomes `sub` (refused when the payload has one).
    public var subject: String?
    /// Becomes `jti` (refused when the payload has one).
    public var jwtid: String?
    /// Leaves out `iat` (also one given in the payload).
    public var noTimestamp: Bool
    /// Members merged into the header after `alg`, `typ` and `kid`, replacing those of the same name except `alg`.
    public var header: [String: JSONValue]
    /// The header `kid`; defaults to the signing key's `JWSKey.keyID`.
    public var keyid: String?
    /// The explicit opt-in for `algorithm: "none"` (the original's `setNoneAlgorithm(true)`).
    public var allowUnsecured: Bool
    /// The clock giving "now" for `iat` and `nbf`.
    public var clock: JWTClock

    /// Creates options.
    public init(
        algorithm: String = "HS256", expiresIn: TimeSpan? = nil, notBefore: TimeSpan? = nil,
        audience: TokenAudience? = nil, issuer: String? = nil, subject: String? = nil, jwtid: String? = nil,
        noTimestamp: Bool = false, header: [String: JSONValue] = [:], keyid: String? = nil,
        allowUnsecured: Bool = false, clock: JWTClock = .system
    ) {
        self.algorithm = algorithm
        self.expiresIn = expiresIn
        self.notBefore = notBefore
        self.audience = audience
        self.issuer = issuer
        self.subject = subject
        self.jwtid = jwtid
        self.noTimestamp = noTimestamp
        self.header = header
        self.keyid = keyid
        self.allowUnsecured = allowUnsecured
        self.clock = clock
    }
}

/// One accepted audience of ``TokenVerifyOptions/audience``: an exact string or a regular expression.
public enum AudienceMatcher: Sendable, Hashable, ExpressibleByStringLiteral {
    /// Equal to this string.
    case exact(String)
    /// Matched somewhere by this regular expression (like JavaScript's `RegExp.test`); an invalid pattern matches
    /// nothing.
    case pattern(String)

    /// Creates `exact(_:)`.
    public init(stringLiteral value: String) { self = .exact(value) }

    func matches(_ audience: String) -> Bool {
        switch self {
        case .exact(let value): return value.hasSameBytes(as: audience)
        case .pattern(let pattern):
            guard let regex = try? Regex(pattern) else { return false }
            return audience.contains(regex)
        }
    }

    var text: String {
        switch self {
        case .exact(let value): value
        case .pattern(let pattern): "/\(pattern)/"
        }
    }
}

/// The options of ``TokenProfile/fromJWT(_:key:options:)`` (node-jsonwebtoken v8 `verify` options).
public struct TokenVerifyOptions: Sendable {
    /// Tolerance on `nbf`, `exp` and `maxAge`.
    public var clockTolerance: Duration
    /// Accepted `alg` values; by default every algorithm the key supports (`["none"]` for an unsigned token).
    public var algorithms: [String]?
    /// Accepted audiences: the token's `aud` (or one of them) must match one.
    public var audience: [AudienceMatcher]?
    /// Accepted issuers.
    public var issuer: [String]?
    /// The required `sub`.
    public var subject: String?
    /// The required `jti`.
    public var jwtid: String?
    /// Skip the `exp` check.
    public var ignoreExpiration: Bool
    /// Skip the `nbf` check.
    public var ignoreNotBefore: Bool
    /// The longest time since `iat`.
    public var maxAge: TimeSpan?
    /// The explicit opt-in for unsecured (`alg: none`) tokens; it also needs ``TokenVerificationKey/none``.
    public var allowUnsecured: Bool
    /// The clock; `JWTClock.fixed(_:)` pins "now" (node-jsonwebtoken's `clockTimestamp`).
    public var clock: JWTClock

    /// Creates options.
    public init(
        clockTolerance: Duration = .zero, algorithms: [String]? = nil, audience: [AudienceMatcher]? = nil,
        issuer: [String]? = nil, subject: String? = nil, jwtid: String? = nil, ignoreExpiration: Bool = false,
        ignoreNotBefore: Bool = false, maxAge: TimeSpan? = nil,
        allowUnsecured: Bool = false, clock: JWTClock = .system
    ) {
        self.clockTolerance = clockTolerance
        self.algorithms = algorithms
        self.audience = audience
        self.issuer = issuer
        self.subject = subject
        self.jwtid = jwtid
        self.ignoreExpiration = ignoreExpiration
        self.ignoreNotBefore = ignoreNotBefore
        self.maxAge = maxAge
        self.allowUnsecured = allowUnsecured
        self.clock = clock
    }
}
