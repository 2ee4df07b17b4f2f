/// Every message type by name (Python `factory`): the OpenID Connect types first, falling back to the OAuth 2.0
/// ones, as in the original.
public enum MessageCatalog {
    /// The OAuth 2.0 types by name.
    public static let oauth2: [String: MessageSchema] = index([
        OAuth2.authorizationRequest, OAuth2.accessTokenRequest, OAuth2.ropcAccessTokenRequest,
        OAuth2.ccAccessTokenRequest, OAuth2.refreshAccessTokenRequest, OAuth2.resourceRequest, OAuth2.errorResponse,
        OAuth2.authorizationErrorResponse, OAuth2.tokenErrorResponse, OAuth2.authorizationResponse,
        OAuth2.accessTokenResponse, OAuth2.asConfigurationResponse, OAuth2.noneResponse,
        OAuth2.tokenIntrospectionRequest, OAuth2.tokenIntrospectionResponse, OAuth2.responseMessage,
    ])

    /// The OpenID Connect types by name.
    public static let openIDConnect: [String: MessageSchema] = index([
        OpenIDConnect.authorizationRequest, OpenIDConnect.openIDRequest, OpenIDConnect.accessTokenRequest,
        OpenIDConnect.refreshAccessTokenRequest, OpenIDConnect.userInfoRequest, OpenIDConnect.discoveryRequest,
        OpenIDConnect.webFingerRequest, OpenIDConnect.registrationRequest, OpenIDConnect.registrationResponse,
        OpenIDConnect.clientRegistrationErrorResponse, OpenIDConnect.authorizationErrorResponse,
        OpenIDConnect.tokenErrorResponse, OpenIDConnect.userInfoErrorResponse, OpenIDConnect.accessTokenResponse,
        OpenIDConnect.authorizationResponse, OpenIDConnect.messageWithIdToken, OpenIDConnect.idToken,
        OpenIDConnect.openIDSchema, OpenIDConnect.addressClaim, OpenIDConnect.claims, OpenIDConnect.claimsRequest,
        OpenIDConnect.jsonWebToken, OpenIDConnect.authnToken, OpenIDConnect.endSessionRequest,
        OpenIDConnect.endSessionResponse, OpenIDConnect.refreshSessionRequest, OpenIDConnect.refreshSessionResponse,
        OpenIDConnect.checkSessionRequest, OpenIDConnect.checkIDRequest, OpenIDConnect.providerConfigurationResponse,
        OpenIDConnect.jrd, OpenIDConnect.link, OpenIDConnect.logoutToken,
    ])

    /// The type named `name`: the OpenID Connect one when both define it (for example `AuthorizationRequest`),
    /// else the OAuth 2.0 one, else `nil`.
    public static func schema(named name: String) -> MessageSchema? { openIDConnect[name] ?? oauth2[name] }

    private static func index(_ schemas: [MessageSchema]) -> [String: MessageSchema] {
        Dictionary(schemas.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
