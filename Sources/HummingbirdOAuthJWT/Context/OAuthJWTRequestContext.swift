public import Hummingbird
public import JOSE

/// A Hummingbird request context that carries the verified access token from ``OAuthJWTMiddleware`` to the route
/// handlers (what Express's `express-oauth-jwt` puts in `req.claims`).
///
/// Use ``BasicOAuthJWTRequestContext``, or add the property to your own context:
///
/// ```swift
/// struct AppRequestContext: OAuthJWTRequestContext {
///     var coreContext: CoreRequestContextStorage
///     var verifiedToken: VerifiedJWT?
///     init(source: Source) {
///         coreContext = .init(source: source)
///         verifiedToken = nil
///     }
/// }
/// ```
public protocol OAuthJWTRequestContext: RequestContext {
    /// The token that ``OAuthJWTMiddleware`` verified for this request; `nil` before the middleware ran or on
    /// routes it does not protect.
    var verifiedToken: VerifiedJWT? { get set }
}

extension OAuthJWTRequestContext {
    /// The verified token's claims, if the request passed ``OAuthJWTMiddleware``.
    public var claims: JWTClaims? { verifiedToken?.claims }
}
