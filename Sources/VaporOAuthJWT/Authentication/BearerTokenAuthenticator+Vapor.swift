import HTTPTypes
public import OAuthJWT
public import Vapor

extension BearerTokenAuthenticator {
    /// Decides about a Vapor request: its headers, plus its query and form body when those token locations are
    /// enabled. Reading a form body collects it (up to the application's default maximum body size), so the
    /// handler still finds it in `req.body`.
    public func authenticate(_ request: Request) async throws -> BearerAuthenticationResult {
        let locations = configuration.tokenLocations
        let query = locations.contains(.query) ? request.url.query : nil
        var formBody: [UInt8]? = nil
        if locations.contains(.formBody), request.method != .GET, request.method != .HEAD,
            request.headers.first(name: .contentType)?.lowercased().hasPrefix("application/x-www-form-urlencoded")
                == true
        {
            let limit = request.application.routes.defaultMaxBodySize.value
            formBody = try await request.body.collect(max: limit).get().map { Array($0.readableBytesView) } ?? []
        }
        return await authenticate(headerFields: HTTPFields(request.headers), query: query, formBody: formBody)
    }
}
