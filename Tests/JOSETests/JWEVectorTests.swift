import Foundation
import Testing

@testable import JOSE

/// Compact JWE against RFC 7520 §5 (the JOSE cookbook) and Wycheproof's JWE vectors, from `JOSE_VECTORS_DIR`.
///
/// `RSA1_5` is refused by design (Bleichenbacher), by name, never skipped; the JSON serializations are not compact
/// JWEs.
@Suite(.enabled(if: Vectors.available, "needs JOSE_VECTORS_DIR"))
struct JWEVectorTests {
    /// The cookbook examples this library decrypts: the recipient's key, and the plaintext it must give.
    @Test(arguments: [
        "5_2.key_encryption_using_rsa-oaep_with_aes-gcm.json",
        "5_4.key_agreement_with_key_wrapping_using_ecdh-es_and_aes-keywrap_with_aes-gcm.json",
        "5_5.key_agreement_using_ecdh-es_with_aes-cbc-hmac-sha2.json",
        "5_6.direct_encryption_using_aes-gcm.json",
        "5_7.key_wrap_using_aes-gcm_keywrap_with_aes-cbc-hmac-sha2.json",
        "5_8.key_wrap_using_aes-keywrap_with_aes-gcm.json",
        "5_9.compressed_content.json",
    ])
    func cookbookExampleDecrypts(_ file: String) throws {
        let vector = try #require(try Vectors.load("jose-cookbook/jwe/" + file))
        let key = try JWEKey(jwk: try #require(vector["input"]?["key"]))
        let compact = try #require(vector["output"]?["compact"]?.stringValue)
        let decrypted = try JWEDecrypter(keys: [key]).decrypt(compact)
        #expect(String(decoding: decrypted.plaintext, as: UTF8.self) == vector["input"]?["plaintext"]?.stringValue)
        #expect(decrypted.keyID == key.keyID)
        // A changed byte anywhere in the ciphertext or tag is refused with the one decryption error.
        var parts = compact.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        for index in [3, 4] {
            var tampered = parts
            var bytes = try Base64URL.decode(parts[index])
            bytes[bytes.count / 2] ^= 0x01
            tampered[index] = Base64URL.encode(bytes)
            #expect(throws: JOSEError(.decryptionFailed, "The JWE could not be decrypted")) {
                try JWEDecrypter(keys: [key]).decrypt(tampered.joined(separator: "."))
            }
        }
        parts[2] = Base64URL.encode(try Base64URL.decode(parts[2]).map { $0 ^ 0x80 })
        #expect(throws: JOSEError.self) { try JWEDecrypter(keys: [key]).decrypt(parts.joined(separator: ".")) }
    }

