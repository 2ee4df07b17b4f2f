extension OAuth2 {
    /// Authorization request (RFC 6749 §4.1.1, §4.2.1): `response_type` (space-separated) and `client_id`
    /// required; `scope`, `redirect_uri`, `state` optional.
    public static let authorizationRequest = MessageSchema(
        "AuthorizationRequest",
        parameters: [
            "response_type": .requiredSpaceSeparated,
            "client_id": .requiredString,
            "scope": .optionalSpaceSeparated,
            "redirect_uri": .optionalString,
            "state": .optionalString,
        ])

    /// Access token request with an authorization code (RFC 6749 §4.1.3). `grant_type` defaults to and must be
    /// `authorization_code`.
    ///
    /// Follows RFC 6749 rather than the Python original: `redirect_uri` is optional (the RFC requires it only
    /// when the authorization request carried one, which this message cannot know), and `grant_type` is
    /// restricted to `authorization_code`.
    public static let accessTokenRequest = MessageSchema.tokenRequest(
        "AccessTokenRequest", grantType: "authorization_code",
        parameters: [
            "code": .requiredString,
            "redirect_uri": .optionalString,
            "client_id": .optionalString,
            "client_secret": .optionalString,
            "state": .optionalString,
        ])

    /// Resource owner password credentials request (RFC 6749 §4.3.2).
    ///
    /// Follows RFC 6749 rather than the Python original, which made `username` and `password` optional and set no
    /// `grant_type`: both are required and `grant_type` defaults to and must be `password`.
    public static let ropcAccessTokenRequest = MessageSchema.tokenRequest(
        "ROPCAccessTokenRequest", grantType: "password",
        parameters: [
            "username": .requiredString,
            "password": .requiredString,
            "scope": .optionalSpaceSeparated,
        ])

    /// Client credentials request (RFC 6749 §4.4.2); `grant_type` defaults to and must be `client_credentials`.
    public static let ccAccessTokenRequest = MessageSchema.tokenRequest(
        "CCAccessTokenRequest", grantType: "client_credentials",
        parameters: ["scope": .optionalSpaceSeparated])

    /// Refresh request (RFC 6749 §6); `grant_type` defaults to and must be `refresh_token`.
    public static let refreshAccessTokenRequest = MessageSchema.tokenRequest(
        "RefreshAccessTokenRequest", grantType: "refresh_token",
        parameters: [
            "refresh_token": .requiredString,
            "scope": .optionalSpaceSeparated,
            "client_id": .optionalString,
            "client_secret": .optionalString,
        ])

    /// A protected-resource request carrying the token as a parameter (RFC 6750 §2.2–2.3).
    public static let resourceRequest = MessageSchema(
        "ResourceRequest", parameters: ["access_token": .optionalString])
}

extension MessageSchema {
    /// A token request of one grant type (RFC 6749 §4.1.3, §4.3.2, §4.4.2, §6): `grant_type` comes first, is
    /// required, defaults to `grantType` and may take no other value; `parameters` follow it.
    fileprivate static func tokenRequest(
        _ name: String, grantType: String, parameters: KeyValuePairs<String, ParameterSpec>
    ) -> MessageSchema {
        MessageSchema(
            name, parameters: ["grant_type": .requiredString], defaults: ["grant_type": .string(grantType)],
            allowedValues: ["grant_type": [grantType]]
        ).extending(name, parameters: parameters)
    }
}
