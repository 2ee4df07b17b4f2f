import JOSE

extension OpenIDConnect {
    /// The OpenID Connect authorization error codes: RFC 6749 §4.1.2.1 plus OIDC Core §3.1.2.6.
    ///
    /// The Python original listed the draft name `session_selection_required` where OIDC Core says
    /// `account_selection_required`, and by extending the list in place also made the OAuth 2.0 type accept these
    /// codes; here ``OAuth2/authorizationErrorResponse`` keeps only the RFC 6749 codes.
    public static let authorizationErrorCodes =
        OAuth2.authorizationErrorCodes + [
            "interaction_required", "login_required", "account_selection_required", "consent_required",
            "invalid_request_uri", "invalid_request_object", "request_not_supported", "request_uri_not_supported",
            "registration_not_supported",
        ]

    /// The authorization error response with the OpenID Connect codes (`authorizationErrorCodes`).
    public static let authorizationErrorResponse = OAuth2.authorizationErrorResponse.extending(
        "AuthorizationErrorResponse", allowedValues: ["error": authorizationErrorCodes])

    /// The token error response: the same as ``OAuth2/tokenErrorResponse``.
    public static let tokenErrorResponse = OAuth2.tokenErrorResponse

    /// The UserInfo error response (RFC 6750 §3.1): `error` one of `invalid_request`, `invalid_token`,
    /// `insufficient_scope` (the Python original also allowed the draft code `invalid_schema`).
    public static let userInfoErrorResponse = OAuth2.errorResponse.extending(
        "UserInfoErrorResponse", allowedValues: ["error": ["invalid_request", "invalid_token", "insufficient_scope"]])

    /// The token response (OIDC Core §3.1.3.3): ``OAuth2/accessTokenResponse`` plus `id_token`.
    /// ``Message/verify(_:)`` verifies the ID token (signature with ``VerificationOptions/keys`` and every
    /// `idToken` rule) and returns it under `id_token`.
    public static let accessTokenResponse = OAuth2.accessTokenResponse.extending(
        "AccessTokenResponse", parameters: ["id_token": .optionalIDToken],
        rules: [.embeddedJWT("id_token", as: idToken, verifyContent: true)])

    /// The authorization response of every OpenID Connect flow (OIDC Core §3.1.2.5, §3.2.2.5, §3.3.2.5): `code`,
    /// `access_token`, `token_type`, `expires_in`, `refresh_token`, `scope`, `state`, `iss`, `client_id`,
    /// `id_token`, `session_state`, all optional.
    ///
    /// ``Message/verify(_:)`` checks `iss` and `client_id` as ``OAuth2/authorizationResponse`` does, verifies the
    /// ID token like `accessTokenResponse`, and then requires `at_hash` to match `access_token` and `c_hash` to
    /// match `code` when those are in the response (OIDC Core §3.3.2.11) — code `MessageError.Code.hashMismatch`.
    public static let authorizationResponse = MessageSchema(
        "AuthorizationResponse",
        parameters: [
            "code": .optionalString, "access_token": .optionalString, "token_type": .optionalString,
            "expires_in": .optionalInteger, "refresh_token": .optionalString, "scope": .optionalSpaceSeparated,
            "state": .optionalString, "iss": .optionalString, "client_id": .optionalString,
            "id_token": .optionalIDToken, "session_state": .optionalString,
        ],
        rules: [
            .matches("client_id") { $0.clientID }, .matches("iss") { $0.issuer },
            .embeddedJWT("id_token", as: idToken, verifyContent: true),
            MessageRule { state throws(MessageError) in
                guard let token = state.verified["id_token"], let algorithm = state.algorithms["id_token"] else {
                    return
                }
                for (value, claim) in [("access_token", "at_hash"), ("code", "c_hash")] {
                    guard let text = state.message.string(value) else { continue }
                    guard let hash = token.string(claim) else {
                        throw MessageError(
                            .missingRequiredParameter, parameter: "id_token.\(claim)", "The ID token has no \(claim)")
                    }
                    guard hash == leftHalfHash(text, algorithm: algorithm) else {
                        throw MessageError(.hashMismatch, parameter: "id_token.\(claim)", "The \(claim) does not match")
                    }
                }
            },
        ])

    /// A message whose one required parameter is an ID token; ``Message/verify(_:)`` verifies it fully and returns
    /// it under `id_token`.
    public static let messageWithIdToken = MessageSchema(
        "MessageWithIdToken", parameters: ["id_token": .requiredIDToken],
        rules: [.embeddedJWT("id_token", as: idToken, verifyContent: true)])
}
