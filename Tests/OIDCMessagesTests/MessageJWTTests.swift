import JOSE
import OIDCMessages
import Testing

@Suite struct MessageJWTTests {
    static let request: KeyValuePairs<String, JSONValue> = [
        "response_type": "code", "client_id": "rp", "scope": "openid", "redirect_uri": "https://rp/cb", "iss": "rp",
    ]

    @Test(arguments: [TestKeys.rsa, TestKeys.ec, TestKeys.hmac])
    func signedRoundTrip(key: JWSKey) async throws {
        let message = try Message(OpenIDConnect.openIDRequest, Self.request)
        let algorithm: JWSAlgorithm = key.algorithm ?? .hs256
        let jwt = try message.jwt(signedWith: key, algorithm: algorithm, extraHeader: ["typ": "oauth-authz-req+jwt"])
        let header = try CompactJWS(parsing: jwt).header
        #expect(header.type == "oauth-authz-req+jwt")
        #expect(header.keyID == key.keyID)
        let options = VerificationOptions(keys: StaticKeyResolver(key: TestKeys.publicKey(key)))
        let back = try await Message(OpenIDConnect.openIDRequest, jwt: jwt, options: options)
        #expect(back == message)
        // Through a key jar, by iss.
        var jar = KeyJar()
        jar.add(KeyBundle(keys: [TestKeys.publicKey(key)]), for: "rp")
        #expect(
            try await Message(OpenIDConnect.openIDRequest, jwt: jwt, options: VerificationOptions(keys: jar)) == message
        )
    }

    @Test func rejections() async throws {
        let message = try Message(OpenIDConnect.openIDRequest, Self.request)
        let jwt = try message.jwt(signedWith: TestKeys.rsa, algorithm: .rs256)
        let wrongKey = VerificationOptions(keys: StaticKeyResolver(key: TestKeys.publicKey(TestKeys.rsaOther)))
        var error = await messageError {
            _ = try await Message(OpenIDConnect.openIDRequest, jwt: jwt, options: wrongKey)
        }
        #expect(error?.code == .invalidJWT)
        let noKid = VerificationOptions(
            keys: StaticKeyResolver(
                key: {
                    var key = TestKeys.publicKey(TestKeys.rsaOther)
                    key.keyID = nil
                    return key
                }()))
        error = await messageError { _ = try await Message(OpenIDConnect.openIDRequest, jwt: jwt, options: noKid) }
        #expect(error?.underlying?.code == .invalidSignature)
        await expectMessageError(.missingKey, nil) {
            _ = try await Message(OpenIDConnect.openIDRequest, jwt: jwt, options: VerificationOptions())
        }
        await expectMessageError(.unsecuredJWT, nil) {
            _ = try await Message(
                OpenIDConnect.openIDRequest, jwt: message.unsecuredJWT(), options: VerificationOptions())
        }
        // "None" in another letter case is still unsecured, never a signature algorithm.
        let shouting =
            Base64URL.encode(Array(#"{"alg":"NONE"}"#.utf8)) + "." + Base64URL.encode(message.jsonBytes()) + "."
        await expectMessageError(.unsecuredJWT, nil) {
            _ = try await Message(OpenIDConnect.openIDRequest, jwt: shouting, options: VerificationOptions())
        }
        await expectMessageError(.invalidJWT, nil) {
            _ = try await Message(
                OpenIDConnect.openIDRequest, jwt: shouting, options: VerificationOptions(allowUnsecuredJWTs: true))
        }
        let signedNone = String(message.unsecuredJWT()) + "c2ln"
        await expectMessageError(.invalidJWT, nil) {
            _ = try await Message(
                OpenIDConnect.openIDRequest, jwt: signedNone, options: VerificationOptions(allowUnsecuredJWTs: true))
        }
        await expectMessageError(.invalidJWT, nil) {
            _ = try await Message(OpenIDConnect.openIDRequest, jwt: "a.b", options: wrongKey)
        }
        let notObject = try await Message(
            OpenIDConnect.openIDRequest, jwt: message.unsecuredJWT(),
            options: VerificationOptions(allowUnsecuredJWTs: true))
        #expect(notObject == message)
        #expect(throws: MessageError.self) { _ = try message.jwt(signedWith: TestKeys.ec, algorithm: .rs256) }
    }

    @Test func catalog() {
        #expect(MessageCatalog.schema(named: "AuthorizationRequest")?.parameters["nonce"] != nil)
        #expect(MessageCatalog.oauth2["AuthorizationRequest"]?.parameters["nonce"] == nil)
        #expect(MessageCatalog.schema(named: "ASConfigurationResponse") != nil)
        #expect(MessageCatalog.schema(named: "TokenRequest") == nil)
        #expect(MessageCatalog.openIDConnect.count == 32)
    }
}
