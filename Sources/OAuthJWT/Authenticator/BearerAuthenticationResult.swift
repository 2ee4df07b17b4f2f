/// What ``BearerTokenAuthenticator/authenticate(headerFields:query:formBody:target:clientCertificate:)`` decided for one request.
public enum BearerAuthenticationResult: Sendable {
    /// The token is valid and meets every rule: hand its claims to the handler.
    case authorized(AccessToken)
    /// The request must be answered with the rejection's response instead of reaching the handler.
    case rejected(BearerRejection)

    /// The access token, when authorized.
    public var token: AccessToken? {
        if case .authorized(let token) = self { token } else { nil }
    }

    /// The rejection, when rejected.
    public var rejection: BearerRejection? {
        if case .rejected(let rejection) = self { rejection } else { nil }
    }
}
