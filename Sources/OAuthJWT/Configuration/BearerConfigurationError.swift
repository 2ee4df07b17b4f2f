import JOSE

/// A configuration that ``BearerTokenAuthenticator`` refuses, found when it is created (never per request).
public enum BearerConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The realm has a character outside visible ASCII and space (a CR or LF, a control or non-ASCII character).
    case invalidRealm
    /// A required scope is empty or has a character RFC 6750 does not allow in a scope token (space, quote,
    /// backslash, control or non-ASCII).
    case invalidScope
    /// No token location is enabled.
    case noTokenLocation
    /// No algorithm is accepted.
    case noAlgorithm
    /// The `Retry-After` seconds are negative.
    case invalidRetryAfter
    /// The cache has no room or no lifetime.
    case invalidCache
    /// The issuer policy accepts no issuer: an empty list, or ``JOSE/IssuerPolicy/keySource`` with a key source
    /// that declares no issuers.
    case noIssuer
    /// The audience policy is an empty list.
    case noAudience

    /// A short explanation.
    public var description: String {
        switch self {
        case .invalidRealm: "The realm may contain visible ASCII characters and spaces only"
        case .invalidScope: "A scope must be a non-empty RFC 6750 scope token (visible ASCII, no quote or backslash)"
        case .noTokenLocation: "At least one token location must be enabled"
        case .noAlgorithm: "At least one algorithm must be accepted"
        case .invalidRetryAfter: "Retry-After must not be negative"
        case .invalidCache: "A cache needs at least one entry and a positive lifetime"
        case .noIssuer: "The issuer policy accepts no issuer (an empty list, or a key source that names none)"
        case .noAudience: "The audience policy accepts no audience (an empty list)"
        }
    }
}
