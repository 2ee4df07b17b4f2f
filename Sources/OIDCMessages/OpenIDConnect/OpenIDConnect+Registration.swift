extension OpenIDConnect {
    /// The client metadata of OIDC Dynamic Client Registration §2, as a registration request (§3.1):
    /// `redirect_uris` required; `application_type` defaults to `web` and `response_types` to `["code"]` (as in the
    /// Python original; the other defaults of §2 are left to the provider).
    ///
    /// ``Message/verify(_:)`` checks: `application_type` is `native` or `web`, `subject_type` `public` or
    /// `pairwise`; `initiate_login_uri` is `https`; for each encryption pair (`request_object_encryption_*`,
    /// `id_token_encrypted_response_*`, `userinfo_encrypted_response_*`) an `_enc` needs its `_alg`;
    /// `token_endpoint_auth_signing_alg` is not `none`; `jwks` and `jwks_uri` are not both present. An `_alg`
    /// without `_enc` means `A128CBC-HS256` (§2); unlike the Python original, verify does not write that value
    /// into the message.
    public static let registrationRequest = MessageSchema(
        "RegistrationRequest",
        parameters: [
            "redirect_uris": .requiredList, "response_types": .optionalList, "grant_types": .optionalList,
            "application_type": .optionalString, "contacts": .optionalList, "client_name": .optionalString,
            "logo_uri": .optionalString, "client_uri": .optionalString, "policy_uri": .optionalString,
            "tos_uri": .optionalString, "jwks": .optionalJSON, "jwks_uri": .optionalString,
            "sector_identifier_uri": .optionalString, "subject_type": .optionalString,
            "id_token_signed_response_alg": .optionalString, "id_token_encrypted_response_alg": .optionalString,
            "id_token_encrypted_response_enc": .optionalString, "userinfo_signed_response_alg": .optionalString,
            "userinfo_encrypted_response_alg": .optionalString, "userinfo_encrypted_response_enc": .optionalString,
            "request_object_signing_alg": .optionalString, "request_object_encryption_alg": .optionalString,
            "request_object_encryption_enc": .optionalString, "token_endpoint_auth_method": .optionalString,
            "token_endpoint_auth_signing_alg": .optionalString, "default_max_age": .optionalInteger,
            "require_auth_time": .optionalBoolean, "default_acr_values": .optionalList,
            "initiate_login_uri": .optionalString, "request_uris": .optionalList,
            "post_logout_redirect_uris": .optionalList,
        ],
        defaults: ["application_type": "web", "response_types": ["code"]],
        allowedValues: ["application_type": ["native", "web"], "subject_type": ["public", "pairwise"]],
        rules: registrationRules)

    static let registrationRules: [MessageRule] = [
        .httpsURL("initiate_login_uri"),
        MessageRule { state throws(MessageError) in
            let message = state.message
            for prefix in ["request_object_encryption", "id_token_encrypted_response", "userinfo_encrypted_response"]
            where message.contains(prefix + "_enc") && !message.contains(prefix + "_alg") {
                throw MessageError(.missingRequiredParameter, parameter: prefix + "_alg", "An _enc needs its _alg")
            }
            if message.string("token_endpoint_auth_signing_alg") == "none" {
                throw MessageError(
                    .valueNotAllowed, parameter: "token_endpoint_auth_signing_alg", "none is not allowed")
            }
            if message.contains("jwks"), message.contains("jwks_uri") {
                throw MessageError(.invalidValue, parameter: "jwks", "jwks and jwks_uri must not both be present")
            }
        },
    ]

    /// The registration response (OIDC Dynamic Client Registration §3.2): `client_id` required, the issued
    /// credentials, and every `registrationRequest` parameter (so `redirect_uris` is required), without defaults.
    /// ``Message/verify(_:)`` adds: `registration_access_token` and `registration_client_uri` come together, and
    /// `client_secret_expires_at` is required when a `client_secret` is issued.
    public static let registrationResponse = registrationRequest.extending(
        "RegistrationResponse",
        parameters: [
            "client_id": .requiredString, "client_secret": .optionalString,
            "registration_access_token": .optionalString, "registration_client_uri": .optionalString,
            "client_id_issued_at": .optionalInteger, "client_secret_expires_at": .optionalInteger,
        ],
        removing: [],
        rules: [
            .together("registration_access_token", "registration_client_uri"),
            MessageRule { state throws(MessageError) in
                if state.message.contains("client_secret"), !state.message.contains("client_secret_expires_at") {
                    throw MessageError(
                        .missingRequiredParameter, parameter: "client_secret_expires_at",
                        "Required when a client secret is issued")
                }
            },
        ]
    ).withoutDefaults()

    /// The registration error response (OIDC Dynamic Client Registration §3.3): `error` one of
    /// `invalid_redirect_uri`, `invalid_client_metadata` (the Python original also allowed the draft code
    /// `invalid_configuration_parameter`).
    public static let clientRegistrationErrorResponse = OAuth2.errorResponse.extending(
        "ClientRegistrationErrorResponse",
        allowedValues: ["error": ["invalid_redirect_uri", "invalid_client_metadata"]])
}
