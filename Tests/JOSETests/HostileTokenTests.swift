import Foundation
import OAuthJWTTesting
import Testing

@testable import JOSE

/// Tokens built to fool a verifier. Each must be rejected with its own error code.
struct HostileTokenTests {
    private func verify(_ token: String, keys: [JWSKey], options: JWTValidationOptions = JWTValidationOptions()) throws
    {
        _ = try JWTVerifier(keys: StaticKeySource(keySet: JWKSet(keys: keys)), options: options)
            .verify(token, using: StaticKeySource(keySet: JWKSet(keys: keys)))
    }

    private let payload = #"{"sub":"x","exp":9999999999}"#

    @Test("alg none, in any letter case, is never accepted")
    func algNone() throws {
        for alg in ["none", "None", "NONE"] {
            let token = TestIssuer.compact(header: #"{"alg":"\#(alg)"}"#, payload: payload, signature: [])
            expectJOSEError(.unsecuredToken, alg) { try verify(token, keys: [TestIssuer.sharedKey(.hs256)]) }
        }
    }

    @Test("HS256 signed with an RSA public key's bytes as the secret (algorithm confusion)")
    func algorithmConfusion() throws {
        let rsa = try TestIssuer.sharedKey(.rs256).publicKey()
        // The attacker knows the public key and uses its encodings as an HMAC secret.
        let secretCandidates = [Array(try rsa.publicJWK().serialized()), Array(try rsa.thumbprint().utf8)]
        for secret in secretCandidates {
            let attackerKey = try JWSKey(hmacSecret: secret)
            let withKid = try CompactJWS.sign(
                payload: Array(payload.utf8), algorithm: .hs256, key: attackerKey, extraHeader: ["kid": "RS256-1"])
            expectJOSEError(.keyAlgorithmMismatch, "kid names the RSA key") { try verify(withKid, keys: [rsa]) }
            let withoutKid = try CompactJWS.sign(payload: Array(payload.utf8), algorithm: .hs256, key: attackerKey)
            expectJOSEError(.noMatchingKey, "no HMAC key in the set") { try verify(withoutKid, keys: [rsa]) }
            // Even a single configured RSA key with no kid refuses to act as an HMAC secret.
            var unnamed = rsa
            unnamed.keyID = nil
            expectJOSEError(.keyAlgorithmMismatch, "single key") {
                _ = try JWTVerifier(keys: StaticKeySource(key: unnamed)).verify(
                    withoutKid, using: StaticKeySource(key: unnamed))
            }
        }
    }

    @Test("a token alg different from the JWK alg is refused")
    func jwkAlgorithmPinning() throws {
        var key = TestIssuer.sharedKey(.rs256)  // bound to RS256
        #expect(key.algorithm == .rs256)
        let rs384 = try CompactJWS.sign(
            payload: Array(payload.utf8), algorithm: .rs384,
            key: {
                key.algorithm = nil
                return key
            }())
        key.algorithm = .rs256
        expectJOSEError(.keyAlgorithmMismatch) { try verify(rs384, keys: [try key.publicKey()]) }
    }

    @Test("an EC key refuses the algorithm of another curve")
    func wrongCurve() throws {
        var p256 = TestIssuer.sharedKey(.es256)
        p256.algorithm = nil
        expectJOSEError(.keyAlgorithmMismatch, "sign") { try p256.sign([1], algorithm: .es384) }
        let token = TestIssuer.compact(
            header: #"{"alg":"ES384","kid":"ES256-1"}"#, payload: payload, signature: Array(repeating: 1, count: 96))
        expectJOSEError(.keyAlgorithmMismatch, "verify") { try verify(token, keys: [try p256.publicKey()]) }
    }

    @Test("a DER-encoded ECDSA signature and wrong signature lengths are malformed")
    func signatureEncoding() throws {
        let key = TestIssuer.sharedKey(.es256)
        let token = try TestIssuer.shared(.es256).token()
        let jws = try CompactJWS(parsing: token)
        let der = jws.signature.withUnsafeBytes { ECDSASignature.der(fromRaw: $0, size: 32) }
        let parts = token.split(separator: ".")
        let derToken = "\(parts[0]).\(parts[1]).\(Base64URL.encode(der))"
        expectJOSEError(.malformedSignature, "DER") { try verify(derToken, keys: [key]) }
        let shortToken = "\(parts[0]).\(parts[1]).\(Base64URL.encode(jws.signature.dropLast()))"
        expectJOSEError(.malformedSignature, "63 bytes") { try verify(shortToken, keys: [key]) }
        let rsaToken = try TestIssuer.shared(.rs256).token().split(separator: ".")
        let rsaShort =
            "\(rsaToken[0]).\(rsaToken[1]).\(Base64URL.encode(try Base64URL.decode(String(rsaToken[2])).dropFirst()))"
        expectJOSEError(.malformedSignature, "RSA") { try verify(rsaShort, keys: [TestIssuer.sharedKey(.rs256)]) }
        let hsToken = try TestIssuer.shared(.hs256).token().split(separator: ".")
        let truncatedMAC =
            "\(hsToken[0]).\(hsToken[1]).\(Base64URL.encode(try Base64URL.decode(String(hsToken[2])).prefix(16)))"
        expectJOSEError(.malformedSignature, "truncated HMAC") {
            try verify(truncatedMAC, keys: [TestIssuer.sharedKey(.hs256)])
        }
    }

    @Test("padded, non-alphabet and non-canonical base64url is refused")
    func base64url() throws {
        let token = try TestIssuer.shared(.hs256).token()
        let key = TestIssuer.sharedKey(.hs256)
        var parts = token.split(separator: ".").map(String.init)
        expectJOSEError(.invalidBase64URL, "padding") {
            try verify(parts[0] + "=." + parts[1] + "." + parts[2], keys: [key])
        }
        expectJOSEError(.invalidBase64URL, "+") { try verify(parts[0] + "." + parts[1] + "+." + parts[2], keys: [key]) }
        expectJOSEError(.invalidBase64URL, "space") {
            try verify(parts[0] + "." + parts[1] + "." + parts[2] + " ", keys: [key])
        }
        // 'Q' and 'R' differ only in the unused low bits of a 2-character tail: only 'Q' is canonical.
        #expect(try Base64URL.decode("QQ") == [0x41])
        expectJOSEError(.invalidBase64URL, "non-canonical") { try Base64URL.decode("QR") }
        expectJOSEError(.invalidBase64URL, "length 1 mod 4") { try Base64URL.decode("QUFBQ") }
        parts[2] = String(parts[2].dropLast()) + (parts[2].hasSuffix("A") ? "B" : "A")
        #expect(throws: JOSEError.self) { try verify(parts.joined(separator: "."), keys: [key]) }
    }

    @Test("structure: duplicate members, non-object header, wrong part count, oversize, deep nesting")
    func structure() throws {
        let key = TestIssuer.sharedKey(.hs256)
        expectJOSEError(.duplicateJSONMember, "header") {
            try verify(TestIssuer.compact(header: #"{"alg":"HS256","alg":"none"}"#, payload: payload), keys: [key])
        }
        expectJOSEError(.duplicateJSONMember, "payload") {
            try CompactJWS.sign(
                payload: Array(#"{"sub":"a","sub":"b","exp":9999999999}"#.utf8), algorithm: .hs256, key: key
            )
            .withVerification { try verify($0, keys: [key]) }
        }
        expectJOSEError(.invalidHeader, "array header") {
            try verify(TestIssuer.compact(header: #"["HS256"]"#, payload: payload), keys: [key])
        }
        expectJOSEError(.invalidHeader, "alg number") {
            try verify(TestIssuer.compact(header: #"{"alg":256}"#, payload: payload), keys: [key])
        }
        expectJOSEError(.invalidHeader, "kid number") {
            try verify(TestIssuer.compact(header: #"{"alg":"HS256","kid":1}"#, payload: payload), keys: [key])
        }
        expectJOSEError(.unsupportedAlgorithm) {
            try verify(TestIssuer.compact(header: #"{"alg":"HS1"}"#, payload: payload), keys: [key])
        }
        expectJOSEError(.malformedToken, "two parts") { try verify("eyJhbGciOiJIUzI1NiJ9.e30", keys: [key]) }
        expectJOSEError(.malformedToken, "four parts") {
            try verify(try TestIssuer.shared(.hs256).token() + ".AA", keys: [key])
        }
        let oversize = TestIssuer.compact(
            header: #"{"alg":"HS256"}"#, payload: #"{"pad":"\#(String(repeating: "a", count: 20_000))"}"#)
        expectJOSEError(.tokenTooLarge) { try verify(oversize, keys: [key]) }
        let deep = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        expectJOSEError(.jsonTooDeep, "payload") {
            try CompactJWS.sign(payload: Array(#"{"exp":9999999999,"x":\#(deep)}"#.utf8), algorithm: .hs256, key: key)
                .withVerification {
                    try verify($0, keys: [key], options: JWTValidationOptions(maximumTokenSize: 100_000))
                }
        }
        expectJOSEError(.invalidPayload, "array payload") {
            try CompactJWS.sign(payload: Array("[1]".utf8), algorithm: .hs256, key: key).withVerification {
                try verify($0, keys: [key])
            }
        }
    }

    @Test("crit and b64 header rules")
    func criticalHeaders() throws {
        let key = TestIssuer.sharedKey(.hs256)
        expectJOSEError(.unsupportedCriticalHeader) {
            try verify(
                TestIssuer.compact(header: #"{"alg":"HS256","crit":["exp"],"exp":1}"#, payload: payload), keys: [key])
        }
        expectJOSEError(.invalidHeader, "crit names an absent member") {
            try verify(TestIssuer.compact(header: #"{"alg":"HS256","crit":["b64"]}"#, payload: payload), keys: [key])
        }
        expectJOSEError(.invalidHeader, "empty crit") {
            try verify(TestIssuer.compact(header: #"{"alg":"HS256","crit":[]}"#, payload: payload), keys: [key])
        }
        expectJOSEError(.unsupportedUnencodedPayload) {
            try verify(
                TestIssuer.compact(header: #"{"alg":"HS256","b64":false,"crit":["b64"]}"#, payload: payload),
                keys: [key])
        }
    }

    @Test("exp as a string and other wrongly typed registered claims")
    func claimTypes() throws {
        let key = TestIssuer.sharedKey(.hs256)
        for claims in [
            #"{"exp":"9999999999"}"#, #"{"exp":9999999999,"nbf":true}"#, #"{"exp":9999999999,"iss":1}"#,
            #"{"exp":9999999999,"aud":[1]}"#,
        ] {
            let token = try CompactJWS.sign(payload: Array(claims.utf8), algorithm: .hs256, key: key)
            expectJOSEError(.invalidClaim, claims) { try verify(token, keys: [key]) }
        }
    }

    @Test("keys: unknown kid never falls back; enc keys and key_ops without verify never verify; allow-list")
    func keySelection() throws {
        let token = try TestIssuer.shared(.es256).token()
        let key = try TestIssuer.sharedKey(.es256).publicKey()
        var other = key
        other.keyID = "other"
        expectJOSEError(.noMatchingKey, "unknown kid") {
            try verify(token, keys: [other, TestIssuer.sharedKey(.es384)])
        }
        var encryption = key
        encryption.use = .encryption
        expectJOSEError(.keyUsageNotPermitted, "use enc") { try verify(token, keys: [encryption]) }
        var signOnly = key
        signOnly.operations = [.sign]
        expectJOSEError(.keyUsageNotPermitted, "key_ops") { try verify(token, keys: [signOnly]) }
        expectJOSEError(.algorithmNotAllowed) {
            try verify(token, keys: [key], options: JWTValidationOptions(algorithms: [.rs256]))
        }
        // Without a kid, several candidates are tried in order, and a bad signature is still bad.
        let unnamedToken = try CompactJWS.sign(
            payload: Array(payload.utf8), algorithm: .es256,
            key: {
                var k = TestIssuer.sharedKey(.es256)
                k.keyID = nil
                return k
            }())
        var unnamedOther = try JWSKey.generate(for: .es256).publicKey()
        unnamedOther.keyID = nil
        try verify(unnamedToken, keys: [unnamedOther, key])
        expectJOSEError(.invalidSignature) { try verify(unnamedToken, keys: [unnamedOther]) }
        expectJOSEError(.invalidSignature, "candidate bound") {
            try verify(unnamedToken, keys: [unnamedOther, key], options: JWTValidationOptions(maximumKeyCandidates: 1))
        }
    }
}

extension String {
    /// Runs a verification step on a token built in a throwing expression.
    fileprivate func withVerification(_ body: (String) throws -> Void) throws { try body(self) }
}
