public import JOSE

/// A verified token together with its claims decoded into your own type, once per request.
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
    /// The verified token.
    public let verifiedToken: VerifiedJWT
    /// The token's claims as your type.
    public let claims: Claims

    /// Decodes the claims of a verified token.
    /// - Throws: the decoding error when the claims do not have the shape of `Claims`.
    public init(verifiedToken: VerifiedJWT) throws {
        self.verifiedToken = verifiedToken
        self.claims = try verifiedToken.claims.decode(as: Claims.self)
    }
}
