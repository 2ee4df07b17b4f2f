import JOSE
import OIDCMessages
import Testing

/// Required, allowed-value and cross-parameter rules of every OAuth 2.0 message type.
@Suite struct OAuth2MessageTests {
    /// Every required parameter of `schema` is reported when it is the one missing from `complete`.
    static func checkRequired(
        _ schema: MessageSchema, _ complete: KeyValuePairs<String, JSONValue>,
        options: VerificationOptions = VerificationOptions()
    ) async throws {
        let full = try Message(schema, complete)
        try await full.verify(options)
        for name in schema.requiredParameters {
            var message = full
            message.removeValue(for: name)
            await expectMessageError(.missingRequiredParameter, name) { try await message.verify(options) }
        }
    }

    @Test func requiredParameters() async throws {
        try await Self.checkRequired(OAuth2.authorizationRequest, ["response_type": "code", "client_id": "c"])
        try await Self.checkRequired(OAuth2.accessTokenRequest, ["code": "x"])
        try await Self.checkRequired(OAuth2.ropcAccessTokenRequest, ["username": "u", "password": "p"])
        try await Self.checkRequired(OAuth2.ccAccessTokenRequest, [:])
        try await Self.checkRequired(OAuth2.refreshAccessTokenRequest, ["refresh_token": "r"])
        try await Self.checkRequired(OAuth2.resourceRequest, [:])
        try await Self.checkRequired(OAuth2.errorResponse, ["error": "anything"])
        try await Self.checkRequired(OAuth2.authorizationErrorResponse, ["error": "access_denied", "state": "s"])
        try await Self.checkRequired(OAuth2.tokenErrorResponse, ["error": "invalid_grant"])
        try await Self.checkRequired(OAuth2.authorizationResponse, ["code": "c", "state": "s"])
        try await Self.checkRequired(
            OAuth2.accessTokenResponse, ["access_token": "a", "token_type": "Bearer", "expires_in": 3600])
        try await Self.checkRequired(
            OAuth2.asConfigurationResponse,
            [
                "issuer": "https://as", "authorization_endpoint": "https://as/a", "token_endpoint": "https://as/t",
                "response_types_supported": ["code"],
            ])
        try await Self.checkRequired(OAuth2.noneResponse, ["state": "s"])
        #expect(OAuth2.ropcAccessTokenRequest.requiredParameters == ["grant_type", "username", "password"])
        #expect(OAuth2.accessTokenRequest.requiredParameters == ["grant_type", "code"])
    }

    @Test func grantTypeDefaultsAndAllowedValues() async throws {
        let cases: [(MessageSchema, String, KeyValuePairs<String, JSONValue>)] = [
            (OAuth2.accessTokenRequest, "authorization_code", ["code": "x"]),
            (OAuth2.ropcAccessTokenRequest, "password", ["username": "u", "password": "p"]),
            (OAuth2.ccAccessTokenRequest, "client_credentials", [:]),
            (OAuth2.refreshAccessTokenRequest, "refresh_token", ["refresh_token": "r"]),
        ]
        for (schema, grant, parameters) in cases {
            var message = try Message(schema, parameters)
            #expect(message.string("grant_type") == grant)
            #expect(message.parameterNames.first == "grant_type")
            try await message.verify()
            message["grant_type"] = "implicit"
            await expectMessageError(.valueNotAllowed, "grant_type") { try await message.verify() }
        }
    }

    @Test func errorCodes() async throws {
        for code in OAuth2.authorizationErrorCodes {
            try await Message(OAuth2.authorizationErrorResponse, ["error": .string(code)]).verify()
        }
        await expectMessageError(.valueNotAllowed, "error") {
            try await Message(OAuth2.authorizationErrorResponse, ["error": "login_required"]).verify()
        }
        await expectMessageError(.valueNotAllowed, "error") {
            try await Message(OAuth2.authorizationErrorResponse, ["error": "invalid_grant"]).verify()
        }
        for code in [
            "invalid_request", "invalid_client", "invalid_grant", "unauthorized_client", "unsupported_grant_type",
            "invalid_scope",
        ] {
            try await Message(OAuth2.tokenErrorResponse, ["error": .string(code)]).verify()
        }
        await expectMessageError(.valueNotAllowed, "error") {
            try await Message(OAuth2.tokenErrorResponse, ["error": "access_denied"]).verify()
        }
    }

