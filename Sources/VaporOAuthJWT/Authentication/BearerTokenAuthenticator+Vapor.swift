import HTTPTypes
public import OAuthJWT
public import Vapor

extension BearerTokenAuthenticator {
    /// Decides about a Vapor request: its headers, plus its query and form body when those token locations are
    /// enabled, and its method, path and `Host` for DPoP proofs. Reading a form body collects it (up to the application's default maximum body size), so the
    /// handler still finds it in `req.body`.
    public func authenticate(_ request: Request) async throws -> BearerAuthenticationResult {
        let query = readsQuery ? request.url.query : nil
        let method = HTTPRequest.Method(request.method.rawValue)
        var formBody: [UInt8]? = nil
        if let method, readsFormBody(method: method, contentType: request.headers.first(name: .contentType)) {
            let limit = request.application.routes.defaultMaxBodySize.value
            formBody = try await request.body.collect(max: limit).get().map { Array($0.readableBytesView) } ?? []
        }
        let target =
            readsRequestTarget
            ? method.map {
                RequestTarget(method: $0, path: request.url.path, authority: request.headers.first(name: .host))
            }
            : nil
        return await authenticate(
            headerFields: HTTPFields(
                authenticationFieldsOf: request.headers,
                clientCertificate: configuration.certificateBinding.clientCertificateHeader),
            query: query, formBody: formBody,
            target: target)
    }
}
