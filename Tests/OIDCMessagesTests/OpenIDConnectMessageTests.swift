import JOSE
import OAuthJWTTesting
import OIDCMessages
import Testing

/// Required, allowed-value and cross-parameter rules of every OpenID Connect message type.
@Suite struct OpenIDConnectMessageTests {
    static let now: Int64 = 1_700_000_000
    static let issuer = "https://op.example"

    static func options(_ nonce: String? = nil) -> VerificationOptions {
        VerificationOptions(
            issuer: issuer, clientID: "rp", nonce: nonce,
            keys: StaticKeySource(key: TestIssuer.sharedPublicKey(.rs256)),
            clock: .fixed(secondsSinceEpoch: now))
    }

    static func idToken(_ extra: KeyValuePairs<String, JSONValue> = [:], key: JWSKey = TestIssuer.sharedKey(.rs256))
        throws -> String
    {
        var token = try Message(
            OpenIDConnect.idToken,
            [
                "iss": .string(issuer), "sub": "ann", "aud": "rp", "iat": .number(JSONNumber(now - 10)),
                "exp": .number(JSONNumber(Self.now + 600)), "nonce": "n-1",
            ])
        for (name, value) in extra { try token.setValue(value, for: name) }
        return try token.jwt(signedWith: key, algorithm: key.algorithm ?? .rs256)
    }

    static let request: KeyValuePairs<String, JSONValue> = [
        "response_type": "code", "client_id": "rp", "scope": "openid email", "redirect_uri": "https://rp/cb",
    ]

