public import JOSE

/// A configuration that ``BearerTokenAuthenticator`` refuses, found when it is created (never per request).
///
/// The same shape as every error of this package: a stable `Code` to compare or log, and a short `message`.
/// New codes can be added without breaking anyone's `switch`.
public struct BearerConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable identifier of a kind of failure; compared by its `ErrorCode.rawValue`.
    public typealias Code = ErrorCode<BearerConfigurationError>

    /// The stable code.
    public let code: Code
    /// A short explanation, with no configured value quoted.
    public let message: String

    private init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }

    /// The realm may contain visible ASCII characters and spaces only.
    public static let invalidRealm = Self(
        .invalidRealm, "The realm may contain visible ASCII characters and spaces only")
    /// A scope must be a non-empty RFC 6750 scope token (visible ASCII, no space, quote or backslash).
    public static let invalidScope = Self(
        .invalidScope, "A scope must be a non-empty RFC 6750 scope token (visible ASCII, no quote or backslash)")
    /// At least one token location must be enabled.
    public static let noTokenLocation = Self(.noTokenLocation, "At least one token location must be enabled")
    /// At least one algorithm must be accepted.
    public static let noAlgorithm = Self(.noAlgorithm, "At least one algorithm must be accepted")
    /// `Retry-After` must not be negative.
    public static let invalidRetryAfter = Self(.invalidRetryAfter, "Retry-After must not be negative")
    /// A cache needs at least one entry and a positive lifetime.
    public static let invalidCache = Self(.invalidCache, "A cache needs at least one entry and a positive lifetime")
    /// The issuer policy accepts no issuer: an empty list, or `IssuerPolicy.keySource` with a key source that
    /// declares no issuers.
    public static let noIssuer = Self(
        .noIssuer, "The issuer policy accepts no issuer (an empty list, or a key source that names none)")
    /// The audience policy is an empty list.
    public static let noAudience = Self(.noAudience, "The audience policy accepts no audience (an empty list)")
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
}
