/// Where ``BearerTokenAuthenticator`` looks for the access token (RFC 6750 §2).
///
/// Only the `Authorization` header is on by default. The URI query and the form body are opt-in, as RFC 6750
/// advises: tokens in URLs end up in logs and browser history.
public struct TokenLocations: OptionSet, Sendable, Hashable {
    /// The option bits.
    public let rawValue: UInt8

    /// Creates a set from its bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// `Authorization: Bearer <token>` (RFC 6750 §2.1).
    public static let authorizationHeader = TokenLocations(rawValue: 1 << 0)
    /// An `access_token` form field in an `application/x-www-form-urlencoded` body of a request other than GET
    /// (RFC 6750 §2.2).
    public static let formBody = TokenLocations(rawValue: 1 << 1)
    /// An `access_token` parameter of the URI query (RFC 6750 §2.3).
    public static let query = TokenLocations(rawValue: 1 << 2)
}
