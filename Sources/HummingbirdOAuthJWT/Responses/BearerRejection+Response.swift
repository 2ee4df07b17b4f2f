public import Hummingbird
public import OAuthJWT

extension BearerRejection {
    /// The rejection as a Hummingbird response: its status, headers and JSON body.
    public var hummingbirdResponse: Response {
        Response(
            status: response.status, headers: response.headerFields,
            body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
