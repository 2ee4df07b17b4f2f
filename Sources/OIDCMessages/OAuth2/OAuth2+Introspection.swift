extension OAuth2 {
    /// Token introspection request (RFC 7662 §2.1): `token` required, `token_type_hint` optional, and the client
    /// authentication parameters a protected resource may send with it (`client_id`, and `client_assertion_type`
    /// with `client_assertion`, RFC 7523 §2.2).
    public static let tokenIntrospectionRequest = MessageSchema(
        "TokenIntrospectionRequest",
        parameters: [
            "token": .requiredString, "token_type_hint": .optionalString, "client_id": .optionalString,
            "client_assertion_type": .optionalString, "client_assertion": .optionalString,
        ],
        rules: [.together("client_assertion_type", "client_assertion")])

    /// Token introspection response (RFC 7662 §2.2): `active` (a Boolean) required; `scope` (space-separated),
    /// `client_id`, `username`, `token_type`, `exp`, `iat`, `nbf`, `sub`, `aud` (one string or a list), `iss` and
    /// `jti` optional. `"active": false` is a present value: an inactive token, not a missing parameter.
    public static let tokenIntrospectionResponse = MessageSchema(
        "TokenIntrospectionResponse",
        parameters: [
            "active": .requiredBoolean, "scope": .optionalSpaceSeparated, "client_id": .optionalString,
            "username": .optionalString, "token_type": .optionalString, "exp": .optionalInteger,
            "iat": .optionalInteger, "nbf": .optionalInteger, "sub": .optionalString, "aud": .optionalList,
            "iss": .optionalString, "jti": .optionalString,
        ])
}
