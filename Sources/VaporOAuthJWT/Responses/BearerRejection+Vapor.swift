public import OAuthJWT
public import Vapor

extension BearerRejection {
    /// The rejection as a Vapor response: its status, its `WWW-Authenticate` or `Retry-After` field and its JSON
    /// body, exactly as `BearerTokenAuthenticator` wrote them.
    public var vaporResponse: Response {
        Response(
            status: HTTPResponseStatus(statusCode: response.status.code),
            headers: HTTPHeaders(response.headerFields), body: Response.Body(string: body))
    }
}
