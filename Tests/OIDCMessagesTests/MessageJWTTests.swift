import JOSE
import OAuthJWTTesting
import OIDCMessages
import Testing

@Suite struct MessageJWTTests {
    static let request: KeyValuePairs<String, JSONValue> = [
        "response_type": "code", "client_id": "rp", "scope": "openid", "redirect_uri": "https://rp/cb", "iss": "rp",
    ]

    @Test(arguments: [TestIssuer.sharedKey(.rs256), TestIssuer.sharedKey(.es256), TestIssuer.sharedKey(.hs256)])
    func signedRoundTrip(key: JWSKey) async throws {
        let message = try Message(OpenIDConnect.openIDRequest, Self.request)
        let algorithm: JWSAlgorithm = key.algorithm ?? .hs256
        let jwt = try message.jwt(signedWith: key, algorithm: algorithm, extraHeader: ["typ": "oauth-authz-req+jwt"])
        let header = try CompactJWS(parsing: jwt).header
        #expect(header.type == "oauth-authz-req+jwt")
        #expect(header.keyID == key.keyID)
        let options = VerificationOptions(keys: StaticKeySource(key: (try TestIssuer(key: key).publicKey)))
        let back = try await Message(OpenIDConnect.openIDRequest, jwt: jwt, options: options)
        #expect(back == message)
        // Through a key jar, by iss.
        var jar = KeyJar()
        jar.add(KeyBundle(keys: [(try TestIssuer(key: key).publicKey)]), for: "rp")
        #expect(
            try await Message(OpenIDConnect.openIDRequest, jwt: jwt, options: VerificationOptions(keys: jar)) == message
        )
    }

    @Test func rejections() async throws {
        let message = try Message(OpenIDConnect.openIDRequest, Self.request)
        let jwt = try message.jwt(signedWith: TestIssuer.sharedKey(.rs256), algorithm: .rs256)
        let wrongKey = VerificationOptions(keys: StaticKeySource(key: TestIssuer.sharedPublicKey(.rs256, 2)))
        var error = await messageError {
            _ = try await Message(OpenIDConnect.openIDRequest, jwt: jwt, options: wrongKey)
        }
        #expect(error?.code == .invalidJWT)
        let noKid = VerificationOptions(
            keys: StaticKeySource(
                key: {
                    var key = TestIssuer.sharedPublicKey(.rs256, 2)
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
        #expect(throws: MessageError.self) {
            _ = try message.jwt(signedWith: TestIssuer.sharedKey(.es256), algorithm: .rs256)
        }
    }

    @Test func catalog() {
        #expect(MessageCatalog.schema(named: "AuthorizationRequest")?.parameters["nonce"] != nil)
        #expect(MessageCatalog.oauth2["AuthorizationRequest"]?.parameters["nonce"] == nil)
        #expect(MessageCatalog.schema(named: "ASConfigurationResponse") != nil)
        #expect(MessageCatalog.schema(named: "TokenRequest") == nil)
        #expect(MessageCatalog.openIDConnect.count == 33)
        #expect(MessageCatalog.oauth2.count == 16)
        #expect(
            MessageCatalog.schema(named: "LogoutToken")?.requiredParameters == ["iss", "aud", "iat", "jti", "events"])
        #expect(MessageCatalog.schema(named: "TokenIntrospectionRequest")?.requiredParameters == ["token"])
        #expect(MessageCatalog.schema(named: "TokenIntrospectionResponse")?.requiredParameters == ["active"])
        #expect(MessageCatalog.schema(named: "ErrorResponse")?.requiredParameters == ["error"])
    }
}

@Suite struct UnsecuredAndMalformedJWTTests {
    static let options = VerificationOptions(
        keys: StaticKeySource(key: TestIssuer.sharedPublicKey(.rs256)), allowUnsecuredJWTs: true)

    static func underlyingCode(_ token: String) async -> JOSEError.Code? {
        let error = await messageError {
            _ = try await Message(OpenIDConnect.openIDRequest, jwt: token, options: options)
        }
        #expect(error?.code == .invalidJWT)
        return error?.underlying?.code
    }

    @Test func structuralRejections() async {
        let payload = Base64URL.encode(Array(#"{"iss":"rp"}"#.utf8))
        #expect(await Self.underlyingCode(String(repeating: "a", count: 20_000) + ".b.c") == .tokenTooLarge)
        #expect(await Self.underlyingCode(Base64URL.encode(Array("[1]".utf8)) + "." + payload + ".") == .invalidHeader)
        #expect(
            await Self.underlyingCode(Base64URL.encode(Array(#"{"typ":"JWT"}"#.utf8)) + "." + payload + ".")
                == .invalidHeader)
        #expect(
            await Self.underlyingCode(Base64URL.encode(Array(#"{"alg":5}"#.utf8)) + "." + payload + ".")
                == .invalidHeader)
    }

    @Test func shortSecretRestrictions() async {
        await expectProfileError(
            "The key cannot sign with this algorithm: The key type does not match the algorithm", code: .signingFailed
        ) {
            _ = try TokenProfile.accessToken.toJWT(
                ["iss": "i", "sub": "s"], key: .insecureShortHMACSecret(Array("secret".utf8)),
                options: TokenSignOptions(algorithm: "RS256"))
        }
        await expectProfileError(
            "The key cannot sign with this algorithm: The HMAC secret is empty", code: .signingFailed
        ) {
            _ = try TokenProfile.accessToken.toJWT(["iss": "i", "sub": "s"], key: .insecureShortHMACSecret([]))
        }
        let rsaToken = try! TokenProfile.accessToken.toJWT(
            ["iss": "i", "sub": "s"], key: .key(TestIssuer.sharedKey(.rs256)),
            options: TokenSignOptions(algorithm: "RS256"))
        // The short-secret key only ever checks HS*: by default the alg is refused, and forcing it fails the MAC.
        await expectProfileError("invalid algorithm") {
            _ = try await TokenProfile.accessToken.fromJWT(
                rsaToken, key: .insecureShortHMACSecret(Array("secret".utf8)))
        }
        await expectProfileError("invalid signature") {
            _ = try await TokenProfile.accessToken.fromJWT(
                rsaToken, key: .insecureShortHMACSecret(Array("secret".utf8)),
                options: TokenVerifyOptions(algorithms: ["RS256"]))
        }
    }

    @Test func messageListFromJSONText() async throws {
        var message = Message(OpenIDConnect.jrd)
        try message.setValue(#"[{"rel":"r"}]"#, for: "links")
        #expect(message["links"] == [["rel": "r"]])
        await expectMessageError(.wrongType, "links") { try message.setValue(#"{"rel":"r"}"#, for: "links") }
    }
}
