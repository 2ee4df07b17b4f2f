import CJWTOpenSSL

/// The key management of RFC 7518 §4: how the content encryption key is wrapped for, and recovered by, the
/// recipient.
enum KeyManagement {
    /// A content key for `encryption` and its encrypted form (empty for `dir` and `ECDH-ES`), plus the header
    /// members the algorithm adds (`iv` and `tag` for `A*GCMKW`, `epk` for `ECDH-ES*`).
    static func wrap(for key: JWEKey, algorithm: JWEAlgorithm, encryption: JWEContentEncryption) throws(JOSEError)
        -> (contentKey: [UInt8], encryptedKey: [UInt8], header: [String: JSONValue])
    {
        switch (key.material, algorithm) {
        case (.secret(let secret), .direct):
            guard secret.count == encryption.keySize, key.contentEncryption ?? encryption == encryption else {
                throw JOSEError(.encryptionFailed, "A dir key must have the content encryption's key size")
            }
            return (secret, [], [:])
        case (.secret(let secret), .a128KW), (.secret(let secret), .a192KW), (.secret(let secret), .a256KW):
            let contentKey = try KeyFactory.randomBytes(encryption.keySize)
            return (contentKey, try AESCipher.wrap(contentKey, with: secret), [:])
        case (.secret(let secret), .a128GCMKW), (.secret(let secret), .a192GCMKW), (.secret(let secret), .a256GCMKW):
            let contentKey = try KeyFactory.randomBytes(encryption.keySize)
            let iv = try KeyFactory.randomBytes(12)
            let (wrapped, tag) = try AESCipher.gcmSeal(key: secret, iv: iv, plaintext: contentKey, aad: [])
            return (
                contentKey, wrapped, ["iv": .string(Base64URL.encode(iv)), "tag": .string(Base64URL.encode(tag))]
            )
        case (.secret(let password), _) where algorithm.pbes2 != nil:
            let salt = try KeyFactory.randomBytes(16)
            let iterations = 10_000
            let kek = try passwordKey(password, algorithm: algorithm, salt: salt, iterations: iterations)
            let contentKey = try KeyFactory.randomBytes(encryption.keySize)
            return (
                contentKey, try AESCipher.wrap(contentKey, with: kek),
                ["p2s": .string(Base64URL.encode(salt)), "p2c": .number(JSONNumber(Int64(iterations)))]
            )
        case (.asymmetric(let recipient), _) where algorithm.oaepDigest != nil:
            guard let digest = algorithm.oaepDigest else { break }
            let contentKey = try KeyFactory.randomBytes(encryption.keySize)
            return (contentKey, try RSAOAEP.encrypt(contentKey, to: recipient, digest: digest), [:])
        case (.asymmetric(let recipient), _) where algorithm.isKeyAgreement:
            let ephemeral = try key.ephemeralKey()
            guard case .asymmetric(let ephemeralKey) = ephemeral.material else { break }
            let z = try KeyAgreement.sharedSecret(ephemeralKey, recipient)
            let header: [String: JSONValue] = ["epk": .object(try ephemeral.agreementPublicJWK())]
            guard let wrapSize = algorithm.keyAgreementWrapSize else {
                let contentKey = try KeyAgreement.concatKDF(
                    z, keyLength: encryption.keySize, algorithmID: encryption.rawValue, partyUInfo: [],
                    partyVInfo: [])
                return (contentKey, [], header)
            }
            let kek = try KeyAgreement.concatKDF(
                z, keyLength: wrapSize, algorithmID: algorithm.rawValue, partyUInfo: [], partyVInfo: [])
            let contentKey = try KeyFactory.randomBytes(encryption.keySize)
            return (contentKey, try AESCipher.wrap(contentKey, with: kek), header)
        default:
            break
        }
        throw JOSEError(.keyAlgorithmMismatch, "The key cannot be used with this algorithm")
    }

