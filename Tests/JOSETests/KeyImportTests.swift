import OAuthJWTTesting
import Testing

@testable import JOSE

struct KeyImportTests {
    @Test(
        "private JWK and PEM exports re-import to the same key, for every key type",
        arguments: [
            JWSAlgorithm.rs256, .es256, .es384, .es512, .eddsa, .hs256,
        ])
    func exports(algorithm: JWSAlgorithm) throws {
        let key = TestIssuer.sharedKey(algorithm)
        let fromJWK = try JWSKey(jwk: try key.privateJWK())
        #expect(fromJWK.isPrivate)
        #expect(fromJWK.keyID == key.keyID)
        #expect(try fromJWK.thumbprint() == key.thumbprint())
        let signature = try fromJWK.sign([1, 2, 3], algorithm: algorithm)
        if algorithm.isSymmetric {
            expectJOSEError(.unsupportedKey) { try key.privatePEM() }
            try key.verify(signature: signature, for: [1, 2, 3], algorithm: algorithm)
            return
        }
        let fromPEM = try JWSKey(pem: try key.privatePEM())
        #expect(fromPEM.isPrivate)
        #expect(try fromPEM.thumbprint() == key.thumbprint())
        let publicFromPEM = try JWSKey(pem: try key.publicPEM())
        #expect(!publicFromPEM.isPrivate)
        try publicFromPEM.verify(signature: signature, for: [1, 2, 3], algorithm: algorithm)
        expectJOSEError(.privateKeyRequired) { try publicFromPEM.privateJWK() }
    }

    @Test("an X.509 certificate's key verifies what the matching PKCS#8 private key signs")
    func certificateAndPKCS8() throws {
        let privateKey = try JWSKey(pem: PEMFixtures.certificateKeyPEM)
        #expect(privateKey.isPrivate)
        #expect(privateKey.type == .ec(.p256))
        let certificateKey = try JWSKey(pem: PEMFixtures.certificatePEM)
        #expect(!certificateKey.isPrivate)
        #expect(try certificateKey.thumbprint() == privateKey.thumbprint())
        let token = try CompactJWS.sign(payload: Array("x".utf8), algorithm: .es256, key: privateKey)
        let jws = try CompactJWS(parsing: token)
        try certificateKey.verify(signature: jws.signature, for: jws.signingInput, algorithm: .es256)
    }

    @Test("DER SPKI, PKCS#8 and certificate inputs import; trailing bytes and garbage are refused")
    func der() throws {
        let base64Body = PEMFixtures.certificatePEM.split(separator: "\n").dropFirst().dropLast().joined()
        let certificateDER = try #require(decodeStandardBase64(base64Body))
        let key = try JWSKey(der: certificateDER)
        #expect(key.type == .ec(.p256))
        expectJOSEError(.invalidKey) { try JWSKey(der: certificateDER + [0]) }
        expectJOSEError(.invalidKey) { try JWSKey(der: [0x30, 0x03, 0x02, 0x01, 0x01]) }
        expectJOSEError(.invalidInput) { try JWSKey(der: []) }
    }

    @Test("DER import reads the outline first: each structure goes to its own decoder, anything else is refused")
    func derOutline() throws {
        func outline(_ bytes: [UInt8]) -> DEROutline? { bytes.withUnsafeBufferPointer { DEROutline($0) } }
        func body(_ pem: String) throws -> [UInt8] {
            try #require(decodeStandardBase64(pem.split(separator: "\n").dropFirst().dropLast().joined()))
        }
        let key = TestIssuer.sharedKey(.es256)
        let spki = try body(try key.publicPEM())
        let pkcs8 = try body(try key.privatePEM())
        #expect(outline(spki) == .subjectPublicKeyInfo)
        #expect(outline(pkcs8) == .privateKey)
        #expect(outline(try body(PEMFixtures.certificatePEM)) == .certificate)
        #expect(try JWSKey(der: spki).thumbprint() == key.thumbprint())
        #expect(try JWSKey(der: pkcs8).isPrivate)
        // Not one SEQUENCE spanning the input: trailing or missing bytes, indefinite or oversized lengths, other tags.
        for refused: [UInt8] in [
            spki + [0], Array(spki.dropLast()), [0x30, 0x80, 0x02, 0x01, 0x00, 0x00, 0x00],
            [0x30, 0x85, 0, 0, 0, 0, 3, 0x02, 0x01, 0x00], [0x30, 0x84, 0x7F, 0xFF, 0xFF, 0xFF],
            [0x31, 0x03, 0x02, 0x01, 0x00], [0x30, 0x02, 0x04, 0x00], [0x30, 0x04, 0x30, 0x00, 0x04, 0x00],
            [0x30, 0x02, 0x30, 0x00], [0x30], [0x30, 0x01],
        ] {
            #expect(outline(refused) == nil, "\(refused.prefix(8))")
            expectJOSEError(.invalidKey) { try JWSKey(der: refused) }
        }
        // A well-formed outline whose content is not a key still fails in OpenSSL, with the same code.
        expectJOSEError(.invalidKey) { try JWSKey(der: [0x30, 0x04, 0x30, 0x00, 0x03, 0x00]) }
        expectJOSEError(.invalidKey) { try JWSKey(der: [0x30, 0x04, 0x30, 0x00, 0x30, 0x00]) }
    }

