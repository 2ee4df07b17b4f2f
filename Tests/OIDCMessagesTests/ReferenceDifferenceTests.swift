import JOSE
import OAuthJWTTesting
import OIDCMessages
import Testing

/// Where OIDCMessages used to differ from the reference (Python oidcmsg 1.6) in ways a user would trip on, and the
/// message types a resource server meets that it lacked. Each test fails on the code before the change.
@Suite struct ReferenceDifferenceTests {
    static let now: Int64 = 1_700_000_000
    static let issuer = "https://op.example"
    static let tokenEndpoint = "https://op.example/token"

    static func at(_ seconds: Int64) -> JSONValue { .number(JSONNumber(seconds)) }

    static func options(audience: String? = nil, leeway: Duration = .zero) -> VerificationOptions {
        VerificationOptions(
            issuer: issuer, clientID: "rp", audience: audience,
            keys: StaticKeySource(key: TestIssuer.sharedPublicKey(.rs256)), leeway: leeway,
            clock: .fixed(secondsSinceEpoch: now))
    }

    // MARK: 1. JsonWebToken and AuthnToken claims

    static let clientAssertion: KeyValuePairs<String, JSONValue> = [
        "iss": "rp", "sub": "rp", "aud": .string(tokenEndpoint), "jti": "j-1", "exp": at(now + 60),
    ]

    @Test("A client authentication JWT's exp, nbf, iat, iss and aud are checked, with the leeway")
    func clientAuthenticationJWTClaims() async throws {
        let good = try Message(OpenIDConnect.authnToken, Self.clientAssertion)
        try await good.verify(Self.options(audience: Self.tokenEndpoint))

        func with(_ name: String, _ value: JSONValue) throws -> Message {
            var message = good
            try message.setValue(value, for: name)
            return message
        }
        let expired = try with("exp", Self.at(Self.now - 3600))
        await expectMessageError(.invalidTime, "exp") {
            try await expired.verify(Self.options(audience: Self.tokenEndpoint))
        }
        try await expired.verify(Self.options(audience: Self.tokenEndpoint, leeway: .seconds(3601)))
        let early = try with("nbf", Self.at(Self.now + 600))
        await expectMessageError(.invalidTime, "nbf") {
            try await early.verify(Self.options(audience: Self.tokenEndpoint))
        }
        let future = try with("iat", Self.at(Self.now + 600))
        await expectMessageError(.invalidTime, "iat") {
            try await future.verify(Self.options(audience: Self.tokenEndpoint))
        }
        await expectMessageError(.mismatch, "aud") {
            try await good.verify(Self.options(audience: "https://other.example/token"))
        }
        // The client authenticates as itself: iss and sub are its client ID.
        await expectMessageError(.mismatch, "iss") {
            try await with("iss", "another-client").verify(Self.options(audience: Self.tokenEndpoint))
        }
        await expectMessageError(.mismatch, "sub") {
            try await with("sub", "another-client").verify(Self.options(audience: Self.tokenEndpoint))
        }
        // RFC 7523 §3: the audience check is not optional for a client assertion.
        await expectMessageError(.missingOption, "aud") { try await good.verify(Self.options()) }

        // The generic JWT: the same checks; iss and aud only when the options name them.
        let jwt = try Message(
            OpenIDConnect.jsonWebToken, ["iss": "https://evil.example", "exp": Self.at(Self.now - 1)])
        await expectMessageError(.invalidTime, "exp") {
            try await jwt.verify(VerificationOptions(clock: .fixed(secondsSinceEpoch: Self.now)))
        }
        var fresh = jwt
        fresh["exp"] = Self.at(Self.now + 60)
        try await fresh.verify(VerificationOptions(clock: .fixed(secondsSinceEpoch: Self.now)))
        await expectMessageError(.mismatch, "iss") { try await fresh.verify(Self.options()) }
        fresh["iss"] = .string(Self.issuer)
        try await fresh.verify(Self.options())
        await expectMessageError(.mismatch, "aud") { try await fresh.verify(Self.options(audience: "api")) }
    }

    // MARK: 2. Session requests validate their ID token in full

    static func idToken(_ changes: KeyValuePairs<String, JSONValue> = [:], removing: [String] = []) throws -> String {
        var token = try Message(
            OpenIDConnect.jsonWebToken,
            [
                "iss": .string(issuer), "sub": "ann", "aud": "rp", "iat": at(now - 10), "exp": at(now + 600),
                "nonce": "n-1",
            ])
        for (name, value) in changes { try token.setValue(value, for: name) }
        for name in removing { token.removeValue(for: name) }
        return try token.jwt(signedWith: TestIssuer.sharedKey(.rs256), algorithm: .rs256)
    }

