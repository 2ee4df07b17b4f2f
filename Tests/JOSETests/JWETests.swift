import Foundation
import Testing

@testable import JOSE

/// Compact JWE: a round trip for every supported `alg` × `enc`, the key ↔ algorithm binding, and hostile inputs.
@Suite struct JWETests {
    static let rsaPrivate: JWEKey = {
        var jwk = try! JWSKey.generate(for: .rs256, keyID: "rsa-enc").privateJWK().objectValue!
        jwk["alg"] = nil
        jwk["use"] = "enc"
        return try! JWEKey(jwk: .object(jwk))
    }()
    static let rsaPublic: JWEKey = {
        var jwk = try! JWSKey.generate(for: .rs256).privateJWK().objectValue!
        for member in ["d", "p", "q", "dp", "dq", "qi", "alg"] { jwk[member] = nil }
        return try! JWEKey(jwk: .object(jwk))
    }()

    /// A new private EC key on `curve` (`nil`: X25519) and its public half, as JWE keys.
    static func agreementKeys(_ curve: JWSAlgorithm?) throws -> (JWEKey, JWEKey) {
        var jwk: [String: JSONValue]
        if let curve {
            jwk = try #require(try JWSKey.generate(for: curve).privateJWK().objectValue)
            jwk["alg"] = nil
        } else {
            let key = try KeyFactory.generate(keyType: "X25519") { _ in true }
            jwk = [
                "kty": "OKP", "crv": "X25519", "x": .string(Base64URL.encode(try #require(key.rawPublicKey))),
                "d": .string(Base64URL.encode(try #require(key.rawPrivateKey))),
            ]
        }
        jwk["kid"] = "agreement"
        let privateKey = try JWEKey(jwk: .object(jwk))
        jwk["d"] = nil
        return (privateKey, try JWEKey(jwk: .object(jwk)))
    }

    /// A recipient key for `algorithm` (and `encryption`, for `dir`): the private one and the one to encrypt to.
    static func keys(for algorithm: JWEAlgorithm, _ encryption: JWEContentEncryption) throws -> (JWEKey, JWEKey) {
        if algorithm.isKeyAgreement { return try agreementKeys(.es256) }
        if algorithm.pbes2 != nil {
            let password = try JWEKey(secret: Array("correct horse battery staple".utf8), algorithm: algorithm)
            return (password, password)
        }
        if algorithm.oaepDigest != nil {
            var jwk = try #require(try rsaPrivate.publicJWKForTests())
            jwk["kid"] = "rsa-enc"
            return (rsaPrivate, try JWEKey(jwk: .object(jwk)))
        }
        let size = algorithm == .direct ? encryption.keySize : algorithm.aesKeySize!
        let key = try JWEKey(secret: try KeyFactory.randomBytes(size), keyID: "oct", algorithm: algorithm)
        return (key, key)
    }

    static let pairs: [(JWEAlgorithm, JWEContentEncryption)] = JWEAlgorithm.allCases.flatMap { algorithm in
        JWEContentEncryption.allCases.map { (algorithm, $0) }
    }

    @Test(arguments: pairs)
    func roundTrip(_ algorithm: JWEAlgorithm, _ encryption: JWEContentEncryption) throws {
        let (privateKey, publicKey) = try Self.keys(for: algorithm, encryption)
        let plaintext = Array("{\"sub\":\"alice\",\"n\":\"\(algorithm)/\(encryption)\"}".utf8)
        let jwe = try JWEEncrypter.encrypt(
            plaintext, to: publicKey, algorithm: algorithm, encryption: encryption, header: ["cty": "JWT"])
        let parsed = try CompactJWE(parsing: jwe)
        #expect(parsed.algorithm == algorithm)
        #expect(parsed.encryption == encryption)
        #expect(parsed.header["cty"] == "JWT")
        let decrypted = try JWEDecrypter(keys: [privateKey]).decrypt(jwe)
        #expect(decrypted.plaintext == plaintext)
        // Every encryption uses a fresh IV (and content key): the same plaintext never gives the same JWE.
        let again = try JWEEncrypter.encrypt(plaintext, to: publicKey, algorithm: algorithm, encryption: encryption)
        #expect(again != jwe)
        // Empty content round-trips too.
        let empty = try JWEEncrypter.encrypt([], to: publicKey, algorithm: algorithm, encryption: encryption)
        #expect(try JWEDecrypter(keys: [privateKey]).decrypt(empty).plaintext == [])
    }

    @Test(arguments: [JWSAlgorithm.es384, .es512, nil])
    func keyAgreementOnEveryCurve(_ curve: JWSAlgorithm?) throws {
        let (privateKey, publicKey) = try Self.agreementKeys(curve)
        for algorithm in [JWEAlgorithm.ecdhES, .ecdhESA256KW] {
            let jwe = try JWEEncrypter.encrypt(
                Array("x".utf8), to: publicKey, algorithm: algorithm, encryption: .a256GCM)
            #expect(try JWEDecrypter(keys: [privateKey]).decrypt(jwe).plaintext == Array("x".utf8))
        }
    }

    /// The invalid-curve attack: an `epk` that is not a valid point on the recipient key's curve, or on another
    /// curve, never reaches the key agreement.
    @Test func ephemeralKeyMustBeOnTheRecipientsCurve() throws {
        let (privateKey, publicKey) = try Self.agreementKeys(.es256)
        let jwe = try JWEEncrypter.encrypt(
            Array("x".utf8), to: publicKey, algorithm: .ecdhESA128KW, encryption: .a128GCM)
        let header = try CompactJWE(parsing: jwe).header
        let epk = try #require(header["epk"]?.objectValue)
        var offCurve = epk
        var y = try Base64URL.decode(try #require(epk["y"]?.stringValue))
        y[y.count - 1] ^= 1
        offCurve["y"] = .string(Base64URL.encode(y))
        let (_, otherCurve) = try Self.agreementKeys(.es384)
        let (_, x25519) = try Self.agreementKeys(nil)
        let replacements: [JSONValue] = [
            .object(offCurve), .object(try otherCurve.agreementPublicJWK()), .object(try x25519.agreementPublicJWK()),
            "not a key", .object(["kty": "EC", "crv": "P-256"]),
        ]
        var missing = header
        missing["epk"] = nil
        var forged: [String] = try replacements.map { value in
            var changed = header
            changed["epk"] = value
            return try Self.replacing(0, of: jwe) { _ in JSONValue.object(changed).serialized() }
        }
        forged.append(try Self.replacing(0, of: jwe) { _ in JSONValue.object(missing).serialized() })
        for text in forged {
            #expect(throws: Self.failure) { try JWEDecrypter(keys: [privateKey]).decrypt(text) }
        }
    }

    static let failure = JOSEError(.decryptionFailed, "The JWE could not be decrypted")

    @Test func compressedContentRoundTripsAndABombIsStoppedWhileInflating() throws {
        let (key, _) = try Self.keys(for: .a128KW, .a128GCM)
        let text = Array(String(repeating: "You can trust us. ", count: 200).utf8)
        let small = try JWEEncrypter.encrypt(text, to: key, algorithm: .a128KW, encryption: .a128GCM, compressed: true)
        let plain = try JWEEncrypter.encrypt(text, to: key, algorithm: .a128KW, encryption: .a128GCM)
        #expect(small.count < plain.count / 4)
        #expect(try CompactJWE(parsing: small).isCompressed)
        #expect(try JWEDecrypter(keys: [key]).decrypt(small).plaintext == text)
        // 16 MiB of zeros compress to about 16 KiB; decrypting stops at the 256 KiB default without taking 16 MiB.
        let bomb = try JWEEncrypter.encrypt(
            [UInt8](repeating: 0, count: 16 << 20), to: key, algorithm: .a128KW, encryption: .a128GCM, compressed: true)
        #expect(bomb.count < 64 * 1024)
        #expect(throws: JOSEError(.plaintextTooLarge, "The content inflates beyond the allowed size")) {
            try JWEDecrypter(keys: [key]).decrypt(bomb)
        }
        var generous = JWEDecrypter(keys: [key])
        generous.maximumPlaintextSize = 16 << 20
        #expect(try generous.decrypt(bomb).plaintext.count == 16 << 20)
    }

    @Test func deflateRefusesWhatIsNotOneWholeStream() throws {
        let stream = try Deflate.compress(Array("hello hello hello".utf8))
        #expect(try Deflate.decompress(stream, limit: 100) == Array("hello hello hello".utf8))
        for broken in [Array(stream.dropLast(2)), stream + [1, 2, 3], [0xFF, 0xFF, 0xFF, 0xFF], []] {
            #expect(throws: JOSEError.self) { try Deflate.decompress(broken, limit: 100) }
        }
        #expect(throws: JOSEError(.plaintextTooLarge, "The content inflates beyond the allowed size")) {
            try Deflate.decompress(stream, limit: 5)
        }
    }

    /// Replaces part `index` of a compact JWE.
    static func replacing(_ index: Int, of jwe: String, _ change: ([UInt8]) -> [UInt8]) throws -> String {
        var parts = jwe.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        parts[index] = Base64URL.encode(change(try Base64URL.decode(parts[index])))
        return parts.joined(separator: ".")
    }

    @Test(arguments: pairs)
    func everyTamperingGivesTheSameError(_ algorithm: JWEAlgorithm, _ encryption: JWEContentEncryption) throws {
        let (privateKey, publicKey) = try Self.keys(for: algorithm, encryption)
        let jwe = try JWEEncrypter.encrypt(
            Array("secret".utf8), to: publicKey, algorithm: algorithm, encryption: encryption)
        let decrypter = JWEDecrypter(keys: [privateKey])
        var cases = [
            try Self.replacing(2, of: jwe) { $0.map { $0 ^ 1 } },  // IV
            try Self.replacing(3, of: jwe) { $0.map { $0 ^ 1 } },  // ciphertext
            try Self.replacing(4, of: jwe) { $0.map { $0 ^ 1 } },  // tag
            try Self.replacing(4, of: jwe) { Array($0.dropLast()) },  // a shorter tag
            try Self.replacing(4, of: jwe) { $0 + [0] },  // a longer tag
            try Self.replacing(3, of: jwe) { _ in [] },  // no ciphertext
        ]
        if algorithm != .direct, algorithm != .ecdhES {
            cases.append(try Self.replacing(1, of: jwe) { $0.map { $0 ^ 1 } })  // encrypted key
            cases.append(try Self.replacing(1, of: jwe) { Array($0.dropLast(8)) })
        } else {
            cases.append(try Self.replacing(1, of: jwe) { _ in [1, 2, 3, 4] })  // dir and ECDH-ES take no encrypted key
        }
        for tampered in cases {
            #expect(throws: Self.failure, "\(algorithm) \(encryption)") { try decrypter.decrypt(tampered) }
        }
        // The header is authenticated: another (equally valid) header is refused.
        var header = try CompactJWE(parsing: jwe).header
        header["typ"] = "JWT"
        let forged = try Self.replacing(0, of: jwe) { _ in JSONValue.object(header).serialized() }
        #expect(throws: Self.failure) { try decrypter.decrypt(forged) }
    }

    @Test func wrongKeyIsTheSameError() throws {
        let (_, publicKey) = try Self.keys(for: .a256KW, .a256GCM)
        let jwe = try JWEEncrypter.encrypt(Array("x".utf8), to: publicKey, algorithm: .a256KW, encryption: .a256GCM)
        let other = try JWEKey(secret: try KeyFactory.randomBytes(32), keyID: "oct")
        #expect(throws: Self.failure) { try JWEDecrypter(keys: [other]).decrypt(jwe) }
        let rsa = try JWEEncrypter.encrypt(
            Array("x".utf8), to: Self.rsaPublic, algorithm: .rsaOAEP256, encryption: .a256GCM)
        #expect(throws: JOSEError.self) { try JWEDecrypter(keys: [Self.rsaPrivate]).decrypt(rsa) }
    }

    @Test func keysAreBoundToTheirAlgorithms() throws {
        let a128 = try JWEKey(secret: try KeyFactory.randomBytes(16), algorithm: .a128KW)
        let jwe = try JWEEncrypter.encrypt(Array("x".utf8), to: a128, algorithm: .a128KW, encryption: .a128GCM)
        // The same 16 bytes may not be used as a GCMKW or dir key when bound to A128KW.
        #expect(throws: JOSEError.self) {
            try JWEEncrypter.encrypt(Array("x".utf8), to: a128, algorithm: .a128GCMKW, encryption: .a128GCM)
        }
        // A 32-byte key never unwraps A128KW, and an RSA key never an AES-wrapped key.
        let wrongSize = try JWEKey(secret: try KeyFactory.randomBytes(32))
        #expect(throws: JOSEError(.noMatchingKey, "No key can decrypt this JWE")) {
            try JWEDecrypter(keys: [wrongSize, Self.rsaPrivate]).decrypt(jwe)
        }
        // A public RSA key cannot decrypt.
        let toPublic = try JWEEncrypter.encrypt(
            Array("x".utf8), to: Self.rsaPublic, algorithm: .rsaOAEP, encryption: .a128GCM)
        #expect(throws: JOSEError.self) { try JWEDecrypter(keys: [Self.rsaPublic]).decrypt(toPublic) }
        #expect(throws: JOSEError.self) { try JWEKey(secret: try KeyFactory.randomBytes(16), algorithm: .a256KW) }
        #expect(throws: JOSEError.self) { try JWEKey(secret: try KeyFactory.randomBytes(8)) }
    }

    @Test func kidSelectsTheKeyAndUseAndKeyOpsAreHonoured() throws {
        let secret = try KeyFactory.randomBytes(32)
        let right = try JWEKey(secret: secret, keyID: "right", algorithm: .a256KW)
        let jwe = try JWEEncrypter.encrypt(Array("x".utf8), to: right, algorithm: .a256KW, encryption: .a256GCM)
        let sameSecretOtherKid = try JWEKey(secret: secret, keyID: "other", algorithm: .a256KW)
        #expect(throws: JOSEError(.noMatchingKey, "No key can decrypt this JWE")) {
            try JWEDecrypter(keys: [sameSecretOtherKid]).decrypt(jwe)
        }
        let jwk: [String: JSONValue] = ["kty": "oct", "kid": "right", "k": .string(Base64URL.encode(secret))]
        var signing = jwk
        signing["use"] = "sig"
        #expect(throws: JOSEError.self) { try JWEKey(jwk: .object(signing)) }
        var wrapOnly = jwk
        wrapOnly["key_ops"] = ["wrapKey"]
        #expect(throws: JOSEError(.noMatchingKey, "No key can decrypt this JWE")) {
            try JWEDecrypter(keys: [try JWEKey(jwk: .object(wrapOnly))]).decrypt(jwe)
        }
        var unwrap = jwk
        unwrap["key_ops"] = ["unwrapKey"]
        #expect(try JWEDecrypter(keys: [try JWEKey(jwk: .object(unwrap))]).decrypt(jwe).plaintext == Array("x".utf8))
    }

    @Test func allowListsAreChecked() throws {
        let (key, _) = try Self.keys(for: .a128KW, .a128GCM)
        let jwe = try JWEEncrypter.encrypt(Array("x".utf8), to: key, algorithm: .a128KW, encryption: .a128GCM)
        #expect(throws: JOSEError(.algorithmNotAllowed, "The JWE's alg or enc is not allowed")) {
            try JWEDecrypter(keys: [key], algorithms: [.a256KW]).decrypt(jwe)
        }
        #expect(throws: JOSEError(.algorithmNotAllowed, "The JWE's alg or enc is not allowed")) {
            try JWEDecrypter(keys: [key], encryptions: [.a256GCM]).decrypt(jwe)
        }
    }

    /// A header with `alg` and `enc` and anything else, as the first part of a JWE with four more parts.
    static func jwe(header: [String: JSONValue], rest: String = "AAAA.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA")
        -> String
    {
        Base64URL.encode(JSONValue.object(header).serialized()) + "." + rest
    }

    @Test func refusedHeaders() throws {
        let rsa15 = #expect(throws: JOSEError.self) {
            try CompactJWE(parsing: Self.jwe(header: ["alg": "RSA1_5", "enc": "A128GCM"]))
        }
        #expect(rsa15?.code == .unsupportedAlgorithm)
        #expect(rsa15?.message.contains("Bleichenbacher") == true)
        let crit = #expect(throws: JOSEError.self) {
            try CompactJWE(parsing: Self.jwe(header: ["alg": "A128KW", "enc": "A128GCM", "crit": ["exp"], "exp": 1]))
        }
        #expect(crit?.code == .unsupportedCriticalHeader)
        let zip = #expect(throws: JOSEError.self) {
            try CompactJWE(parsing: Self.jwe(header: ["alg": "A128KW", "enc": "A128GCM", "zip": "GZIP"]))
        }
        #expect(zip?.code == .unsupportedAlgorithm)
        // Names compare byte for byte: "A128\u{212A}W" (KELVIN SIGN) is canonically equivalent to "A128KW" for
        // Swift's ==, and no algorithm here.
        #expect(JWEAlgorithm(rawValue: "A128\u{212A}W") == .a128KW)
        #expect(JWEAlgorithm(exactly: "A128\u{212A}W") == nil)
        #expect(JWEAlgorithm(exactly: "A128KW") == .a128KW)
        #expect(throws: JOSEError.self) {
            try JWEKey(jwk: ["kty": "oct", "k": "AAECAwQFBgcICQoLDA0ODw", "alg": "A128\u{212A}W"])
        }
        for header: [String: JSONValue] in [
            ["alg": "none", "enc": "A128GCM"], ["alg": "A128KW", "enc": "A128CTR"], ["alg": "A128KW"],
            ["alg": "A128\u{212A}W", "enc": "A128GCM"], ["alg": "dir", "enc": "A128GCM\u{0301}"],
        ] {
            #expect(throws: JOSEError.self) { try CompactJWE(parsing: Self.jwe(header: header)) }
        }
        #expect(throws: JOSEError(.malformedToken, "A compact JWE has five parts")) {
            try CompactJWE(parsing: "a.b.c")
        }
        #expect(throws: JOSEError.self) {
            try CompactJWE(parsing: Self.jwe(header: ["alg": "dir", "enc": "A128GCM"], rest: "..*.."))
        }
        #expect(throws: JOSEError(.tokenTooLarge, "The JWE is too large")) {
            try CompactJWE(parsing: String(repeating: "A", count: 100), maximumSize: 99)
        }
        let (key, _) = try Self.keys(for: .a128KW, .a128GCM)
        #expect(throws: JOSEError(.invalidHeader, "A reserved JWE header member was given")) {
            try JWEEncrypter.encrypt([], to: key, algorithm: .a128KW, encryption: .a128GCM, header: ["zip": "DEF"])
        }
    }
}

extension JWEKey {
    /// The public JWK members of an RSA key, for tests (encrypting to the public half).
    fileprivate func publicJWKForTests() throws -> [String: JSONValue]? {
        guard case .asymmetric(let key) = material else { return nil }
        guard let n = key.bigNumberParameter("n"), let e = key.bigNumberParameter("e") else { return nil }
        return ["kty": "RSA", "n": .string(Base64URL.encode(n)), "e": .string(Base64URL.encode(e))]
    }
}