    @Test func requiredParameters() async throws {
        try await OAuth2MessageTests.checkRequired(OpenIDConnect.authorizationRequest, Self.request)
        #expect(
            OpenIDConnect.authorizationRequest.requiredParameters == [
                "response_type", "client_id", "scope", "redirect_uri",
            ])
        try await OAuth2MessageTests.checkRequired(
            OpenIDConnect.registrationRequest, ["redirect_uris": ["https://rp/cb"]])
        try await OAuth2MessageTests.checkRequired(
            OpenIDConnect.registrationResponse, ["client_id": "c", "redirect_uris": ["https://rp/cb"]])
        try await OAuth2MessageTests.checkRequired(
            OpenIDConnect.discoveryRequest, ["resource": "acct:a@b", "rel": "r"])
        try await OAuth2MessageTests.checkRequired(OpenIDConnect.webFingerRequest, ["resource": "acct:a@b"])
        try await OAuth2MessageTests.checkRequired(OpenIDConnect.userInfoRequest, ["access_token": "a"])
        try await OAuth2MessageTests.checkRequired(OpenIDConnect.checkIDRequest, ["access_token": "a"])
        try await OAuth2MessageTests.checkRequired(OpenIDConnect.endSessionResponse, ["state": "s"])
        try await OAuth2MessageTests.checkRequired(OpenIDConnect.userInfo, ["sub": "ann", "email_verified": true])
        try await OAuth2MessageTests.checkRequired(OpenIDConnect.link, ["rel": "r", "href": "https://x"])
        try await OAuth2MessageTests.checkRequired(OpenIDConnect.jrd, ["subject": "acct:a@b"])
        try await OAuth2MessageTests.checkRequired(
            OpenIDConnect.authnToken, ["iss": "c", "sub": "c", "aud": "https://op/t", "jti": "j", "exp": 5],
            options: VerificationOptions(audience: "https://op/t", clock: .fixed(secondsSinceEpoch: 1)))
        try await OAuth2MessageTests.checkRequired(OpenIDConnect.jsonWebToken, ["iss": "i"])
        try await OAuth2MessageTests.checkRequired(OpenIDConnect.claimsRequest, ["userinfo": ["email": nil]])
        #expect(OpenIDConnect.messageWithIdToken.requiredParameters == ["id_token"])
        #expect(OpenIDConnect.refreshSessionRequest.requiredParameters == ["id_token", "redirect_url", "state"])
        #expect(OpenIDConnect.refreshSessionResponse.requiredParameters == ["id_token", "state"])
        #expect(OpenIDConnect.checkSessionRequest.requiredParameters == ["id_token"])
        #expect(OpenIDConnect.idToken.requiredParameters == ["sub", "iss", "aud", "exp", "iat"])
        #expect(OpenIDConnect.openIDRequest.parameters["request"] == nil)
        await expectMessageError(.missingRequiredParameter, "id_token") {
            try await Message(OpenIDConnect.messageWithIdToken).verify()
        }
        await expectMessageError(.missingRequiredParameter, "links.rel") {
            try await Message(OpenIDConnect.jrd, ["links": [["href": "x"]]]).verify()
        }
        await expectMessageError(.missingRequiredParameter, "address.country") {
            let schema = MessageSchema(
                "Strict",
                parameters: [
                    "address": .optional(
                        .message(
                            OpenIDConnect.addressClaim.extending(
                                "StrictAddress", parameters: ["country": .requiredString])))
                ])
            try await Message(schema, ["address": ["region": "R"]]).verify()
        }
    }

    @Test func authorizationRequestRules() async throws {
        var request = try Message(OpenIDConnect.authorizationRequest, Self.request)
        try await request.verify()
        request["scope"] = "email profile"
        await expectMessageError(.invalidValue, "scope") { try await request.verify() }
        request["scope"] = "openid offline_access"
        try await request.verify()  // OIDC Core §11: the OP ignores offline_access; not an error.
        request["response_type"] = "id_token token"
        await expectMessageError(.missingRequiredParameter, "nonce") { try await request.verify() }
        request["nonce"] = "n-1"
        try await request.verify()
        await expectMessageError(.mismatch, "nonce") { try await request.verify(VerificationOptions(nonce: "n-2")) }
        request["prompt"] = "none login"
        await expectMessageError(.invalidValue, "prompt") { try await request.verify() }
        request["prompt"] = "login consent"
        try await request.verify()
        request["prompt"] = "login always"
        await expectMessageError(.valueNotAllowed, "prompt") { try await request.verify() }
        request["prompt"] = "none"
        request["display"] = "tv"
        await expectMessageError(.valueNotAllowed, "display") { try await request.verify() }
        request["display"] = "popup"
        request["code_challenge_method"] = "S512"
        await expectMessageError(.valueNotAllowed, "code_challenge_method") { try await request.verify() }
        request["code_challenge_method"] = "S256"
        request["max_age"] = "0"
        try await request.verify()
        #expect(request["max_age"] == 0)
        #expect(request.strings("prompt") == ["none"])
    }

    @Test func idTokenHintIsVerified() async throws {
        var request = try Message(OpenIDConnect.authorizationRequest, Self.request)
        // An expired hint is fine: only the signature is checked.
        request["id_token_hint"] = .string(
            try Self.idToken(["exp": .number(JSONNumber(Self.now - 5000)), "iat": .number(JSONNumber(Self.now - 9000))])
        )
        let verified = try await request.verify(Self.options())
        #expect(verified["id_token_hint"]?.string("sub") == "ann")
        await expectMessageError(.missingKey, "id_token_hint") { try await request.verify() }
        request["id_token_hint"] = .string(try Self.idToken(key: TestIssuer.sharedKey(.rs256, 2)))
        let error = await messageError { try await request.verify(Self.options()) }
        #expect(error?.code == .invalidJWT)
        #expect(error?.parameter == "id_token_hint")
        #expect(error?.underlying?.code == .noMatchingKey)
    }

    @Test func requestObject() async throws {
        let inner = try Message(
            OpenIDConnect.openIDRequest,
            [
                "response_type": "code", "client_id": "rp", "scope": "openid", "redirect_uri": "https://rp/cb",
                "nonce": "n",
                "iss": "rp", "aud": .string(Self.issuer),
            ])
        var request = try Message(OpenIDConnect.authorizationRequest, Self.request)
        request["scope"] = "openid"
        request["request"] = .string(try inner.jwt(signedWith: TestIssuer.sharedKey(.rs256), algorithm: .rs256))
        let verified = try await request.verify(Self.options())
        #expect(verified["request"]?.string("nonce") == "n")
        var disagreeing = request
        disagreeing["redirect_uri"] = "https://evil/cb"
        await expectMessageError(.mismatch, "redirect_uri") { try await disagreeing.verify(Self.options()) }
        // Unsecured request objects only with the opt-in (OIDC Core §6.1 allows them).
        var unsecured = request
        unsecured["request"] = .string(inner.unsecuredJWT())
        await expectMessageError(.unsecuredJWT, "request") { try await unsecured.verify(Self.options()) }
        var allow = Self.options()
        allow.allowUnsecuredJWTs = true
        #expect(try await unsecured.verify(allow)["request"] == inner)
        // Algorithms can be restricted.
        var restricted = Self.options()
        restricted.algorithms = [.es256]
        let error = await messageError { try await request.verify(restricted) }
        #expect(error?.underlying?.code == .algorithmNotAllowed)
    }

    @Test func accessTokenRequestAssertion() async throws {
        var request = try Message(OpenIDConnect.accessTokenRequest, ["code": "c", "redirect_uri": "https://rp/cb"])
        try await request.verify()
        request["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:saml2-bearer"
        request["client_assertion"] = "x.y.z"
        await expectMessageError(.valueNotAllowed, "client_assertion_type") { try await request.verify() }
        request["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
        try await request.verify()
        request.removeValue(for: "client_assertion")
        await expectMessageError(.missingRequiredParameter, "client_assertion") { try await request.verify() }
    }

    @Test func idTokenRules() async throws {
        func check(_ changes: KeyValuePairs<String, JSONValue>, _ options: VerificationOptions = Self.options("n-1"))
            async throws
        {
            let response = try Message(
                OpenIDConnect.messageWithIdToken, ["id_token": .string(try Self.idToken(changes))])
            try await response.verify(options)
        }
        try await check([:])
        let verified = try await Message(OpenIDConnect.messageWithIdToken, ["id_token": .string(try Self.idToken())])
            .verify(Self.options())
        #expect(verified["id_token"]?.string("sub") == "ann")
        let cases: [(KeyValuePairs<String, JSONValue>, MessageError.Code, String)] = [
            (["iss": "https://evil"], .mismatch, "id_token.iss"),
            (["aud": "other"], .mismatch, "id_token.aud"),
            (["aud": ["rp", "other"]], .missingRequiredParameter, "id_token.azp"),
            (["aud": ["rp", "other"], "azp": "third"], .mismatch, "id_token.azp"),
            (["aud": ["rp", "other"], "azp": "other"], .mismatch, "id_token.azp"),
            (["exp": .number(JSONNumber(Self.now))], .invalidTime, "id_token.exp"),
            (["iat": .number(JSONNumber(Self.now + 60))], .invalidTime, "id_token.iat"),
            (["iat": .number(JSONNumber(Self.now - 20_000))], .invalidTime, "id_token.iat"),
            (
                ["iat": .number(JSONNumber(Self.now - 10)), "exp": .number(JSONNumber(Self.now - 20))], .invalidTime,
                "id_token.exp"
            ),
            (["nonce": "n-2"], .mismatch, "id_token.nonce"),
        ]
        for (changes, code, parameter) in cases {
            await expectMessageError(code, parameter) { try await check(changes) }
        }
        try await check(["aud": ["rp", "other"], "azp": "rp"])
        var noIssuer = Self.options()
        noIssuer.issuer = nil
        await expectMessageError(.missingOption, "id_token.iss") { try await check([:], noIssuer) }
        var noClient = Self.options()
        noClient.clientID = nil
        await expectMessageError(.missingOption, "id_token.aud") { try await check([:], noClient) }
        var lenient = Self.options("n-1")
        lenient.leeway = .seconds(120)
        try await check(
            ["exp": .number(JSONNumber(Self.now - 60)), "iat": .number(JSONNumber(Self.now - 100))], lenient)
        try await check(["iat": .number(JSONNumber(Self.now + 60))], lenient)
        await expectMessageError(.invalidTime, "id_token.exp") {
            try await check(
                ["iat": .number(JSONNumber(Self.now + 60)), "exp": .number(JSONNumber(Self.now + 30))], lenient)
        }
        // The ID token payload is type-checked like any message.
        let bad = try Message(OpenIDConnect.jsonWebToken, ["iss": .string(Self.issuer), "exp": 1])
        var raw = try bad.jwt(signedWith: TestIssuer.sharedKey(.rs256), algorithm: .rs256)
        raw = try Message(OpenIDConnect.messageWithIdToken, ["id_token": .string(raw)]).string("id_token")!
        await expectMessageError(.missingRequiredParameter, "id_token.sub") {
            try await Message(OpenIDConnect.messageWithIdToken, ["id_token": .string(raw)]).verify(Self.options())
        }
    }

    @Test func authorizationResponseHashes() async throws {
        let accessToken = "access-token-value"
        let code = "code-value"
        let atHash = try #require(OpenIDConnect.leftHalfHash(accessToken, algorithm: "RS256"))
        let cHash = try #require(OpenIDConnect.leftHalfHash(code, algorithm: "RS256"))
        // OIDC Core §A.3/§A.4 style: the left half of SHA-256, base64url.
        #expect(atHash.count == 22)
        let token = try Self.idToken(["at_hash": .string(atHash), "c_hash": .string(cHash)])
        let response = try Message(
            OpenIDConnect.authorizationResponse,
            [
                "code": .string(code), "access_token": .string(accessToken), "token_type": "Bearer",
                "id_token": .string(token),
                "state": "s",
            ])
        let verified = try await response.verify(Self.options())
        #expect(verified["id_token"]?.string("at_hash") == atHash)
        var wrongAccess = response
        wrongAccess["access_token"] = "other"
        await expectMessageError(.hashMismatch, "id_token.at_hash") { try await wrongAccess.verify(Self.options()) }
        var wrongCode = response
        wrongCode["code"] = "other"
        await expectMessageError(.hashMismatch, "id_token.c_hash") { try await wrongCode.verify(Self.options()) }
        var missing = response
        missing["id_token"] = .string(try Self.idToken(["c_hash": .string(cHash)]))
        await expectMessageError(.missingRequiredParameter, "id_token.at_hash") {
            try await missing.verify(Self.options())
        }
        var mismatch = response
        mismatch["client_id"] = "other"
        await expectMessageError(.mismatch, "client_id") { try await mismatch.verify(Self.options()) }
        #expect(OpenIDConnect.leftHalfHash("x", algorithm: "none") == nil)
        #expect(OpenIDConnect.leftHalfHash("x", algorithm: "EdDSA")?.count == 43)
    }

    @Test func accessTokenResponseVerifiesIDToken() async throws {
        let response = try Message(
            OpenIDConnect.accessTokenResponse,
            ["access_token": "a", "token_type": "Bearer", "id_token": .string(try Self.idToken())])
        #expect(try await response.verify(Self.options())["id_token"] != nil)
        var expired = response
        expired["id_token"] = .string(try Self.idToken(["exp": .number(JSONNumber(Self.now - 1))]))
        await expectMessageError(.invalidTime, "id_token.exp") { try await expired.verify(Self.options()) }
        var unsigned = response
        let payload = try Message(
            OpenIDConnect.idToken, ["iss": .string(Self.issuer), "sub": "ann", "aud": "rp", "iat": 1, "exp": 2])
        unsigned["id_token"] = .string(payload.unsecuredJWT())
        await expectMessageError(.unsecuredJWT, "id_token") { try await unsigned.verify(Self.options()) }
        await expectMessageError(.missingKey, "id_token") { try await response.verify() }
    }

    @Test func sessionMessages() async throws {
        var end = try Message(
            OpenIDConnect.endSessionRequest, ["post_logout_redirect_uri": "https://rp/bye", "state": "s"])
        await expectMessageError(.missingRequiredParameter, "id_token_hint") { try await end.verify() }
        end["client_id"] = "rp"
        try await end.verify()
        end["id_token_hint"] = .string(try Self.idToken())
        #expect(try await end.verify(Self.options())["id_token_hint"] != nil)
        end["id_token_hint"] = "not-a-jwt"
        await expectMessageError(.invalidJWT, "id_token_hint") { try await end.verify(Self.options()) }
        let refresh = try Message(
            OpenIDConnect.refreshSessionRequest,
            ["id_token": .string(try Self.idToken()), "redirect_url": "https://rp", "state": "s"])
        #expect(try await refresh.verify(Self.options())["id_token"] != nil)
        let check = try Message(
            OpenIDConnect.checkSessionRequest,
            ["id_token": .string(try Self.idToken(key: TestIssuer.sharedKey(.rs256, 2)))])
        await expectMessageError(.invalidJWT, "id_token") { try await check.verify(Self.options()) }
        let refreshResponse = try Message(
            OpenIDConnect.refreshSessionResponse, ["id_token": .string(try Self.idToken(["aud": "x"])), "state": "s"])
        await expectMessageError(.mismatch, "id_token.aud") { try await refreshResponse.verify(Self.options()) }
    }

    @Test func errorResponses() async throws {
        for code in OpenIDConnect.authorizationErrorCodes {
            try await Message(OpenIDConnect.authorizationErrorResponse, ["error": .string(code)]).verify()
        }
        #expect(OpenIDConnect.authorizationErrorCodes.contains("account_selection_required"))
        await expectMessageError(.valueNotAllowed, "error") {
            try await Message(OpenIDConnect.authorizationErrorResponse, ["error": "session_selection_required"])
                .verify()
        }
        try await Message(OpenIDConnect.userInfoErrorResponse, ["error": "insufficient_scope"]).verify()
        await expectMessageError(.valueNotAllowed, "error") {
            try await Message(OpenIDConnect.userInfoErrorResponse, ["error": "invalid_schema"]).verify()
        }
        try await Message(OpenIDConnect.clientRegistrationErrorResponse, ["error": "invalid_client_metadata"]).verify()
        await expectMessageError(.valueNotAllowed, "error") {
            try await Message(
                OpenIDConnect.clientRegistrationErrorResponse, ["error": "invalid_configuration_parameter"]
            ).verify()
        }
        try await Message(OpenIDConnect.tokenErrorResponse, ["error": "invalid_grant"]).verify()
    }

    @Test func registration() async throws {
        let base = try Message(OpenIDConnect.registrationRequest, ["redirect_uris": ["https://rp/cb"]])
        #expect(base.string("application_type") == "web")
        #expect(base["response_types"] == ["code"])
        let cases: [(KeyValuePairs<String, JSONValue>, MessageError.Code, String)] = [
            (["application_type": "desktop"], .valueNotAllowed, "application_type"),
            (["subject_type": "secret"], .valueNotAllowed, "subject_type"),
            (["initiate_login_uri": "http://rp/login"], .invalidValue, "initiate_login_uri"),
            (
                ["id_token_encrypted_response_enc": "A128GCM"], .missingRequiredParameter,
                "id_token_encrypted_response_alg"
            ),
            (
                ["userinfo_encrypted_response_enc": "A128GCM"], .missingRequiredParameter,
                "userinfo_encrypted_response_alg"
            ),
            (["request_object_encryption_enc": "A128GCM"], .missingRequiredParameter, "request_object_encryption_alg"),
            (["token_endpoint_auth_signing_alg": "none"], .valueNotAllowed, "token_endpoint_auth_signing_alg"),
            (["jwks": ["keys": []], "jwks_uri": "https://rp/jwks"], .invalidValue, "jwks"),
        ]
        for (changes, code, parameter) in cases {
            var message = base
            for (name, value) in changes { try message.setValue(value, for: name) }
            await expectMessageError(code, parameter) { try await message.verify() }
        }
        var ok = base
        ok["initiate_login_uri"] = "https://rp/login"
        ok["id_token_encrypted_response_alg"] = "RSA-OAEP"
        ok["default_max_age"] = 3600
        ok["require_auth_time"] = true
        try await ok.verify()
        #expect(try Message(OpenIDConnect.registrationRequest, urlEncoded: try ok.urlEncoded()) == ok)

        let response = try Message(
            OpenIDConnect.registrationResponse, ["client_id": "c", "redirect_uris": ["https://rp/cb"]])
        #expect(response["application_type"] == nil)
        try await response.verify()
        var half = response
        half["registration_access_token"] = "t"
        await expectMessageError(.missingRequiredParameter, "registration_client_uri") { try await half.verify() }
        half["registration_client_uri"] = "https://op/reg/c"
        try await half.verify()
        half["client_secret"] = "s"
        await expectMessageError(.missingRequiredParameter, "client_secret_expires_at") { try await half.verify() }
        half["client_secret_expires_at"] = 0
        try await half.verify()
        var inherited = response
        inherited["subject_type"] = "secret"
        await expectMessageError(.valueNotAllowed, "subject_type") { try await inherited.verify() }
    }

    @Test func providerConfiguration() async throws {
        let base = try Message(
            OpenIDConnect.providerConfigurationResponse,
            [
                "issuer": "https://op.example", "authorization_endpoint": "https://op.example/a",
                "token_endpoint": "https://op.example/t", "jwks_uri": "https://op.example/jwks",
                "response_types_supported": ["code", "id_token"], "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256", "ES256"], "scopes_supported": ["openid", "email"],
            ])
        // Discovery §3 defaults, including require_request_uri_registration = false (Python said true).
        #expect(base["require_request_uri_registration"] == false)
        #expect(base["request_uri_parameter_supported"] == true)
        #expect(base["grant_types_supported"] == ["authorization_code", "implicit"])
        #expect(base["token_endpoint_auth_methods_supported"] == ["client_secret_basic"])
        #expect(base["version"] == nil)
        try await base.verify(VerificationOptions(issuer: "https://op.example"))
        try await OAuth2MessageTests.checkRequired(
            OpenIDConnect.providerConfigurationResponse,
            [
                "issuer": "https://op.example", "authorization_endpoint": "https://op.example/a",
                "token_endpoint": "https://op.example/t", "jwks_uri": "https://op.example/jwks",
                "response_types_supported": ["code"], "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
            ])
        let cases: [(String, JSONValue?, MessageError.Code)] = [
            ("issuer", "http://op.example", .invalidValue),
            ("issuer", "https://op.example/?tenant=1", .invalidValue),
            ("scopes_supported", ["email"], .invalidValue),
            ("scopes_supported", ["openid", "bad\"scope"], .invalidValue),
            ("token_endpoint", nil, .missingRequiredParameter),
            ("token_endpoint_auth_signing_alg_values_supported", ["none"], .valueNotAllowed),
            ("id_token_signing_alg_values_supported", ["ES256"], .invalidValue),
        ]
        for (name, value, code) in cases {
            var message = base
            if let value { try message.setValue(value, for: name) } else { message.removeValue(for: name) }
            await expectMessageError(code, name) { try await message.verify() }
        }
        await expectMessageError(.mismatch, "issuer") {
            try await base.verify(VerificationOptions(issuer: "https://op.example/"))
        }
        var implicitOnly = base
        implicitOnly.removeValue(for: "token_endpoint")
        implicitOnly["response_types_supported"] = ["id_token", "id_token token"]
        try await implicitOnly.verify()
        let decoded = try Message(OpenIDConnect.providerConfigurationResponse, jsonString: base.jsonString())
        #expect(decoded == base)
    }

    @Test func userInfoAndClaims() async throws {
        var info = try Message(OpenIDConnect.userInfo, ["sub": "ann", "address": ["country": "SE"], "updated_at": 5])
        for good in ["1990-01-31", "1990", "0000-12-24"] {
            info["birthdate"] = .string(good)
            try await info.verify()
        }
        for bad in ["1990-13-01", "90-01-01", "1990/01/01", "1990-1-1", "January"] {
            info["birthdate"] = .string(bad)
            await expectMessageError(.invalidValue, "birthdate") { try await info.verify() }
        }
        #expect(claimsMatch("x", request: nil))
        #expect(claimsMatch("x", request: ["essential": true]))
        #expect(claimsMatch("x", request: ["value": "x"]))
        #expect(!claimsMatch("y", request: ["value": "x"]))
        #expect(claimsMatch("b", request: ["values": ["a", "b"]]))
        #expect(!claimsMatch("c", request: ["values": ["a", "b"]]))
    }
}