    @Test("CheckSessionRequest and RefreshSessionRequest refuse an expired, misaddressed or subjectless ID token")
    func sessionRequestsValidateTheIDToken() async throws {
        func requests(_ token: String) throws -> [Message] {
            [
                try Message(OpenIDConnect.checkSessionRequest, ["id_token": .string(token)]),
                try Message(
                    OpenIDConnect.refreshSessionRequest,
                    ["id_token": .string(token), "redirect_url": "https://rp/cb", "state": "s"]),
            ]
        }
        var withNonce = Self.options()
        withNonce.nonce = "n-1"
        for request in try requests(try Self.idToken()) {
            #expect(try await request.verify(withNonce)["id_token"]?.string("sub") == "ann")
        }
        let cases: [(token: String, code: MessageError.Code, parameter: String)] = [
            (try Self.idToken(["exp": Self.at(Self.now - 60)]), .invalidTime, "id_token.exp"),
            (try Self.idToken(["aud": "someone-else"]), .mismatch, "id_token.aud"),
            (try Self.idToken(removing: ["sub"]), .missingRequiredParameter, "id_token.sub"),
            (try Self.idToken(["nonce": "replayed"]), .mismatch, "id_token.nonce"),
        ]
        for (token, code, parameter) in cases {
            for request in try requests(token) {
                await expectMessageError(code, parameter) { try await request.verify(withNonce) }
            }
        }
    }

    // MARK: 3. An empty value keeps a default

