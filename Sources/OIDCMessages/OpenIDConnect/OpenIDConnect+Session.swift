extension OpenIDConnect {
    /// RP-initiated logout request (OpenID Connect RP-Initiated Logout 1.0 §2): `id_token_hint`,
    /// `post_logout_redirect_uri`, `state`, `ui_locales`, `client_id`, `logout_hint`, all optional.
    ///
    /// ``Message/verify(_:)`` verifies `id_token_hint` as an ID token JWT (signature only) and, following the
    /// specification, requires `id_token_hint` or `client_id` when `post_logout_redirect_uri` is present (the
    /// Python original returned `false` unless `id_token_hint` was there).
    public static let endSessionRequest = MessageSchema(
        "EndSessionRequest",
        parameters: [
            "id_token_hint": .optionalIDToken, "post_logout_redirect_uri": .optionalString, "state": .optionalString,
            "ui_locales": .optionalSpaceSeparated, "client_id": .optionalString, "logout_hint": .optionalString,
        ],
        rules: [
            MessageRule { state throws(MessageError) in
                let message = state.message
                if message.contains("post_logout_redirect_uri"), !message.contains("id_token_hint"),
                    !message.contains("client_id")
                {
                    throw MessageError(
                        .missingRequiredParameter, parameter: "id_token_hint",
                        "post_logout_redirect_uri needs id_token_hint or client_id")
                }
            },
            .embeddedJWT("id_token_hint", as: idToken, verifyContent: false),
        ])

    /// The end-session response: `state` optional.
    public static let endSessionResponse = MessageSchema("EndSessionResponse", parameters: ["state": .optionalString])

    /// Refresh-session request of a pre-1.0 OpenID Connect draft, kept for the original's catalog: `id_token`,
    /// `redirect_url` (sic) and `state` required. ``Message/verify(_:)`` validates `id_token` in full, as the
    /// ID-token responses do (signature, then the ``idToken`` checks: issuer, audience, times, nonce).
    public static let refreshSessionRequest = MessageSchema(
        "RefreshSessionRequest",
        parameters: ["id_token": .requiredIDToken, "redirect_url": .requiredString, "state": .requiredString],
        rules: [.embeddedJWT("id_token", as: idToken, verifyContent: true)])

    /// Refresh-session response of a pre-1.0 draft: `id_token` and `state` required.
    public static let refreshSessionResponse = MessageSchema(
        "RefreshSessionResponse", parameters: ["id_token": .requiredIDToken, "state": .requiredString],
        rules: [.embeddedJWT("id_token", as: idToken, verifyContent: true)])

    /// Check-session request of a pre-1.0 draft: `id_token` required. ``Message/verify(_:)`` validates `id_token`
    /// in full, as the ID-token responses do.
    public static let checkSessionRequest = MessageSchema(
        "CheckSessionRequest", parameters: ["id_token": .requiredIDToken],
        rules: [.embeddedJWT("id_token", as: idToken, verifyContent: true)])

    /// Check-ID request of a pre-1.0 draft: `access_token` required.
    public static let checkIDRequest = MessageSchema(
        "CheckIDRequest", parameters: ["access_token": .requiredString])
}
