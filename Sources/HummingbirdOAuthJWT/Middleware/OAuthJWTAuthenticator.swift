public import Hummingbird
public import HummingbirdAuth
public import OAuthJWT

/// A hummingbird-auth authenticator for OAuth 2.0 bearer tokens: it verifies the request's token with a
/// `BearerTokenAuthenticator` and sets the context's `identity` (a `AccessToken`, a `TokenIdentity` of your
/// claims type, or any `BearerIdentity`).
///
/// ```swift
/// let router = Router(context: BasicAuthRequestContext<AccessToken>.self)
/// let api = router.group("api").add(middleware: OAuthJWTAuthenticator(authenticator))
/// api.get("me") { _, context in try context.requireIdentity().claims.subject ?? "" }
/// ```
///
/// Rejections are thrown as `BearerRejection`, an `HTTPResponseError`: Hummingbird answers with the exact RFC 6750
/// response (status, `WWW-Authenticate` or `Retry-After`, JSON body), and error middleware and metrics see it.
///
/// In `AuthenticationMode.required` mode a request without a bearer token gets 401, unless an authenticator earlier in the
/// chain already set an identity. In `AuthenticationMode.optional` mode it continues unauthenticated (`identity` stays as it
/// was), for routes that serve anonymous users too or that chain several authenticators; a bad token is rejected
/// in both modes, never ignored.
public struct OAuthJWTAuthenticator<Context: AuthRequestContext>: AuthenticatorMiddleware
where Context.Identity: BearerIdentity {
    /// The authenticator deciding about each request.
    public let authenticator: BearerTokenAuthenticator
    /// Whether a token is required.
    public let mode: AuthenticationMode

    /// Creates the middleware.
    public init(_ authenticator: BearerTokenAuthenticator, mode: AuthenticationMode = .required) {
        self.authenticator = authenticator
        self.mode = mode
    }

    /// Sets the identity of an authorized request and passes it on, or throws the rejection.
    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        // `authenticator.authenticate(_:context:)` in two steps: a cached token is decided here, without the call
        // of that generic async function (which runs unspecialized; measured at 0.03 of the secured/unsecured
        // ratio under load).
        switch authenticator.immediateStep(request) {
        case .decided(let decision):
            return try await next(request, try authenticated(context, after: decision))
        case .pending(let pending):
            var request = request  // a form-body token collects the body; the handler gets the buffered copy
            let decision = try await authenticator.decideWaiting(&request, context: context, after: pending)
            return try await next(request, try authenticated(context, after: decision))
        }
    }

    /// The identity of the request's token, or `nil` when it has none and may go on without.
    /// - Throws: the request's `BearerRejection`.
    public func authenticate(request: Request, context: Context) async throws -> Context.Identity? {
        var request = request
        let decision = try await authenticator.authenticate(&request, context: context)
        let authenticated = try authenticated(context, after: decision)
        return decision.token == nil ? nil : authenticated.identity
    }

    /// `context` with the identity an authorized decision grants; unchanged for a request without a token that may
    /// go on without.
    /// - Throws: the decision's `BearerRejection`, or the one for a token whose identity cannot be made.
    private func authenticated(_ context: Context, after decision: BearerAuthenticationResult) throws -> Context {
        var context = context
        switch decision {
        case .authorized(let token):
            do {
                context.identity = try authenticator.identity(Context.Identity.self, of: token)
            } catch {
                throw logged(error, context: context)
            }
        case .rejected(let refused):
            guard mode.lets(refused, continueWhenAlreadyAuthenticated: context.identity != nil) else {
                throw logged(refused, context: context)
            }
        }
        return context
    }

    /// Logs a rejection (its reason only) at debug level.
    private func logged(_ rejection: BearerRejection, context: Context) -> BearerRejection {
        context.logger.debug(
            "Request rejected by bearer authentication", metadata: ["oauth_jwt.reason": "\(rejection.reason)"])
        return rejection
    }
}