    @Test("An empty value for a parameter with a default keeps the default, from JSON and from a form")
    func emptyValueKeepsTheDefault() async throws {
        let fromJSON = try Message(OAuth2.ccAccessTokenRequest, jsonString: #"{"grant_type":""}"#)
        #expect(fromJSON.string("grant_type") == "client_credentials")
        try await fromJSON.verify()
        let fromForm = try Message(OAuth2.ccAccessTokenRequest, urlEncoded: "grant_type=&scope=read")
        #expect(fromForm.string("grant_type") == "client_credentials")
        try await fromForm.verify()
        // Without a default, an empty value is still no value.
        var request = try Message(OAuth2.refreshAccessTokenRequest, ["refresh_token": "r"])
        try request.setValue("", for: "refresh_token")
        #expect(!request.contains("refresh_token"))
        // An empty value still removes a value that is not the parameter's default.
        var other = try Message(OAuth2.ropcAccessTokenRequest, ["username": "u", "password": "p"])
        try other.setValue("", for: "username")
        #expect(!other.contains("username"))
    }

    // MARK: 4. Empty items of space-separated lists

    @Test(
        "A space-separated list with an empty item is refused (RFC 6749 §3.3: a scope token has one character or more)",
        arguments: ["openid  email", " openid", "openid "])
    func emptyListItemsAreRefused(scope: String) async throws {
        await expectMessageError(.invalidValue, "scope") {
            _ = try Message(
                OAuth2.authorizationRequest, ["response_type": "code", "client_id": "c", "scope": .string(scope)])
        }
        let form = "response_type=code&client_id=c&scope=" + String(scope.map { $0 == " " ? "+" : $0 })
        await expectMessageError(.invalidValue, "scope") {
            _ = try Message(OAuth2.authorizationRequest, urlEncoded: form)
        }
    }

    @Test("prompt=login  consent and a JSON list with an empty string are refused, not silently shortened")
    func emptyItemsInOtherLists() async throws {
        await expectMessageError(.invalidValue, "prompt") {
            _ = try Message(OpenIDConnect.authorizationRequest, urlEncoded: "prompt=login++consent")
        }
        await expectMessageError(.invalidValue, "redirect_uris") {
            _ = try Message(OpenIDConnect.registrationRequest, ["redirect_uris": ["https://rp/cb", ""]])
        }
        // One space between items is the list syntax.
        let request = try Message(OpenIDConnect.authorizationRequest, urlEncoded: "prompt=login+consent")
        #expect(request.strings("prompt") == ["login", "consent"])
    }

    // MARK: 5. Booleans written by Python peers

    @Test("require_auth_time=True from a Python peer's form is read; true is written back")
    func pythonBooleans() throws {
        let registration = try Message(
            OpenIDConnect.registrationRequest, urlEncoded: "redirect_uris=https%3A%2F%2Frp%2Fcb&require_auth_time=True")
        #expect(registration.boolean("require_auth_time") == true)
        #expect(try registration.urlEncoded().contains("require_auth_time=true"))
        let off = try Message(
            OpenIDConnect.registrationRequest, urlEncoded: "redirect_uris=https%3A%2F%2Frp%2Fcb&require_auth_time=False"
        )
        #expect(off.boolean("require_auth_time") == false)
    }

    // MARK: New message types

    @Test("Token introspection (RFC 7662): token required; active required, and false is a value")
    func tokenIntrospection() async throws {
        try await OAuth2MessageTests.checkRequired(
            OAuth2.tokenIntrospectionRequest, ["token": "t", "token_type_hint": "access_token"])
        await expectMessageError(.missingRequiredParameter, "client_assertion") {
            try await Message(
                OAuth2.tokenIntrospectionRequest,
                ["token": "t", "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"]
            ).verify()
        }
        let inactive = try Message(OAuth2.tokenIntrospectionResponse, jsonString: #"{"active":false}"#)
        try await inactive.verify()
        #expect(inactive.boolean("active") == false)
        let active = try Message(
            OAuth2.tokenIntrospectionResponse,
            jsonString: #"{"active":true,"scope":"read write","client_id":"c","exp":1700000600,"aud":"api"}"#)
        try await active.verify()
        #expect(active.strings("scope") == ["read", "write"])
        #expect(active.strings("aud") == ["api"])
        await expectMessageError(.missingRequiredParameter, "active") {
            try await Message(OAuth2.tokenIntrospectionResponse, jsonString: #"{"scope":"read"}"#).verify()
        }
        await expectMessageError(.wrongType, "active") {
            _ = try Message(OAuth2.tokenIntrospectionResponse, jsonString: #"{"active":"true"}"#)
        }
        await expectMessageError(.wrongType, "exp") {
            _ = try Message(OAuth2.tokenIntrospectionResponse, jsonString: #"{"active":true,"exp":"soon"}"#)
        }
    }

    @Test("ResponseMessage reads a response before it is known to be an error; the error checks still apply")
    func responseMessage() async throws {
        try await Message(OAuth2.responseMessage, jsonString: #"{"state":"s"}"#).verify()
        let error = try Message(
            OAuth2.responseMessage, jsonString: #"{"error":"invalid_grant","error_description":"Code 42."}"#)
        try await error.verify()
        #expect(error.string("error") == "invalid_grant")
        await expectMessageError(.invalidValue, "error_description") {
            try await Message(OAuth2.responseMessage, jsonString: #"{"error":"x","error_description":"quote \" here"}"#)
                .verify()
        }
        #expect(OAuth2.responseMessage.requiredParameters.isEmpty)
        #expect(OAuth2.errorResponse.requiredParameters == ["error"])
    }

    static let logoutClaims: KeyValuePairs<String, JSONValue> = [
        "iss": .string(issuer), "aud": "rp", "iat": at(now - 5), "jti": "l-1", "sid": "session-1",
        "events": [OpenIDConnect.backChannelLogoutEvent: [:]],
    ]

    @Test("A logout token (Back-Channel Logout 1.0 §2.6) is checked in full after its signature")
    func logoutToken() async throws {
        let good = try Message(OpenIDConnect.logoutToken, Self.logoutClaims)
        let signed = try good.jwt(signedWith: TestIssuer.sharedKey(.rs256), algorithm: .rs256)
        let received = try await Message(OpenIDConnect.logoutToken, jwt: signed, options: Self.options())
        try await received.verify(Self.options())
        #expect(received.string("sid") == "session-1")

        func expect(_ code: MessageError.Code, _ parameter: String, _ change: (inout Message) throws -> Void)
            async throws
        {
            var token = good
            try change(&token)
            await expectMessageError(code, parameter) { try await token.verify(Self.options()) }
        }
        try await expect(.mismatch, "iss") { $0["iss"] = "https://evil.example" }
        try await expect(.mismatch, "aud") { $0["aud"] = "another-rp" }
        try await expect(.invalidTime, "iat") { $0["iat"] = Self.at(Self.now + 600) }
        try await expect(.invalidTime, "exp") { $0["exp"] = Self.at(Self.now - 1) }
        try await expect(.invalidValue, "events") { $0["events"] = ["http://schemas.openid.net/event/other": [:]] }
        try await expect(.invalidValue, "events") { $0["events"] = [OpenIDConnect.backChannelLogoutEvent: "yes"] }
        try await expect(.missingRequiredParameter, "sub") { $0.removeValue(for: "sid") }
        try await expect(.invalidValue, "nonce") { try $0.setValue("n-1", for: "nonce") }
        var bySubject = good
        bySubject.removeValue(for: "sid")
        bySubject["sub"] = "ann"
        try await bySubject.verify(Self.options())
        var noClient = Self.options()
        noClient.clientID = nil
        await expectMessageError(.missingOption, "aud") { try await good.verify(noClient) }
        try await OAuth2MessageTests.checkRequired(
            OpenIDConnect.logoutToken, Self.logoutClaims, options: Self.options())
    }
}