    /// The content key of `jwe`, recovered with `key`.
    /// - Throws: ``ErrorCode/decryptionFailed`` when it cannot be recovered (never which step failed).
    static func unwrap(_ jwe: CompactJWE, with key: JWEKey, maximumPBES2Iterations: Int) throws(JOSEError)
        -> [UInt8]
    {
        let failure = JOSEError(.decryptionFailed, "The JWE could not be decrypted")
        let size = jwe.encryption.keySize
        let contentKey: [UInt8]
        switch (key.material, jwe.algorithm) {
        case (.secret(let secret), .direct):
            guard jwe.encryptedKey.isEmpty, key.contentEncryption ?? jwe.encryption == jwe.encryption else {
                throw failure
            }
            contentKey = secret
        case (.secret(let secret), .a128KW), (.secret(let secret), .a192KW), (.secret(let secret), .a256KW):
            contentKey = try AESCipher.unwrap(jwe.encryptedKey, with: secret)
        case (.secret(let secret), .a128GCMKW), (.secret(let secret), .a192GCMKW), (.secret(let secret), .a256GCMKW):
            guard let iv = try? bytes(jwe.header["iv"]), let tag = try? bytes(jwe.header["tag"]) else { throw failure }
            contentKey = try AESCipher.gcmOpen(key: secret, iv: iv, ciphertext: jwe.encryptedKey, aad: [], tag: tag)
        case (.secret(let password), _) where jwe.algorithm.pbes2 != nil:
            // p2c is chosen by the sender: bounded before any work, and at least 1,000 (RFC 7518 §4.8.1.2).
            guard let salt = try? bytes(jwe.header["p2s"]), salt.count >= 8,
                let iterations = jwe.header["p2c"]?.numberValue?.int64Value,
                (1000...Int64(maximumPBES2Iterations)).contains(iterations)
            else { throw failure }
            let kek = try passwordKey(password, algorithm: jwe.algorithm, salt: salt, iterations: Int(iterations))
            contentKey = try AESCipher.unwrap(jwe.encryptedKey, with: kek)
        case (.asymmetric(let recipient), _) where jwe.algorithm.oaepDigest != nil:
            guard let digest = jwe.algorithm.oaepDigest else { throw failure }
            // RFC 7516 §11.5: on any failure go on with a random key, so the failure shows only at the tag.
            if let recovered = try? RSAOAEP.decrypt(jwe.encryptedKey, with: recipient, digest: digest),
                recovered.count == size
            {
                return recovered
            }
            return try KeyFactory.randomBytes(size)
        case (.asymmetric(let recipient), _) where jwe.algorithm.isKeyAgreement:
            contentKey = try agreedContentKey(jwe, recipient: recipient, key: key)
        default:
            throw failure
        }
        guard contentKey.count == size else { throw failure }
        return contentKey
    }

    /// ECDH-ES: the ephemeral public key (`epk`) must be a valid key on the recipient key's own curve (an invalid
    /// point or another curve is the invalid-curve attack); then the Concat KDF with `apu` and `apv`.
    private static func agreedContentKey(_ jwe: CompactJWE, recipient: EVPKey, key: JWEKey) throws(JOSEError)
        -> [UInt8]
    {
        let failure = JOSEError(.decryptionFailed, "The JWE could not be decrypted")
        guard case .object(var epk) = jwe.header["epk"] else { throw failure }
        epk["d"] = nil  // an ephemeral key is public; a private part would not be used anyway
        epk["alg"] = nil
        epk["use"] = nil
        epk["key_ops"] = nil
        guard let ephemeral = try? JWEKey(jwk: .object(epk)), ephemeral.type == key.type,
            case .asymmetric(let peer) = ephemeral.material,
            let partyUInfo = try? optionalBytes(jwe.header["apu"]),
            let partyVInfo = try? optionalBytes(jwe.header["apv"])
        else { throw failure }
        let z = try KeyAgreement.sharedSecret(recipient, peer)
        guard let wrapSize = jwe.algorithm.keyAgreementWrapSize else {
            guard jwe.encryptedKey.isEmpty else { throw failure }
            return try KeyAgreement.concatKDF(
                z, keyLength: jwe.encryption.keySize, algorithmID: jwe.encryption.rawValue, partyUInfo: partyUInfo,
                partyVInfo: partyVInfo)
        }
        let kek = try KeyAgreement.concatKDF(
            z, keyLength: wrapSize, algorithmID: jwe.algorithm.rawValue, partyUInfo: partyUInfo,
            partyVInfo: partyVInfo)
        return try AESCipher.unwrap(jwe.encryptedKey, with: kek)
    }

    /// PBKDF2 of `password` with the salt `UTF8(alg) ‖ 0x00 ‖ p2s` (RFC 7518 §4.8.1.1).
    private static func passwordKey(_ password: [UInt8], algorithm: JWEAlgorithm, salt: [UInt8], iterations: Int)
        throws(JOSEError) -> [UInt8]
    {
        guard let (digest, size) = algorithm.pbes2 else { throw JOSEError(.keyAlgorithmMismatch, "Not PBES2") }
        let fullSalt = Array(algorithm.rawValue.utf8) + [0] + salt
        var output = [UInt8](repeating: 0, count: size)
        let status = PKCS5_PBKDF2_HMAC(
            password.map { CChar(bitPattern: $0) }, Int32(password.count), fullSalt, Int32(fullSalt.count),
            Int32(iterations), digest.evpMD, Int32(size), &output)
        guard status == 1 else { throw OpenSSLFailure.error("PBKDF2 failed") }
        return output
    }

    /// A base64url header member.
    private static func bytes(_ value: JSONValue?) throws(JOSEError) -> [UInt8] {
        guard let text = value?.stringValue else { throw JOSEError(.invalidHeader, "A header member is missing") }
        return try Base64URL.decode(text)
    }

    /// An optional base64url header member (empty when absent).
    private static func optionalBytes(_ value: JSONValue?) throws(JOSEError) -> [UInt8] {
        value == nil ? [] : try bytes(value)
    }
}
