import JOSE
import OAuthJWTTesting
import Testing

@testable import OIDCMessages

/// Messages as encrypted JWTs (Python `to_jwe` / `from_jwe`, and `from_jwt` of a JWE), and encryption keys in key
/// bundles and jars.
@Suite struct MessageJWETests {
    static let request: KeyValuePairs<String, JSONValue> = [
        "response_type": "code", "client_id": "rp", "scope": "openid", "redirect_uri": "https://rp/cb", "iss": "rp",
    ]

    /// The provider's encryption key pair as JWKs: private (`use: enc`) and public.
    static let encryption: (privateJWK: JSONValue, publicJWK: JSONValue) = {
        var jwk = try! JWSKey.generate(for: .es256, keyID: "op-enc").privateJWK().objectValue!
        jwk["alg"] = "ECDH-ES+A128KW"
        jwk["use"] = "enc"
        let privateJWK = JSONValue.object(jwk)
        jwk["d"] = nil
        return (privateJWK, .object(jwk))
    }()

    /// The provider's own jar: its encryption key pair, and the relying party's public signing key under `rp`.
    static func providerJar() throws -> KeyJar {
        var jar = KeyJar()
        jar.add(try KeyBundle(jwks: ["keys": [encryption.privateJWK]]), for: "")
        jar.add(KeyBundle(keys: [try TestIssuer(key: TestIssuer.sharedKey(.rs256)).publicKey]), for: "rp")
        return jar
    }

    @Test func bundlesKeepEncryptionKeysBesideSigningKeys() throws {
        let signing = try TestIssuer.sharedKey(.es256).publicJWK()
        let bundle = try KeyBundle(jwks: ["keys": [signing, Self.encryption.publicJWK]])
        #expect(bundle.keys.count == 1)
        #expect(bundle.encryptionKeys.count == 1)
        #expect(bundle.encryptionKeys.first?.keyID == "op-enc")
        #expect(bundle.skipped.isEmpty)
        var jar = KeyJar()
        jar.add(bundle, for: "https://op.example")
        jar.add(try KeyBundle(jwks: ["keys": [Self.encryption.privateJWK]]), for: "")
        #expect(jar.encryptionKeys(for: "https://op.example").count == 1)
        #expect(jar.decryptionKeys(for: "https://op.example").isEmpty)  // public only
        #expect(jar.decryptionKeys().count == 1)
        // A bundle of encryption keys only is not outdated.
        jar.removeOutdated(after: .zero)
        #expect(jar.decryptionKeys().count == 1)
    }

    @Test func encryptedMessageRoundTrip() async throws {
        let message = try Message(OpenIDConnect.openIDRequest, Self.request)
        let recipient = try JWEKey(jwk: Self.encryption.publicJWK)
        let jwe = try message.jwe(encryptedTo: recipient, algorithm: .ecdhESA128KW, encryption: .a128CBCHS256)
        #expect(CompactJWE.isCompactJWE(jwe))
        let back = try await Message(
            OpenIDConnect.openIDRequest, jwt: jwe, options: VerificationOptions(keys: try Self.providerJar()))
        #expect(back == message)
        let explicit = VerificationOptions(
            decryption: JWEDecrypter(keys: [try JWEKey(jwk: Self.encryption.privateJWK)]))
        #expect(try await Message(OpenIDConnect.openIDRequest, jwt: jwe, options: explicit) == message)
    }

    @Test func signedThenEncryptedMessageRoundTrip() async throws {
        let message = try Message(OpenIDConnect.openIDRequest, Self.request)
        let jwt = try message.jwt(
            signedWith: TestIssuer.sharedKey(.rs256), algorithm: .rs256,
            encryptedTo: try JWEKey(jwk: Self.encryption.publicJWK), keyManagement: .ecdhESA128KW, encryption: .a256GCM)
        #expect(try CompactJWE(parsing: jwt).header["cty"] == "JWT")
        let back = try await Message(
            OpenIDConnect.openIDRequest, jwt: jwt, options: VerificationOptions(keys: try Self.providerJar()))
        #expect(back == message)
        // The inner signature is still checked: a jar without the relying party's key cannot read it.
        var withoutSigner = KeyJar()
        withoutSigner.add(try KeyBundle(jwks: ["keys": [Self.encryption.privateJWK]]), for: "")
        let error = await messageError {
            _ = try await Message(
                OpenIDConnect.openIDRequest, jwt: jwt, options: VerificationOptions(keys: withoutSigner))
        }
        #expect(error?.code == .invalidJWT)
    }

    @Test func undecryptableMessagesAreRefused() async throws {
        let message = try Message(OpenIDConnect.openIDRequest, Self.request)
        let jwe = try message.jwe(
            encryptedTo: try JWEKey(jwk: Self.encryption.publicJWK), algorithm: .ecdhESA128KW, encryption: .a128GCM)
        let noKeys = await messageError {
            _ = try await Message(OpenIDConnect.openIDRequest, jwt: jwe, options: VerificationOptions())
        }
        #expect(noKeys?.code == .missingKey)
        var otherJWK = try #require(try JWSKey.generate(for: .es256, keyID: "op-enc").privateJWK().objectValue)
        otherJWK["alg"] = nil
        let wrongKey = VerificationOptions(decryption: JWEDecrypter(keys: [try JWEKey(jwk: .object(otherJWK))]))
        let error = await messageError {
            _ = try await Message(OpenIDConnect.openIDRequest, jwt: jwe, options: wrongKey)
        }
        #expect(error?.code == .invalidJWE)
        #expect(throws: MessageError.self) {
            _ = try message.jwe(
                encryptedTo: try JWEKey(jwk: Self.encryption.publicJWK), algorithm: .rsaOAEP, encryption: .a128GCM)
        }
    }
}

extension VerificationOptions {
    fileprivate init(decryption: JWEDecrypter) {
        self.init()
        self.decryption = decryption
    }
}
