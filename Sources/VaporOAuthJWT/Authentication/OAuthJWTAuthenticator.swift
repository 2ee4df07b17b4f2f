import JOSE
public import OAuthJWT
public import Vapor

/// A Vapor authenticator for OAuth 2.0 bearer tokens: it verifies the request's token with a
/// `BearerTokenAuthenticator` and logs in the `AccessToken` (and, when asked, your own user type decoded from its
/// claims) with `req.auth`.
///
/// ```swift
/// let api = app.grouped(OAuthJWTAuthenticator(authenticator, user: User.self))
/// api.get("me") { req in try req.auth.require(User.self).sub }
/// ```
///
/// A rejected request is answered at once with the exact RFC 6750 response (status, `WWW-Authenticate` or
/// `Retry-After`, JSON body), not with Vapor's error body. In `AuthenticationMode.required` mode a request without a bearer
/// token gets 401, unless an authenticator earlier in the chain already logged in the same type; in
/// `AuthenticationMode.optional` mode it continues unauthenticated, for chaining with other authenticators and
/// ``OAuthJWTGuardMiddleware``. A bad token is rejected in both modes, never ignored.
public struct OAuthJWTAuthenticator: AsyncMiddleware, Authenticator {
    /// The authenticator deciding about each request.
    public let authenticator: BearerTokenAuthenticator
    /// Whether a token is required.
    public let mode: AuthenticationMode
    private let login: @Sendable (AccessToken, Request) throws(BearerRejection) -> Void
    private let isLoggedIn: @Sendable (Request) -> Bool

    /// Creates the middleware; it logs in the `AccessToken`.
    public init(_ authenticator: BearerTokenAuthenticator, mode: AuthenticationMode = .required) {
        self.authenticator = authenticator
        self.mode = mode
        login = { token, request in request.auth.login(token) }
        isLoggedIn = { $0.auth.has(AccessToken.self) }
    }

    /// Creates the middleware; it logs in the `AccessToken` and `User`, decoded from the token's claims once per
    /// request. A token whose claims do not decode into `User` gets 401 `invalid_token`.
    public init<User: Authenticatable & Decodable & Sendable>(
        _ authenticator: BearerTokenAuthenticator, user: User.Type, mode: AuthenticationMode = .required
    ) {
        self.authenticator = authenticator
        self.mode = mode
        login = { token, request throws(BearerRejection) in
            let identity = try authenticator.identity(TokenIdentity<User>.self, of: token)
            request.auth.login(token)
            request.auth.login(identity.claims)
        }
        isLoggedIn = { $0.auth.has(User.self) }
    }

    /// Logs in an authorized request and passes it on, or answers with the rejection.
    public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        switch try await authenticator.authenticate(request) {
        case .authorized(let token):
            do {
                try login(token, request)
            } catch {
                return reject(error, request)
            }
        case .rejected(let rejection):
            if !mode.lets(rejection, continueWhenAlreadyAuthenticated: isLoggedIn(request)) {
                return reject(rejection, request)
            }
        }
        return try await next.respond(to: request)
    }

    private func reject(_ rejection: BearerRejection, _ request: Request) -> Response {
        request.logger.debug(
            "Request rejected by bearer authentication", metadata: ["oauth_jwt.reason": "\(rejection.reason)"])
        return rejection.vaporResponse
    }
}
