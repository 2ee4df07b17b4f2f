import CJWTOpenSSL
import Foundation
import OAuthJWTTesting
import Testing

@testable import JOSE

/// Findings of the security review, each pinned by a test that fails if its fix is removed.
struct SecurityRegressionTests {
    private func verify(_ token: String, keys: [JWSKey], options: JWTValidationOptions = JWTValidationOptions()) throws
        -> VerifiedJWT
    {
        let resolver = StaticKeySource(keySet: JWKSet(keys: keys))
        return try JWTVerifier(keys: resolver, options: options).verify(token, using: resolver)
    }

    @Test("Ed25519 keys of small order or non-canonical encoding are refused (they allow forgeries)")
    func ed25519SmallOrderKeys() throws {
        let encodings: [[UInt8]] = [
            [UInt8](repeating: 0, count: 32), [1] + [UInt8](repeating: 0, count: 31),
            [0xEC] + [UInt8](repeating: 0xFF, count: 30) + [0x7F],
            [0xEE] + [UInt8](repeating: 0xFF, count: 30) + [0x7F],
            [0xEC] + [UInt8](repeating: 0xFF, count: 30) + [0xFF],  // sign bit set
            [0xF0] + [UInt8](repeating: 0xFF, count: 30) + [0x7F],  // y ≥ p
        ]
        for encoding in encodings {
            expectJOSEError(.invalidKey, "\(encoding.prefix(2))") {
                try JWSKey(jwkJSON: #"{"kty":"OKP","crv":"Ed25519","x":"\#(Base64URL.encode(encoding))"}"#)
            }
        }
        // The same refusal on the SPKI path: the identity point in a DER public key.
        let spkiPrefix: [UInt8] = [0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x03, 0x21, 0x00]
        expectJOSEError(.invalidKey, "SPKI") { try JWSKey(der: spkiPrefix + [1] + [UInt8](repeating: 0, count: 31)) }
        // A genuine key still works.
        let key = try JWSKey.generate(for: .eddsa)
        _ = try JWSKey(jwk: try key.publicJWK())
    }

    @Test("iss, aud, kid and typ compare bytes, not Unicode-equivalent strings")
    func exactComparison() throws {
        let key = TestIssuer.sharedKey(.hs256)
        let claims = "{\"iss\":\"https://\u{212A}eycloak.example\",\"aud\":\"api-\u{212A}\",\"exp\":9999999999}"
        let token = try CompactJWS.sign(payload: Array(claims.utf8), algorithm: .hs256, key: key)
        #expect("\u{212A}" == "K", "Swift's == is canonical equivalence, which is why bytes are compared")
        expectJOSEError(.issuerMismatch) {
            try verify(token, keys: [key], options: JWTValidationOptions(issuers: ["https://Keycloak.example"]))
        }
        expectJOSEError(.audienceMismatch) {
            try verify(token, keys: [key], options: JWTValidationOptions(audiences: ["api-K"]))
        }
        var named = TestIssuer.sharedKey(.es256)
        named.keyID = "K1"
        var signer = named
        signer.keyID = "\u{212A}1"
        let kidToken = try JWTSigner.sign(TestIssuer.shared(.es256).claims(), with: signer, algorithm: .es256)
        expectJOSEError(.noMatchingKey) { try verify(kidToken, keys: [try named.publicKey()]) }
        let typed = try JWSHeader(fields: ["alg": "RS256", "typ": "at+jwt"])
        #expect(typed.hasType("AT+JWT"))
        #expect(!typed.hasType("at+jw\u{0074}\u{0307}"))
    }

    @Test("oct keys in a key set document are skipped unless the document is declared private")
    func publishedSecrets() throws {
        let secret = [UInt8](repeating: 0x41, count: 32)
        let document = #"{"keys":[{"kty":"oct","kid":"s","k":"\#(Base64URL.encode(secret))"}]}"#
        let published = try JWKSet(jsonText: document)
        #expect(published.keys.isEmpty)
        #expect(published.skipped.first?.reason.code == .unsupportedKey)
        let forged = try CompactJWS.sign(
            payload: Array(#"{"sub":"admin","exp":9999999999}"#.utf8), algorithm: .hs256,
            key: try JWSKey(hmacSecret: secret))
        expectJOSEError(.noMatchingKey) { try verify(forged, keys: published.keys) }
        #expect(try JWKSet(jsonText: document, allowsSymmetricKeys: true).keys.count == 1)
    }

    @Test("RSA exponents outside 3 ≤ e < 2^32, even exponents and oversize moduli are refused")
    func rsaKeyShape() throws {
        let n = try #require(TestIssuer.sharedKey(.rs256).publicJWK()["n"]?.stringValue)
        for exponent in [[0x01], [0x02], [0x01, 0x00, 0x00, 0x00, 0x01], [0x01, 0x00, 0x00]] as [[UInt8]] {
            expectJOSEError(.invalidKey, "e = \(exponent)") {
                try JWSKey(jwkJSON: #"{"kty":"RSA","n":"\#(n)","e":"\#(Base64URL.encode(exponent))"}"#)
            }
        }
        #expect(try JWSKey(jwkJSON: #"{"kty":"RSA","n":"\#(n)","e":"Aw"}"#).type == .rsa(bits: 2048))
        let huge = Base64URL.encode([0xC1] + [UInt8](repeating: 0x55, count: 1100) + [0x01])
        expectJOSEError(.unsupportedKey, "modulus over 8192 bits") {
            try JWSKey(jwkJSON: #"{"kty":"RSA","n":"\#(huge)","e":"AQAB"}"#)
        }
        var even = try Base64URL.decode(n)
        even[even.count - 1] &= 0xFE
        expectJOSEError(.invalidKey, "even modulus") {
            try JWSKey(jwkJSON: #"{"kty":"RSA","n":"\#(Base64URL.encode(even))","e":"AQAB"}"#)
        }
    }

    @Test("time claims must be finite NumericDates in 1970...9999")
    func numericDates() throws {
        let key = TestIssuer.sharedKey(.hs256)
        for claims in [
            #"{"exp":1e400}"#, #"{"exp":9999999999,"nbf":-1e400}"#, #"{"exp":9999999999,"iat":-1}"#, #"{"exp":1e300}"#,
        ] {
            let token = try CompactJWS.sign(payload: Array(claims.utf8), algorithm: .hs256, key: key)
            expectJOSEError(.invalidClaim, claims) { try verify(token, keys: [key]) }
        }
    }

    @Test("a DER import leaves OpenSSL's error queue empty")
    func errorQueue() throws {
        ERR_clear_error()
        let body = try TestIssuer.sharedKey(.es256).privatePEM().split(separator: "\n").filter {
            !$0.hasPrefix("-----")
        }
        .joined()
        _ = try JWSKey(der: try #require(decodeStandardBase64(body)))
        #expect(ERR_peek_error() == 0)
        let certificateBody = PEMFixtures.certificatePEM.split(separator: "\n").dropFirst().dropLast().joined()
        _ = try JWSKey(der: try #require(decodeStandardBase64(certificateBody)))
        #expect(ERR_peek_error() == 0)
    }

    @Test("keys never print their secret: description, debugDescription and dump are redacted")
    func redaction() throws {
        let key = try JWSKey(hmacSecret: [UInt8](repeating: 0xAB, count: 32), keyID: "k")
        var dumped = ""
        dump(key, to: &dumped)
        for text in [dumped, key.description, key.debugDescription, String(reflecting: key)] {
            #expect(!text.contains("171") && !text.lowercased().contains("ab, "), "\(text)")
        }
        #expect(key.description.contains("HMAC secret"))
    }

    @Test("scope of the wrong type grants nothing and never falls through to scp")
    func scopeFallThrough() throws {
        #expect(try JWTClaims(json: Array(#"{"scope":5,"scp":"admin"}"#.utf8)).scopes == [])
        #expect(try JWTClaims(json: Array(#"{"scp":"admin"}"#.utf8)).scopes == ["admin"])
    }

    @Test("decode(as:) reads Date properties as NumericDates")
    func decodeDates() throws {
        struct Claims: Decodable { let exp: Date }
        let claims = try JWTClaims(json: Array(#"{"exp":1700000000}"#.utf8))
        #expect(try claims.decode(as: Claims.self).exp == Date(timeIntervalSince1970: 1_700_000_000))
    }

    @Test("JSON string values compare by bytes; numbers by value")
    func jsonEquality() {
        #expect(JSONValue.string("K") != JSONValue.string("\u{212A}"))
        #expect(JSONValue.string("é") != JSONValue.string("e\u{0301}"))
        #expect(JSONValue.number(JSONNumber(1)) == JSONValue.number(JSONNumber(literal: "1.0")!))
        let a: JSONValue = ["x": [1, "y"], "z": nil]
        let b: JSONValue = ["z": nil, "x": [1, "y"]]
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(Set<JSONValue>(["K", "\u{212A}"]).count == 2)
    }

    @Test("isSameKey compares key material, not metadata")
    func keyIdentity() throws {
        let key = TestIssuer.sharedKey(.es256)
        var renamed = try key.publicKey()
        renamed.keyID = "other"
        #expect(key.isSameKey(as: renamed))
        #expect(!key.isSameKey(as: try JWSKey.generate(for: .es256)))
        #expect(!key.isSameKey(as: TestIssuer.sharedKey(.rs256)))
        let secret = [UInt8](repeating: 7, count: 32)
        #expect(try JWSKey(hmacSecret: secret).isSameKey(as: try JWSKey(hmacSecret: secret)))
        #expect(!(try JWSKey(hmacSecret: secret).isSameKey(as: try JWSKey(hmacSecret: secret.reversed() + [1]))))
    }
}
