/// What a framework adapter hands to route handlers for an authorized request: made from the access token once per
/// request, and keeping it for route-level checks.
///
/// ``AccessToken`` itself is one; ``TokenIdentity`` adds your own claims type, decoded once.
public protocol BearerIdentity: Sendable {
    /// Makes the identity of a token that the authenticator verified and authorized. An error here answers the
    /// request with 401 `invalid_token` (the token is valid but lacks what the server needs of it).
    init(accessToken: AccessToken) throws

    /// The token the identity was made from.
    var accessToken: AccessToken { get }
}
