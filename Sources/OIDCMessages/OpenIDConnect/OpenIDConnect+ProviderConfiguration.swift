extension OpenIDConnect {
    /// OpenID Provider metadata (OIDC Discovery §3).
    ///
    /// Required: `issuer`, `authorization_endpoint`, `jwks_uri`, `response_types_supported`,
    /// `subject_types_supported`, `id_token_signing_alg_values_supported`. Defaults applied when a message is made,
    /// as Discovery §3 states them: `grant_types_supported` `[authorization_code, implicit]`,
    /// `token_endpoint_auth_methods_supported` `[client_secret_basic]`, `claims_parameter_supported` and
    /// `request_parameter_supported` `false`, `request_uri_parameter_supported` `true`, and
    /// `require_request_uri_registration` **`false`** (the Python original said `true`, contradicting Discovery §3;
    /// its non-standard `version = "3.0"` is dropped too).
    ///
    /// ``Message/verify(_:)`` checks: `issuer` is `https` (``VerificationOptions/allowHTTPIssuer`` lifts that for
    /// tests) without query or fragment, and equals ``VerificationOptions/issuer`` when given (§4.3);
    /// `scopes_supported`, when present, contains `openid` and only RFC 6749 scope characters; `token_endpoint` is
    /// present when a `code` response type is supported; `none` is not among
    /// `token_endpoint_auth_signing_alg_values_supported`; `RS256` is among
    /// `id_token_signing_alg_values_supported`.
    public static let providerConfigurationResponse = MessageSchema(
        "ProviderConfigurationResponse",
        parameters: [
            "issuer": .requiredString, "authorization_endpoint": .requiredString, "token_endpoint": .optionalString,
            "userinfo_endpoint": .optionalString, "jwks_uri": .requiredString,
            "registration_endpoint": .optionalString, "scopes_supported": .optionalList,
            "response_types_supported": .requiredList, "response_modes_supported": .optionalList,
            "grant_types_supported": .optionalList, "acr_values_supported": .optionalList,
            "subject_types_supported": .requiredList, "id_token_signing_alg_values_supported": .requiredList,
            "id_token_encryption_alg_values_supported": .optionalList,
            "id_token_encryption_enc_values_supported": .optionalList,
            "userinfo_signing_alg_values_supported": .optionalList,
            "userinfo_encryption_alg_values_supported": .optionalList,
            "userinfo_encryption_enc_values_supported": .optionalList,
            "request_object_signing_alg_values_supported": .optionalList,
            "request_object_encryption_alg_values_supported": .optionalList,
            "request_object_encryption_enc_values_supported": .optionalList,
            "token_endpoint_auth_methods_supported": .optionalList,
            "token_endpoint_auth_signing_alg_values_supported": .optionalList,
            "display_values_supported": .optionalList, "claim_types_supported": .optionalList,
            "claims_supported": .optionalList, "service_documentation": .optionalString,
            "claims_locales_supported": .optionalList, "ui_locales_supported": .optionalList,
            "claims_parameter_supported": .optionalBoolean, "request_parameter_supported": .optionalBoolean,
            "request_uri_parameter_supported": .optionalBoolean,
            "require_request_uri_registration": .optionalBoolean, "op_policy_uri": .optionalString,
            "op_tos_uri": .optionalString, "check_session_iframe": .optionalString,
            "end_session_endpoint": .optionalString, "frontchannel_logout_supported": .optionalBoolean,
            "backchannel_logout_supported": .optionalBoolean, "code_challenge_methods_supported": .optionalList,
        ],
        defaults: [
            "token_endpoint_auth_methods_supported": ["client_secret_basic"],
            "claims_parameter_supported": false,
            "request_parameter_supported": false,
            "request_uri_parameter_supported": true,
            "require_request_uri_registration": false,
            "grant_types_supported": ["authorization_code", "implicit"],
        ],
        rules: [
            .httpsURL("issuer", plain: true, issuer: true),
            .matches("issuer") { $0.issuer },
            .characterSet("scopes_supported", allowSpace: false),
            MessageRule { state throws(MessageError) in
                let message = state.message
                if let scopes = message.strings("scopes_supported"), !scopes.contains("openid") {
                    throw MessageError(.invalidValue, parameter: "scopes_supported", "openid is not listed")
                }
                if message.strings("response_types_supported")?.contains(where: { $0.contains("code") }) == true,
                    !message.contains("token_endpoint")
                {
                    throw MessageError(
                        .missingRequiredParameter, parameter: "token_endpoint", "Required when code flows are supported"
                    )
                }
                if message.strings("token_endpoint_auth_signing_alg_values_supported")?.contains("none") == true {
                    throw MessageError(
                        .valueNotAllowed, parameter: "token_endpoint_auth_signing_alg_values_supported",
                        "The value none must not be used")
                }
                if message.strings("id_token_signing_alg_values_supported")?.contains("RS256") != true {
                    throw MessageError(
                        .invalidValue, parameter: "id_token_signing_alg_values_supported", "RS256 must be included")
                }
            },
        ])
}
