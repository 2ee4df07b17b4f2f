import HTTPTypes
public import OAuthJWT
public import Vapor

extension BearerTokenAuthenticator {
    /// Decides about a Vapor request: its headers, plus its query and form body when those token locations are
    /// enabled. Reading a form body collects it (up to the application's default maximum body size), so the
    /// handler still finds it in `req.body`.
    public func authenticate(_ request: Request) async throws -> BearerAuthenticationResult {
        let query = readsQuery ? request.url.query : nil
        var formBody: [UInt8]? = nil
        if let method = HTTPRequest.Method(request.method.rawValue),
            readsFormBody(method: method, contentType: request.headers.first(name: .contentType))
        {
            let limit = request.application.routes.defaultMaxBodySize.value
            formBody = try await request.body.collect(max: limit).get().map { Array($0.readableBytesView) } ?? []
        }
        return await authenticate(
            headerFields: HTTPFields(authenticationFieldsOf: request.headers), query: query, formBody: formBody)
    }
}
