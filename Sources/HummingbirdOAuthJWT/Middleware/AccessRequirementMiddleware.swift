public import Hummingbird
public import HummingbirdAuth
public import OAuthJWT

/// Checks a route-level `AccessRequirement` on the identity that an ``OAuthJWTAuthenticator`` earlier in the chain
/// set: routes add scopes and claim rules on top of one group authenticator and its verified-token cache.
///
/// ```swift
/// let api = router.group("api").add(middleware: OAuthJWTAuthenticator(authenticator))
/// api.group("orders")
///     .add(middleware: AccessRequirementMiddleware(try authenticator.authorizer(for: .init(scopes: .allOf("read")))))
///     .get { _, context in "orders" }
/// ```
///
/// A request without an identity gets 401 with the plain challenge; one whose token misses the requirement gets
/// 403 `insufficient_scope`. Both are thrown as `BearerRejection`.
public struct AccessRequirementMiddleware<Context: AuthRequestContext>: RouterMiddleware
where Context.Identity: BearerIdentity {
    /// The prepared requirement.
    public let authorizer: BearerAuthorizer

    /// Creates the middleware from an authorizer made by `BearerTokenAuthenticator.authorizer(for:)`.
    public init(_ authorizer: BearerAuthorizer) {
        self.authorizer = authorizer
    }

    /// Passes requests whose identity meets the requirement; throws the rejection otherwise.
    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let identity = context.identity else { throw authorizer.unauthenticated }
        if case .rejected(let rejection) = authorizer.authorize(identity.accessToken) {
            context.logger.debug(
                "Request rejected by an access requirement", metadata: ["oauth_jwt.reason": "\(rejection.reason)"])
            throw rejection
        }
        return try await next(request, context)
    }
}