    @Test("weak, unsupported and malformed keys are refused with their own codes")
    func refusedKeys() throws {
        expectJOSEError(.weakKey, "RSA-1024 PEM") { try JWSKey(pem: PEMFixtures.rsa1024PublicPEM) }
        expectJOSEError(.unsupportedKey, "Ed448") { try JWSKey(pem: PEMFixtures.ed448PublicPEM) }
        expectJOSEError(.weakKey, "8-byte secret") { try JWSKey(hmacSecret: Array(repeating: 7, count: 8)) }
        expectJOSEError(.weakKey, "32-byte secret for HS512") {
            try JWSKey(hmacSecret: Array(repeating: 7, count: 32), algorithm: .hs512)
        }
        expectJOSEError(.weakKey, "oct JWK") { try JWSKey(jwkJSON: #"{"kty":"oct","k":"AAAAAAAAAAA"}"#) }
        expectJOSEError(.unsupportedKey, "kty") { try JWSKey(jwkJSON: #"{"kty":"DSA"}"#) }
        expectJOSEError(.unsupportedKey, "crv") {
            try JWSKey(jwkJSON: #"{"kty":"EC","crv":"secp256k1","x":"AA","y":"AA"}"#)
        }
        expectJOSEError(.unsupportedKey, "alg") {
            try JWSKey(jwkJSON: #"{"kty":"oct","alg":"A128KW","k":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}"#)
        }
        expectJOSEError(.invalidKey, "kid type") {
            try JWSKey(jwkJSON: #"{"kty":"oct","kid":7,"k":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}"#)
        }
        expectJOSEError(.invalidKey, "not an object") { try JWSKey(jwkJSON: "[]") }
        expectJOSEError(.invalidInput, "not PEM") { try JWSKey(pem: "hello") }
        expectJOSEError(.unsupportedKey, "encrypted PEM") {
            try JWSKey(pem: "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----")
        }
        expectJOSEError(.invalidKey, "broken PEM body") {
            try JWSKey(pem: "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")
        }
    }

    @Test("an EC point that is not on the curve is refused")
    func pointNotOnCurve() throws {
        var jwk = try #require(TestIssuer.sharedKey(.es256).publicJWK().objectValue)
        var y = try Base64URL.decode(try #require(jwk["y"]?.stringValue))
        y[31] ^= 1
        jwk["y"] = .string(Base64URL.encode(y))
        expectJOSEError(.invalidKey) { try JWSKey(jwk: .object(jwk)) }
        jwk["y"] = .string(Base64URL.encode(y.dropLast()))
        expectJOSEError(.invalidKey, "short coordinate") { try JWSKey(jwk: .object(jwk)) }
    }

    @Test("an Ed25519 private JWK whose x does not match d is refused")
    func ed25519Mismatch() throws {
        let a = try #require(try JWSKey.generate(for: .eddsa).publicJWK().objectValue)
        var jwk = a
        jwk["d"] = .string(Base64URL.encode([UInt8](repeating: 9, count: 32)))
        expectJOSEError(.invalidKey) { try JWSKey(jwk: .object(jwk)) }
    }

    @Test(
        "private JWKs whose private part does not match the public part are refused",
        arguments: [JWSAlgorithm.es256, .rs256])
    func mismatchedPrivateKey(algorithm: JWSAlgorithm) throws {
        let first = try JWSKey.generate(for: algorithm)
        let second = try JWSKey.generate(for: algorithm)
        // The first key's public members with the second key's private members.
        var members = try #require(try first.publicJWK().objectValue)
        let foreignPrivate = try #require(try second.privateJWK().objectValue)
        for name in ["d", "p", "q", "dp", "dq", "qi"] { members[name] = foreignPrivate[name] }
        expectJOSEError(.invalidKey) { try JWSKey(jwk: .object(members)) }
        #expect(try JWSKey(jwk: try first.privateJWK()).isPrivate)
    }

    @Test("a JWKS keeps its good keys when one key is broken or unsupported")
    func partialKeySet() throws {
        let good = try TestIssuer.sharedKey(.rs256).publicJWK()
        let set = try JWKSet(json: [
            "keys": [
                ["kty": "RSA", "kid": "broken", "n": "!!", "e": "AQAB"], good,
                ["kty": "OKP", "crv": "X25519", "x": "AA"],
                "not an object",
            ]
        ])
        #expect(set.keys.count == 1)
        #expect(set.keys.first?.keyID == "RS256-1")
        #expect(set.skipped.map(\.index) == [0, 2, 3])
        #expect(set.skipped.map(\.reason.code) == [.invalidKey, .unsupportedKey, .invalidKey])
        expectJOSEError(.invalidKey) { try JWKSet(jsonText: #"{"keys":{}}"#) }
        // The published form never contains a secret.
        let withSecret = JWKSet(keys: [TestIssuer.sharedKey(.hs256), TestIssuer.sharedKey(.es256)])
        #expect(try withSecret.publicJSON()["keys"]?.arrayValue?.count == 1)
    }

    @Test("thumbprints: RSA key from the RFC 7638 example, independent of member order and extra members")
    func thumbprint() throws {
        let n =
            "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"
        let key = try JWSKey(jwk: ["e": "AQAB", "kid": "2011-04-29", "alg": "RS256", "n": .string(n), "kty": "RSA"])
        #expect(try key.thumbprint() == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs")
    }
}

/// Standard base64 (for PEM bodies in tests).
func decodeStandardBase64(_ text: String) -> [UInt8]? {
    let urlSafe = text.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        .replacingOccurrences(of: "=", with: "")
    return try? Base64URL.decode(urlSafe)
}
