public import Hummingbird
public import OAuthJWT

extension BearerRejection: HTTPResponseError {
    /// The rejection's status: 401, 400, 403 or 503.
    public var status: HTTPResponse.Status { response.status }

    /// The rejection as a Hummingbird response: its status, its `WWW-Authenticate` or `Retry-After` field and its
    /// JSON body, exactly as ``OAuthJWT/BearerTokenAuthenticator`` wrote them.
    public func response(from request: Request, context: some RequestContext) -> Response {
        Response(
            status: response.status, headers: response.headerFields,
            body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
