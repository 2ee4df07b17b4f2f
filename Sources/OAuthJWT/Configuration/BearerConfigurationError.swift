public import JOSE

/// A configuration that ``BearerTokenAuthenticator`` refuses, found when it is created (never per request).
///
/// The same shape as every error of this package: a stable `Code` to compare or log, and a fixed `description`.
/// New codes can be added without breaking anyone's `switch`.
public struct BearerConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable identifier of a kind of failure; compared by its `ErrorCode.rawValue`.
    public typealias Code = ErrorCode<BearerConfigurationError>

    /// The stable code.
    public let code: Code

    private init(_ code: Code) { self.code = code }

    /// The realm may contain visible ASCII characters and spaces only.
    public static let invalidRealm = Self(.invalidRealm)
    /// A scope must be a non-empty RFC 6750 scope token (visible ASCII, no space, quote or backslash).
    public static let invalidScope = Self(.invalidScope)
    /// At least one token location must be enabled.
    public static let noTokenLocation = Self(.noTokenLocation)
    /// At least one algorithm must be accepted.
    public static let noAlgorithm = Self(.noAlgorithm)
    /// `Retry-After` must not be negative.
    public static let invalidRetryAfter = Self(.invalidRetryAfter)
    /// A cache needs at least one entry and a positive lifetime.
    public static let invalidCache = Self(.invalidCache)
    /// The issuer policy accepts no issuer: an empty list, or `IssuerPolicy.keySource` with a key source that
    /// declares no issuers.
    public static let noIssuer = Self(.noIssuer)
    /// The audience policy is an empty list.
    public static let noAudience = Self(.noAudience)
    /// The DPoP policy accepts DPoP without an absolute `http(s)` origin, without an asymmetric
    /// algorithm, without room for replay entries, or with a non-positive proof age.
    public static let invalidDPoPPolicy = Self(.invalidDPoPPolicy)

    /// A short, fixed explanation, with no configured value quoted.
    public var description: String {
        switch code {
        case .invalidRealm: "The realm may contain visible ASCII characters and spaces only"
        case .invalidScope: "A scope must be a non-empty RFC 6750 scope token (visible ASCII, no quote or backslash)"
        case .noTokenLocation: "At least one token location must be enabled"
        case .noAlgorithm: "At least one algorithm must be accepted"
        case .invalidRetryAfter: "Retry-After must not be negative"
        case .invalidCache: "A cache needs at least one entry and a positive lifetime"
        case .noIssuer: "The issuer policy accepts no issuer (an empty list, or a key source that names none)"
        case .noAudience: "The audience policy accepts no audience (an empty list)"
        case .invalidDPoPPolicy: "The DPoP policy needs an http(s) origin and asymmetric algorithms"
        default: "The configuration is not valid"
        }
    }
}

extension ErrorCode where Domain == BearerConfigurationError {
    /// The realm has a character outside visible ASCII and space (a CR or LF, a control or non-ASCII character).
    public static let invalidRealm = Self("invalid_realm")
    /// A required scope is empty or has a character RFC 6750 does not allow in a scope token.
    public static let invalidScope = Self("invalid_scope")
    /// No token location is enabled.
    public static let noTokenLocation = Self("no_token_location")
    /// No algorithm is accepted.
    public static let noAlgorithm = Self("no_algorithm")
    /// The `Retry-After` duration is negative.
    public static let invalidRetryAfter = Self("invalid_retry_after")
    /// The cache has no room or no lifetime.
    public static let invalidCache = Self("invalid_cache")
    /// The issuer policy accepts no issuer.
    public static let noIssuer = Self("no_issuer")
    /// The audience policy accepts no audience.
    public static let noAudience = Self("no_audience")
    /// The DPoP policy cannot be used.
    public static let invalidDPoPPolicy = Self("invalid_dpop_policy")
}
