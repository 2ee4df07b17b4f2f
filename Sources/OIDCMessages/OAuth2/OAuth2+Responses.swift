extension OAuth2 {
    /// The error response (RFC 6749 §5.2): `error` required; `error_description` and `error_uri` optional, with
    /// the RFC 6749 Appendix A character sets checked (the Python PHEAD check, which allowed only letters, space
    /// and `!`, was stricter than the RFC and is not copied).
    public static let errorResponse = MessageSchema(
        "ErrorResponse",
        parameters: [
            "error": .requiredString,
            "error_description": .optionalString,
            "error_uri": .optionalString,
        ],
        rules: [
            .characterSet("error"), .characterSet("error_description"), .characterSet("error_uri", allowSpace: false),
        ])

    /// A response that may be an error (the reference's `ResponseMessage`): `error`, `error_description` and
    /// `error_uri` all optional, with ``errorResponse``'s character-set checks. Read a response with it when it is
    /// not yet known whether it is an error, then check `error`.
    public static let responseMessage = errorResponse.extending(
        "ResponseMessage", parameters: ["error": .optionalString])

    /// The error codes of RFC 6749 §4.1.2.1.
    public static let authorizationErrorCodes = [
        "invalid_request", "unauthorized_client", "access_denied", "unsupported_response_type", "invalid_scope",
        "server_error", "temporarily_unavailable",
    ]

    /// Authorization error response (RFC 6749 §4.1.2.1): `errorResponse` plus `state`, `error` one of
    /// `authorizationErrorCodes`.
    public static let authorizationErrorResponse = errorResponse.extending(
        "AuthorizationErrorResponse", parameters: ["state": .optionalString],
        allowedValues: ["error": authorizationErrorCodes])

    /// Token error response (RFC 6749 §5.2), `error` one of its six codes.
    public static let tokenErrorResponse = errorResponse.extending(
        "TokenErrorResponse",
        allowedValues: [
            "error": [
                "invalid_request", "invalid_client", "invalid_grant", "unauthorized_client", "unsupported_grant_type",
                "invalid_scope",
            ]
        ])

    /// Authorization response (RFC 6749 §4.1.2): `code` required, `state` optional; `iss` (RFC 9207) and
    /// `client_id` optional. ``Message/verify(_:)`` checks `iss` and `client_id` against
    /// ``VerificationOptions/issuer`` and ``VerificationOptions/clientID`` when both sides are present.
    public static let authorizationResponse = MessageSchema(
        "AuthorizationResponse",
        parameters: [
            "code": .requiredString,
            "state": .optionalString,
            "iss": .optionalString,
            "client_id": .optionalString,
        ],
        rules: [.matches("client_id") { $0.clientID }, .matches("iss") { $0.issuer }])

    /// Access token response (RFC 6749 §5.1).
    public static let accessTokenResponse = MessageSchema(
        "AccessTokenResponse",
        parameters: [
            "access_token": .requiredString,
            "token_type": .requiredString,
            "expires_in": .optionalInteger,
            "refresh_token": .optionalString,
            "scope": .optionalSpaceSeparated,
            "state": .optionalString,
        ])

    /// A response with only an optional `state` (for `response_type=none`, OAuth 2.0 Multiple Response Types §4).
    public static let noneResponse = MessageSchema("NoneResponse", parameters: ["state": .optionalString])
}
