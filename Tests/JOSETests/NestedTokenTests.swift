import Foundation
import OAuthJWTTesting
import Testing

@testable import JOSE

/// Encrypted access tokens: a JWE around a signed JWT is decrypted, then verified; nothing else is accepted.
@Suite struct NestedTokenTests {
    let issuer: TestIssuer
    let recipient: JWEKey
    let recipientPublic: JWEKey

    init() throws {
        issuer = try TestIssuer(issuedAt: TestIssuer.start)
        var jwk = try #require(try JWSKey.generate(for: .es256, keyID: "enc-1").privateJWK().objectValue)
        jwk["alg"] = nil
        jwk["use"] = "enc"
        recipient = try JWEKey(jwk: .object(jwk))
        jwk["d"] = nil
        recipientPublic = try JWEKey(jwk: .object(jwk))
    }

    func verifier(_ decryption: JWTDecryption?) throws -> JWTVerifier {
        JWTVerifier(
            keys: StaticKeySource(key: try issuer.publicKey),
            options: JWTValidationOptions(
                algorithms: [.es256, .rs256], issuers: [TestIssuer.issuer], audiences: [TestIssuer.audience],
                clock: .fixed(TestIssuer.start)),
            decryption: decryption)
    }

    func encrypted(_ plaintext: String, cty: JSONValue? = "JWT") throws -> String {
        try JWEEncrypter.encrypt(
            Array(plaintext.utf8), to: recipientPublic, algorithm: .ecdhESA256KW, encryption: .a256GCM,
            header: cty.map { ["cty": $0] } ?? [:])
    }

    @Test func nestedTokenIsDecryptedThenVerified() async throws {
        let nested = try encrypted(try issuer.token(["scope": "read"]))
        let verified = try await verifier(JWTDecryption(keys: [recipient])).verify(nested)
        #expect(verified.claims.subject == TestIssuer.subject)
        #expect(verified.claims.scopes == ["read"])
        // Plain tokens are still accepted unless encryption is required.
        #expect(try await verifier(JWTDecryption(keys: [recipient])).verify(try issuer.token()).claims.subject != nil)
    }

    @Test func encryptedButUnsignedClaimsAreNeverAccepted() async throws {
        let claims = String(decoding: issuer.claims().json, as: UTF8.self)
        for token in [try encrypted(claims), try encrypted(claims, cty: nil), try encrypted("a.b")] {
            let error = await #expect(throws: JOSEError.self) {
                try await verifier(JWTDecryption(keys: [recipient])).verify(token)
            }
            #expect(error?.code == .encryptedTokenNotSigned)
        }
        // A JWE around a JWS that is not validly signed fails as the JWS would.
        let forged = try encrypted(String(try issuer.token().dropLast(4)) + "AAAA")
        let error = await #expect(throws: JOSEError.self) {
            try await verifier(JWTDecryption(keys: [recipient])).verify(forged)
        }
        #expect(error?.code == .invalidSignature)
    }

    @Test func encryptionCanBeRequiredAndIsRefusedWithoutKeys() async throws {
        let plain = try issuer.token()
        let required = await #expect(throws: JOSEError.self) {
            try await verifier(JWTDecryption(keys: [recipient], isRequired: true)).verify(plain)
        }
        #expect(required?.code == .encryptionRequired)
        let nested = try encrypted(plain)
        let withoutKeys = await #expect(throws: JOSEError.self) { try await verifier(nil).verify(nested) }
        #expect(withoutKeys?.code == .malformedToken)
        let other = try JWEKey(
            jwk: try #require(
                try JWSKey.generate(for: .es256, keyID: "enc-1").privateJWK().objectValue.map {
                    var jwk = $0
                    jwk["alg"] = nil
                    return JSONValue.object(jwk)
                }))
        let wrongKey = await #expect(throws: JOSEError.self) {
            try await verifier(JWTDecryption(keys: [other])).verify(nested)
        }
        #expect(wrongKey?.code == .decryptionFailed)
    }
}
