public import Hummingbird
import JOSE
public import OAuthJWT

extension BearerTokenAuthenticator {
    /// Wraps one route handler: the handler runs only for requests this authenticator authorizes, and receives
    /// the verified token. Works with any request context; rejections are thrown as `BearerRejection`.
    ///
    /// ```swift
    /// router.get("orders", use: authenticator.secure { request, context, token in
    ///     "orders of \(token.claims.subject ?? "?")"
    /// })
    /// ```
    public func secure<Context: RequestContext, Output: ResponseGenerator>(
        _ handler: @escaping @Sendable (Request, Context, AccessToken) async throws -> Output
    ) -> @Sendable (Request, Context) async throws -> Response {
        { request, context in
            var request = request
            switch try await authenticate(&request, context: context) {
            case .authorized(let token):
                return try await handler(request, context, token).response(from: request, context: context)
            case .rejected(let rejection):
                throw rejection
            }
        }
    }
}
