import Foundation
import Testing

@testable import JOSE

/// RFC 7515 Appendix A, RFC 7520 §4, RFC 8037 and RFC 7638 examples, from `JOSE_VECTORS_DIR`.
@Suite(.enabled(if: Vectors.available, "needs JOSE_VECTORS_DIR"))
struct RFCVectorTests {
    static let rfc = try? Vectors.load("rfc/rfc_vectors.json")

    /// The A.1–A.3 payloads expired in 2011: pin the clock before then.
    static let pinnedOptions = JWTValidationOptions(clock: .fixed(Date(timeIntervalSince1970: 1_300_000_000)))

    @Test("RFC 7515 A.1–A.4 verify with the published public keys and claims validate at a pinned clock")
    func rfc7515AppendixA() throws {
        let entries = try #require(Self.rfc?["rfc7515_appendix_A"]?.arrayValue)
        var verified = 0
        for entry in entries {
            let alg = try #require(entry["alg"]?.stringValue)
            let compact = try #require(entry["compact"]?.stringValue)
            if alg == "none" {
                expectJOSEError(.unsecuredToken, "A.5") { try CompactJWS(parsing: compact) }
                continue
            }
            let key = try JWSKey(jwk: try #require(entry["jwk_public"]))
            let jws = try CompactJWS(parsing: compact)
            #expect(jws.header.algorithm.rawValue == alg)
            #expect(String(decoding: jws.signingInput, as: UTF8.self) == entry["signing_input"]?.stringValue)
            try key.verify(signature: jws.signature, for: jws.signingInput, algorithm: jws.header.algorithm)
            if alg != "ES512" {  // A.4's payload is the text "Payload", not a JWT
                let result = try JWTVerifier(keys: StaticKeySource(key: key), options: Self.pinnedOptions)
                    .verify(compact, using: StaticKeySource(key: key))
                #expect(result.claims.issuer == "joe")
                #expect(result.claims["http://example.com/is_root"] == .bool(true))
                // At the real clock these 2011 tokens are expired.
                expectJOSEError(.expired, alg) {
                    try JWTVerifier(keys: StaticKeySource(key: key)).verify(
                        compact, using: StaticKeySource(key: key))
                }
            }
            // Flipping one signature bit must fail.
            var tampered = jws.signature
            tampered[tampered.count / 2] ^= 0x01
            expectJOSEError(.invalidSignature, alg) {
                try key.verify(signature: tampered, for: jws.signingInput, algorithm: jws.header.algorithm)
            }
            verified += 1
        }
        #expect(verified == 4)
        print("RFC 7515 Appendix A: \(verified) signatures verified, A.5 (alg none) rejected")
    }

    @Test("RFC 7515 A.1 (HS256) and A.2 (RS256) are reproduced byte for byte")
    func rfc7515DeterministicSignatures() throws {
        let entries = try #require(Self.rfc?["rfc7515_appendix_A"]?.arrayValue)
        for entry in entries.prefix(2) {
            let algorithm = try JWSAlgorithm(header: try #require(entry["alg"]?.stringValue))
            let key = try JWSKey(jwk: try #require(entry["jwk_private"]))
            let token = try CompactJWS.sign(
                encodedHeader: try #require(entry["protected_b64u"]?.stringValue),
                payload: Array(try #require(entry["payload_raw"]?.stringValue).utf8), algorithm: algorithm, key: key)
            #expect(token == entry["compact"]?.stringValue)
        }
    }

    @Test("RFC 7515 A.3/A.4 private keys sign tokens their public keys verify")
    func rfc7515ECDSASigning() throws {
        let entries = try #require(Self.rfc?["rfc7515_appendix_A"]?.arrayValue)
        for entry in entries[2...3] {
            let algorithm = try JWSAlgorithm(header: try #require(entry["alg"]?.stringValue))
            let privateKey = try JWSKey(jwk: try #require(entry["jwk_private"]))
            let publicKey = try JWSKey(jwk: try #require(entry["jwk_public"]))
            let token = try CompactJWS.sign(payload: Array("hello".utf8), algorithm: algorithm, key: privateKey)
            let jws = try CompactJWS(parsing: token)
            try publicKey.verify(signature: jws.signature, for: jws.signingInput, algorithm: algorithm)
        }
    }

    @Test("RFC 7520 §4.1–4.4: RS256 and HS256 reproduce; PS384 and ES512 verify")
    func rfc7520Section4() throws {
        let entries = try #require(Self.rfc?["rfc7520_section_4"]?.arrayValue)
        #expect(entries.count == 4)
        for entry in entries {
            let compact = try #require(entry["compact"]?.stringValue)
            let key = try JWSKey(jwk: try #require(entry["jwk"]))
            let jws = try CompactJWS(parsing: compact)
            try key.verify(signature: jws.signature, for: jws.signingInput, algorithm: jws.header.algorithm)
            #expect(String(decoding: jws.payload, as: UTF8.self) == entry["payload_raw"]?.stringValue)
            if entry["reproducible"] == .bool(true) {
                let encodedHeader = String(compact.split(separator: ".")[0])
                let again = try CompactJWS.sign(
                    encodedHeader: encodedHeader, payload: jws.payload, algorithm: jws.header.algorithm, key: key)
                #expect(again == compact)
            }
        }
    }

    @Test("RFC 7520 cookbook files: compact outputs verify, b64:false is refused")
    func cookbookFiles() throws {
        var checked = 0
        for file in [
            "4_1.rsa_v15_signature", "4_2.rsa-pss_signature", "4_3.ecdsa_signature",
            "4_4.hmac-sha2_integrity_protection",
        ] {
            let vector = try #require(try Vectors.load("jose-cookbook/jws/\(file).json"))
            let key = try JWSKey(jwk: try #require(vector["input"]?["key"]))
            let compact = try #require(vector["output"]?["compact"]?.stringValue)
            let jws = try CompactJWS(parsing: compact)
            try key.verify(signature: jws.signature, for: jws.signingInput, algorithm: jws.header.algorithm)
            checked += 1
        }
        for file in ["rfc7797/4.2.hmac-sha2_b64_false.json", "rfc7797/hmac-sha2_b64_false.json"] {
            guard let vector = try Vectors.load("jose-cookbook/\(file)"),
                let compact = vector["output"]?["compact"]?.stringValue
            else { continue }
            expectJOSEError(.unsupportedUnencodedPayload, file) { try CompactJWS(parsing: compact) }
            checked += 1
        }
        #expect(checked >= 5)
    }

    @Test("RFC 8037 A.1–A.4: Ed25519 key, thumbprint and a reproduced signature")
    func rfc8037() throws {
        let section = try #require(Self.rfc?["rfc8037_appendix_A"])
        let privateKey = try JWSKey(jwk: try #require(section["A.1_private_jwk"]))
        let publicKey = try JWSKey(jwk: try #require(section["A.2_public_jwk"]))
        #expect(try publicKey.thumbprint() == section["A.3_thumbprint_b64u"]?.stringValue)
        #expect(try privateKey.thumbprint() == section["A.3_thumbprint_b64u"]?.stringValue)
        let compact = try #require(section["A.4_compact"]?.stringValue)
        let jws = try CompactJWS(parsing: compact)
        try publicKey.verify(signature: jws.signature, for: jws.signingInput, algorithm: .eddsa)
        let encodedHeader = String(compact.split(separator: ".")[0])
        let again = try CompactJWS.sign(
            encodedHeader: encodedHeader, payload: jws.payload, algorithm: .eddsa, key: privateKey)
        #expect(again == compact)
        // The cookbook's form of the same example: the signature is reproduced from its own key and payload.
        let cookbook = try #require(try Vectors.load("jose-cookbook/curve25519/jws.json"))
        let cookbookKey = try JWSKey(jwk: try #require(cookbook["input"]?["key"]))
        let cookbookToken = try CompactJWS.sign(
            encodedHeader: try #require(cookbook["signing"]?["protected_b64u"]?.stringValue),
            payload: Array(try #require(cookbook["input"]?["payload"]?.stringValue).utf8), algorithm: .eddsa,
            key: cookbookKey)
        #expect(cookbookToken == cookbook["output"]?["compact"]?.stringValue)
    }

    @Test("RFC 7638 §3.1 thumbprint")
    func rfc7638() throws {
        let section = try #require(Self.rfc?["rfc7638_section_3_1"])
        let key = try JWSKey(jwk: try #require(section["jwk"]))
        #expect(try key.thumbprint() == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs")
        #expect(try key.thumbprint() == section["sha256_thumbprint_b64u"]?.stringValue)
    }

    @Test("RFC 7517 Appendix A key sets parse; the enc key is never used to verify")
    func rfc7517() throws {
        let section = try #require(Self.rfc?["rfc7517_appendix"])
        let publicSet = try JWKSet(json: try #require(section["A.1_public_keys"]))
        #expect(publicSet.keys.count == 2)
        #expect(publicSet.skipped.isEmpty)
        let header = try JWSHeader(fields: ["alg": "ES256", "kid": "1"])
        let candidate = try #require(publicSet.candidates(for: header).first)
        expectJOSEError(.keyUsageNotPermitted) {
            try candidate.checkUsable(for: .es256, operation: .verify)
        }
        let privateSet = try JWKSet(json: try #require(section["A.2_private_keys"]))
        #expect(privateSet.keys.count == 2)
        #expect(privateSet.keys.allSatisfy { $0.isPrivate })
    }
}
