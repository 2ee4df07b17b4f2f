import JOSE
public import OAuthJWT
public import Vapor

/// Checks a route-level `AccessRequirement` on the `AccessToken` that an ``OAuthJWTAuthenticator`` earlier in the
/// chain logged in: routes add scopes and claim rules on top of one group authenticator and its verified-token
/// cache.
///
/// ```swift
/// let api = app.grouped(OAuthJWTAuthenticator(authenticator))
/// api.grouped(AccessRequirementMiddleware(try authenticator.authorizer(for: .init(scopes: .allOf("read")))))
///     .get("orders") { _ in "orders" }
/// ```
///
/// A request without a verified token gets 401 with the plain challenge; one whose token misses the requirement
/// gets 403 `insufficient_scope`.
public struct AccessRequirementMiddleware: AsyncMiddleware {
    /// The prepared requirement.
    public let authorizer: BearerAuthorizer

    /// Creates the middleware from an authorizer made by `BearerTokenAuthenticator.authorizer(for:)`.
    public init(_ authorizer: BearerAuthorizer) {
        self.authorizer = authorizer
    }

    /// Passes requests whose token meets the requirement; answers the others with the rejection.
    public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let token = request.auth.get(AccessToken.self) else { return authorizer.unauthenticated.vaporResponse }
        if case .rejected(let rejection) = authorizer.authorize(token) {
            request.logger.debug(
                "Request rejected by an access requirement", metadata: ["oauth_jwt.reason": "\(rejection.reason)"])
            return rejection.vaporResponse
        }
        return try await next.respond(to: request)
    }
}
