extension OAuth2 {
    /// Authorization server metadata (RFC 8414 §2).
    ///
    /// Follows RFC 8414 rather than the Python original: `grant_types_supported` is optional (the RFC's default is
    /// `authorization_code` and `implicit`), the non-standard `version = "3.0"` default is gone, and
    /// ``Message/verify(_:)`` checks that `issuer` is an `https` URL without query or fragment, equals
    /// ``VerificationOptions/issuer`` when given (§3.3), and that `authorization_endpoint` is present when a grant
    /// type using it is supported and `token_endpoint` unless only `implicit` is.
    public static let asConfigurationResponse = MessageSchema(
        "ASConfigurationResponse",
        parameters: [
            "issuer": .requiredString,
            "authorization_endpoint": .optionalString,
            "token_endpoint": .optionalString,
            "jwks_uri": .optionalString,
            "registration_endpoint": .optionalString,
            "scopes_supported": .optionalList,
            "response_types_supported": .requiredList,
            "response_modes_supported": .optionalList,
            "grant_types_supported": .optionalList,
            "token_endpoint_auth_methods_supported": .optionalList,
            "token_endpoint_auth_signing_alg_values_supported": .optionalList,
            "service_documentation": .optionalString,
            "ui_locales_supported": .optionalList,
            "op_policy_uri": .optionalString,
            "op_tos_uri": .optionalString,
            "revocation_endpoint": .optionalString,
            "revocation_endpoint_auth_methods_supported": .optionalList,
            "introspection_endpoint": .optionalString,
            "introspection_endpoint_auth_methods_supported": .optionalList,
            "code_challenge_methods_supported": .optionalList,
        ],
        rules: [
            .httpsURL("issuer", plain: true, issuer: true),
            .matches("issuer") { $0.issuer },
            MessageRule { state throws(MessageError) in
                let message = state.message
                let grants = message.strings("grant_types_supported") ?? ["authorization_code", "implicit"]
                if grants.contains(where: { $0 == "authorization_code" || $0 == "implicit" }),
                    !message.contains("authorization_endpoint")
                {
                    throw MessageError(
                        .missingRequiredParameter, parameter: "authorization_endpoint",
                        "Required when a grant type using the authorization endpoint is supported")
                }
                if grants.contains(where: { $0 != "implicit" }), !message.contains("token_endpoint") {
                    throw MessageError(
                        .missingRequiredParameter, parameter: "token_endpoint",
                        "Required unless only the implicit grant type is supported")
                }
                for name in ["token_endpoint_auth_signing_alg_values_supported"] {
                    if message.strings(name)?.contains("none") == true {
                        throw MessageError(.valueNotAllowed, parameter: name, "The value none must not be used")
                    }
                }
            },
        ])
}
