public import Hummingbird
public import JOSE

/// Hummingbird's basic request context plus the verified token: a ready-made ``OAuthJWTRequestContext``.
///
/// ```swift
/// let router = Router(context: BasicOAuthJWTRequestContext.self)
/// ```
public struct BasicOAuthJWTRequestContext: OAuthJWTRequestContext {
    /// Hummingbird's storage for the standard context values.
    public var coreContext: CoreRequestContextStorage
    /// The verified token, set by ``OAuthJWTMiddleware``.
    public var verifiedToken: VerifiedJWT?

    /// Creates the context of a new request.
    public init(source: Source) {
        coreContext = .init(source: source)
        verifiedToken = nil
    }
}