    @Test func errorCharacterSets() async throws {
        // RFC 6749 allows "." and digits (PHEAD's letters-only check did not).
        try await Message(
            OAuth2.errorResponse, ["error": "e", "error_description": "Invalid code 42.", "error_uri": "https://x/e"]
        ).verify()
        await expectMessageError(.invalidValue, "error_description") {
            try await Message(OAuth2.errorResponse, ["error": "e", "error_description": "say \"hi\""]).verify()
        }
        await expectMessageError(.invalidValue, "error_description") {
            try await Message(OAuth2.errorResponse, ["error": "e", "error_description": "é"]).verify()
        }
        await expectMessageError(.invalidValue, "error_uri") {
            try await Message(OAuth2.errorResponse, ["error": "e", "error_uri": "https://x/a b"]).verify()
        }
        await expectMessageError(.invalidValue, "error") {
            try await Message(OAuth2.errorResponse, ["error": "back\\slash"]).verify()
        }
    }

    @Test func authorizationResponseIssuerAndClient() async throws {
        let response = try Message(OAuth2.authorizationResponse, ["code": "c", "iss": "https://as", "client_id": "rp"])
        try await response.verify(VerificationOptions(issuer: "https://as", clientID: "rp"))
        try await response.verify()
        await expectMessageError(.mismatch, "iss") {
            try await response.verify(VerificationOptions(issuer: "https://evil"))
        }
        await expectMessageError(.mismatch, "client_id") {
            try await response.verify(VerificationOptions(clientID: "other"))
        }
    }

    @Test func accessTokenResponseTypes() async throws {
        let response = try Message(
            OAuth2.accessTokenResponse,
            jsonString: #"{"access_token":"a","token_type":"Bearer","expires_in":3600,"scope":"a b"}"#)
        #expect(response.integer("expires_in") == 3600)
        #expect(response.strings("scope") == ["a", "b"])
        #expect(try Message(OAuth2.accessTokenResponse, urlEncoded: try response.urlEncoded()) == response)
        await expectMessageError(.wrongType, "expires_in") {
            _ = try Message(OAuth2.accessTokenResponse, jsonString: #"{"expires_in":"soon"}"#)
        }
    }

    @Test func asConfiguration() async throws {
        let base: KeyValuePairs<String, JSONValue> = [
            "issuer": "https://as.example", "authorization_endpoint": "https://as.example/a",
            "token_endpoint": "https://as.example/t", "response_types_supported": ["code"],
        ]
        let config = try Message(OAuth2.asConfigurationResponse, base)
        #expect(config["version"] == nil)
        try await config.verify(VerificationOptions(issuer: "https://as.example"))
        await expectMessageError(.mismatch, "issuer") {
            try await config.verify(VerificationOptions(issuer: "https://as.other"))
        }
        // grant_types_supported is optional (RFC 8414 §2).
        #expect(!OAuth2.asConfigurationResponse.requiredParameters.contains("grant_types_supported"))
        for (name, value, code) in [
            ("issuer", JSONValue.string("http://as.example"), MessageError.Code.invalidValue),
            ("issuer", "https://as.example?x=1", .invalidValue), ("issuer", "https://as.example#f", .invalidValue),
            ("token_endpoint_auth_signing_alg_values_supported", ["RS256", "none"], .valueNotAllowed),
        ] {
            var message = config
            try message.setValue(value, for: name)
            await expectMessageError(code, name) { try await message.verify() }
        }
        var noAuthz = config
        noAuthz.removeValue(for: "authorization_endpoint")
        await expectMessageError(.missingRequiredParameter, "authorization_endpoint") { try await noAuthz.verify() }
        noAuthz["grant_types_supported"] = ["client_credentials"]
        try await noAuthz.verify()
        var noToken = config
        noToken.removeValue(for: "token_endpoint")
        await expectMessageError(.missingRequiredParameter, "token_endpoint") { try await noToken.verify() }
        noToken["grant_types_supported"] = ["implicit"]
        try await noToken.verify()
        var http = config
        http["issuer"] = "http://localhost:8080"
        try await http.verify(VerificationOptions(allowHTTPIssuer: true))
    }
}