    /// RFC 7520 §5.1 uses RSA1_5, which is refused by design.
    @Test func cookbookRSA15ExampleIsRefused() throws {
        let vector = try #require(
            try Vectors.load("jose-cookbook/jwe/5_1.key_encryption_using_rsa_v15_and_aes-hmac-sha2.json"))
        let compact = try #require(vector["output"]?["compact"]?.stringValue)
        let error = #expect(throws: JOSEError.self) { try CompactJWE(parsing: compact) }
        #expect(error?.code == .unsupportedAlgorithm)
    }

    /// RFC 7520 §5.3: PBES2 with the example's password, as a key bound to PBES2-HS512+A256KW (p2c 8192).
    @Test func cookbookPasswordExampleDecrypts() throws {
        let vector = try #require(
            try Vectors.load("jose-cookbook/jwe/5_3.key_wrap_using_pbes2-aes-keywrap_with-aes-cbc-hmac-sha2.json"))
        let password = try #require(vector["input"]?["pwd"]?.stringValue)
        let key = try JWEKey(secret: Array(password.utf8), algorithm: .pbes2HS512A256KW)
        let compact = try #require(vector["output"]?["compact"]?.stringValue)
        let decrypted = try JWEDecrypter(keys: [key]).decrypt(compact)
        #expect(String(decoding: decrypted.plaintext, as: UTF8.self) == vector["input"]?["plaintext"]?.stringValue)
        // The same password not bound to PBES2 is never used for it.
        #expect(throws: JOSEError.self) {
            try JWEDecrypter(keys: [try JWEKey(secret: Array(password.utf8))]).decrypt(compact)
        }
        // 8192 iterations are over a cap of 5,000.
        var capped = JWEDecrypter(keys: [key])
        capped.maximumPBES2Iterations = 5_000
        #expect(throws: JOSEError(.decryptionFailed, "The JWE could not be decrypted")) { try capped.decrypt(compact) }
    }

    /// RFC 7516 Appendix A.3 (A128KW with A128CBC-HS256), its key and compact form as printed in the RFC.
    @Test func rfc7516AppendixA3Decrypts() throws {
        let key = try JWEKey(jwk: ["kty": "oct", "k": "GawgguFyGrWKav7AX4VKUg"])
        let compact =
            "eyJhbGciOiJBMTI4S1ciLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0."
            + "6KB707dM9YTIgHtLvtgWQ8mKwboJW3of9locizkDTHzBC2IlrT1oOQ." + "AxY8DCtDaGlsbGljb3RoZQ."
            + "KDlTtXchhZTGufMYmOYGS4HffxPSUrfmqCHXaI9wOGY." + "U0m_YmjN04DJvceFICbCVQ"
        let decrypted = try JWEDecrypter(keys: [key]).decrypt(compact)
        #expect(String(decoding: decrypted.plaintext, as: UTF8.self) == "Live long and prosper.")
    }

    @Test(arguments: ["json_web_encryption_test.json", "json_web_crypto_test.json"])
    func wycheproofJWEVectors(_ file: String) throws {
        let suite = try #require(try Vectors.load("wycheproof/" + file))
        var counts: [String: Int] = [:]
        for group in suite["testGroups"]?.arrayValue ?? [] {
            let keys = Self.keys(in: group["private"])
            for test in group["tests"]?.arrayValue ?? [] where test["jwe"] != nil {
                let id = test["tcId"].map { $0.numberValue?.literal ?? $0.stringValue ?? "?" } ?? "?"
                let valid = test["result"]?.stringValue == "valid"
                guard let text = test["jwe"]?.stringValue, CompactJWE.isCompactJWE(text) else {
                    #expect(!valid, "tcId \(id): a non-compact JWE marked valid")
                    counts["not compact (JSON serialization), refused", default: 0] += 1
                    continue
                }
                let parsed: CompactJWE
                do {
                    parsed = try CompactJWE(parsing: text)
                } catch {
                    let encoded = String(text.prefix { $0 != "." })
                    let header = try? JSONValue(parsing: Base64URL.decode(encoded))
                    let name = header?["zip"] != nil ? "zip" : header?["alg"]?.stringValue ?? "-"
                    if error.code == .unsupportedAlgorithm {
                        counts[
                            "\(name == "RSA1_5" ? "RSA1_5 refused by design" : "not implemented yet: \(name)")",
                            default: 0] += 1
                    } else {
                        #expect(!valid, "tcId \(id): \(error)")
                        counts["invalid, refused while parsing", default: 0] += 1
                    }
                    continue
                }
                let result = Result { () throws(JOSEError) in try JWEDecrypter(keys: keys).decrypt(parsed) }
                if valid {
                    let plaintext = try? result.get().plaintext
                    #expect(plaintext != nil, "tcId \(id) did not decrypt")
                    // json_web_crypto_test.json gives no plaintext for its valid JWEs.
                    if let expected = test["pt"]?.stringValue { #expect(plaintext == hexBytes(expected), "tcId \(id)") }
                    counts["valid, decrypted", default: 0] += 1
                } else {
                    #expect((try? result.get()) == nil, "tcId \(id) decrypted although invalid")
                    counts["invalid, refused", default: 0] += 1
                }
            }
        }
        print(
            "Wycheproof JWE (\(file)):",
            counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: "; ")
        )
        #expect(counts["valid, decrypted", default: 0] >= (file == "json_web_encryption_test.json" ? 57 : 2))
    }

    /// The group's private key or key set as JWE keys; keys of types not supported for JWE are left out.
    private static func keys(in value: JSONValue?) -> [JWEKey] {
        guard let value else { return [] }
        let jwks = value["keys"]?.arrayValue ?? [value]
        return jwks.compactMap { try? JWEKey(jwk: $0) }
    }
}
