public import Hummingbird
public import OAuthJWT

/// Protects every route behind it with a `BearerTokenAuthenticator` and hands the verified token to the
/// handlers in ``OAuthJWTRequestContext/verifiedToken``.
///
/// ```swift
/// let router = Router(context: BasicOAuthJWTRequestContext.self)
/// router.group("api")
///     .add(middleware: OAuthJWTMiddleware(authenticator))
///     .get("me") { _, context in context.claims?.subject ?? "" }
/// ```
///
/// A rejected request never reaches the next responder: it gets the authenticator's response (401, 400, 403 or
/// 503, with its `WWW-Authenticate` or `Retry-After`). Rejections are logged at debug level with their reason
/// only, never with token content.
public struct OAuthJWTMiddleware<Context: OAuthJWTRequestContext>: RouterMiddleware {
    /// The authenticator deciding about each request.
    public let authenticator: BearerTokenAuthenticator

    /// Creates the middleware.
    public init(_ authenticator: BearerTokenAuthenticator) {
        self.authenticator = authenticator
    }

    /// Lets the request through with its verified token, or answers it with the rejection.
    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var request = request
        switch try await authenticator.authenticate(&request, context: context) {
        case .authorized(let token):
            var context = context
            context.verifiedToken = token
            return try await next(request, context)
        case .rejected(let rejection):
            context.logger.debug(
                "Request rejected by bearer authentication",
                metadata: ["oauth_jwt.reason": "\(rejection.reason)"])
            return rejection.hummingbirdResponse
        }
    }
}

extension BearerTokenAuthenticator {
    /// Decides about a Hummingbird request: its headers, plus its query and form body when those token
    /// locations are enabled. Reading a form body collects it (up to the context's `maxUploadSize`), so the
    /// request keeps a buffered copy for the handler.
    public func authenticate<Context: RequestContext>(_ request: inout Request, context: Context) async throws
        -> BearerAuthenticationResult
    {
        let locations = configuration.tokenLocations
        let query = locations.contains(.query) ? request.uri.query : nil
        var formBody: [UInt8]? = nil
        if locations.contains(.formBody), request.method != .get, request.method != .head,
            request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true
        {
            let buffer = try await request.collectBody(upTo: context.maxUploadSize)
            formBody = Array(buffer.readableBytesView)
        }
        return await authenticate(headerFields: request.headers, query: query, formBody: formBody)
    }
}
