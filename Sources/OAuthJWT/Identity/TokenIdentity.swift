public import JOSE

/// An access token together with its claims decoded into your own type, once per request.
///
/// ```swift
/// struct OrderClaims: Decodable, Sendable {
///     let sub: String
///     let tenant: String
/// }
/// // Hummingbird: BasicAuthRequestContext<TokenIdentity<OrderClaims>>, then context.identity?.claims.tenant
/// ```
///
/// A token whose claims do not decode into `Claims` is answered with 401 `invalid_token`.
public struct TokenIdentity<Claims: Decodable & Sendable>: BearerIdentity {
    /// The access token.
    public let accessToken: AccessToken
    /// The token's claims as your type.
    public let claims: Claims

    /// Decodes the claims of an access token.
    /// - Throws: the decoding error when the claims do not have the shape of `Claims`.
    public init(accessToken: AccessToken) throws {
        self.accessToken = accessToken
        self.claims = try accessToken.claims.decode(as: Claims.self)
    }
}
