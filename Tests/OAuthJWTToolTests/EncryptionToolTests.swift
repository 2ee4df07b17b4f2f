import Foundation
import JOSE
import Testing

/// `oauth-jwt encrypt`, `decrypt` and `verify --decrypt-key`, run as a subprocess.
@Suite(.serialized)
struct EncryptionToolTests {
    let tool: ToolRunner

    init() throws { tool = try ToolRunner() }

    @Test("encrypt → decrypt round trips with PEM and JWK keys, with and without zip")
    func roundTrip() async throws {
        #expect(try await tool.runDetached(["keygen", "--alg", "RS256", "--out", "rsa"]).status == 0)
        #expect(try await tool.runDetached(["keygen", "--alg", "ES384", "--out", "ec"]).status == 0)
        // keygen's JWKs are signature keys (alg RS256, ES384): the same keys as encryption keys carry no alg.
        for name in ["rsa.jwk.json", "rsa.pub.jwk.json", "ec.jwk.json", "ec.pub.jwk.json"] {
            var jwk = try #require(try JSONValue(parsing: Array(try tool.read(name).utf8)).objectValue)
            jwk["alg"] = nil
            jwk["use"] = "enc"
            try tool.write("enc-" + name, String(decoding: JSONValue.object(jwk).serialized(), as: UTF8.self))
        }
        let secret = Base64URL.encode([UInt8](repeating: 7, count: 32))
        try tool.write("aes.jwk.json", #"{"kty":"oct","k":"\#(secret)"}"#)
        // A signature JWK is not an encryption key.
        let signatureKey = try await tool.runDetached(
            ["encrypt", "--key", "rsa.pub.jwk.json", "--alg", "RSA-OAEP", "--enc", "A128GCM"], input: "x")
        #expect(signatureKey.status == 2)
        let cases: [(encryptTo: String, decryptWith: String, alg: String, enc: String)] = [
            ("rsa.pub.pem", "rsa.key.pem", "RSA-OAEP-256", "A256GCM"),
            ("enc-rsa.pub.jwk.json", "enc-rsa.jwk.json", "RSA-OAEP", "A128CBC-HS256"),
            ("ec.pub.pem", "ec.key.pem", "ECDH-ES+A256KW", "A256GCM"),
            ("enc-ec.pub.jwk.json", "enc-ec.jwk.json", "ECDH-ES", "A192GCM"),
            ("aes.jwk.json", "aes.jwk.json", "A256KW", "A256CBC-HS512"),
            ("aes.jwk.json", "aes.jwk.json", "dir", "A256GCM"),
        ]
        let message = "The eagles are coming. The eagles are coming. The eagles are coming."
        for item in cases {
            for zip in [false, true] {
                let encrypted = try await tool.runDetached(
                    ["encrypt", "--key", item.encryptTo, "--alg", item.alg, "--enc", item.enc] + (zip ? ["--zip"] : []),
                    input: message)
                #expect(encrypted.status == 0, "\(item): \(encrypted.standardError)")
                let jwe = encrypted.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(jwe.split(separator: ".", omittingEmptySubsequences: false).count == 5)
                let decrypted = try await tool.runDetached(["decrypt", "--key", item.decryptWith, jwe])
                #expect(decrypted.status == 0, "\(item): \(decrypted.standardError)")
                #expect(decrypted.standardOutput == message)
            }
        }
    }

    @Test("decryption failures exit 1 with decryption_failed; RSA1_5 and bad options exit 2; --max-size bounds zip")
    func failures() async throws {
        #expect(try await tool.runDetached(["keygen", "--alg", "RS256", "--out", "a"]).status == 0)
        #expect(try await tool.runDetached(["keygen", "--alg", "RS256", "--out", "b"]).status == 0)
        let jwe = try await tool.runDetached(
            ["encrypt", "--key", "a.pub.pem", "--alg", "RSA-OAEP-256", "--enc", "A256GCM", "--zip"],
            input: String(repeating: "0", count: 100_000)
        ).standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        let wrongKey = try await tool.runDetached(["decrypt", "--key", "b.key.pem", jwe])
        #expect(wrongKey.status == 1)
        #expect(wrongKey.standardError.hasPrefix("error: decryption_failed: "))
        #expect(wrongKey.standardOutput.isEmpty)
        let bounded = try await tool.runDetached(["decrypt", "--key", "a.key.pem", "--max-size", "1000", jwe])
        #expect(bounded.status == 1)
        #expect(bounded.standardError.hasPrefix("error: plaintext_too_large: "))
        let rsa15 = try await tool.runDetached(
            ["encrypt", "--key", "a.pub.pem", "--alg", "RSA1_5", "--enc", "A256GCM"], input: "x")
        #expect(rsa15.status == 2)
        let garbage = try await tool.runDetached(["decrypt", "--key", "a.key.pem", "a.b.c.d.e"])
        #expect(garbage.status == 1)
    }

    @Test("verify --decrypt-key verifies a nested token: sign, then encrypt with --cty JWT")
    func nestedToken() async throws {
        #expect(try await tool.runDetached(["keygen", "--alg", "ES256", "--out", "signer"]).status == 0)
        #expect(try await tool.runDetached(["keygen", "--alg", "ES256", "--out", "recipient"]).status == 0)
        let signed = try await tool.runDetached([
            "sign", "--key", "signer.key.pem", "--alg", "ES256", "--expires-in", "10m",
            #"{"sub":"nested","aud":"api"}"#,
        ]).standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        let nested = try await tool.runDetached(
            ["encrypt", "--key", "recipient.pub.pem", "--alg", "ECDH-ES+A128KW", "--enc", "A128GCM", "--cty", "JWT"],
            input: signed
        ).standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        let verified = try await tool.runDetached([
            "verify", "--key", "signer.pub.pem", "--decrypt-key", "recipient.key.pem", "--audience", "api", nested,
        ])
        #expect(verified.status == 0, "\(verified.standardError)")
        #expect(try JSONValue(parsing: Array(verified.standardOutput.utf8))["sub"] == "nested")
        let withoutKey = try await tool.runDetached(["verify", "--key", "signer.pub.pem", nested])
        #expect(withoutKey.status == 1)
        // An encrypted JSON object is no signed token.
        let unsigned = try await tool.runDetached(
            ["encrypt", "--key", "recipient.pub.pem", "--alg", "ECDH-ES", "--enc", "A128GCM", "--cty", "JWT"],
            input: #"{"sub":"forged","aud":"api"}"#
        ).standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        let refused = try await tool.runDetached([
            "verify", "--key", "signer.pub.pem", "--decrypt-key", "recipient.key.pem", unsigned,
        ])
        #expect(refused.status == 1)
        #expect(refused.standardError.hasPrefix("error: encrypted_token_not_signed: "))
    }
}
