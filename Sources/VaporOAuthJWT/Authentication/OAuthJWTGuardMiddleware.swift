import JOSE
public import OAuthJWT
public import Vapor

/// Answers requests that no authenticator logged a `AccessToken` in for with 401 and the plain RFC 6750 challenge
/// of the authenticator (its realm): the guard after ``OAuthJWTAuthenticator`` in `AuthenticationMode.optional`
/// mode, chained with other authenticators.
///
/// ```swift
/// let api = app.grouped(OAuthJWTAuthenticator(authenticator, mode: .optional), OAuthJWTGuardMiddleware(authenticator))
/// ```
public struct OAuthJWTGuardMiddleware: AsyncMiddleware {
    private let rejection: BearerRejection

    /// Creates the guard with the authenticator whose challenge it sends.
    public init(_ authenticator: BearerTokenAuthenticator) {
        rejection = authenticator.rejection(.missingToken)
    }

    /// Passes requests with a verified token; answers the others with 401.
    public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.auth.has(AccessToken.self) else { return rejection.vaporResponse }
        return try await next.respond(to: request)
    }
}
