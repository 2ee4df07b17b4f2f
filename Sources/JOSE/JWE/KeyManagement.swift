/// The key management of RFC 7518 §4: how the content encryption key is wrapped for, and recovered by, the
/// recipient.
enum KeyManagement {
    /// A content key for `encryption` and its encrypted form (empty for `dir`), plus header members the algorithm
    /// adds (`iv` and `tag` for `A*GCMKW`).
    static func wrap(for key: JWEKey, algorithm: JWEAlgorithm, encryption: JWEContentEncryption) throws(JOSEError)
        -> (contentKey: [UInt8], encryptedKey: [UInt8], header: [String: JSONValue])
    {
        switch (key.material, algorithm) {
        case (.secret(let secret), .direct):
            guard secret.count == encryption.keySize, key.contentEncryption ?? encryption == encryption else {
                throw JOSEError(.encryptionFailed, "A dir key must have the content encryption's key size")
            }
            return (secret, [], [:])
        case (.secret(let secret), _) where algorithm.aesKeySize != nil:
            let contentKey = try KeyFactory.randomBytes(encryption.keySize)
            if algorithm == .a128KW || algorithm == .a192KW || algorithm == .a256KW {
                return (contentKey, try AESCipher.wrap(contentKey, with: secret), [:])
            }
            let iv = try KeyFactory.randomBytes(12)
            let (wrapped, tag) = try AESCipher.gcmSeal(key: secret, iv: iv, plaintext: contentKey, aad: [])
            return (
                contentKey, wrapped,
                ["iv": .string(Base64URL.encode(iv)), "tag": .string(Base64URL.encode(tag))]
            )
        case (.rsa(let rsa), _):
            guard let digest = algorithm.oaepDigest else { break }
            let contentKey = try KeyFactory.randomBytes(encryption.keySize)
            return (contentKey, try RSAOAEP.encrypt(contentKey, to: rsa, digest: digest), [:])
        default:
            break
        }
        throw JOSEError(.keyAlgorithmMismatch, "The key cannot be used with this algorithm")
    }

    /// The content key of `jwe`, recovered with `key`.
    /// - Throws: ``ErrorCode/decryptionFailed`` when it cannot be recovered (never which step failed).
    static func unwrap(_ jwe: CompactJWE, with key: JWEKey) throws(JOSEError) -> [UInt8] {
        let failure = JOSEError(.decryptionFailed, "The JWE could not be decrypted")
        let size = jwe.encryption.keySize
        switch (key.material, jwe.algorithm) {
        case (.secret(let secret), .direct):
            guard jwe.encryptedKey.isEmpty, secret.count == size,
                key.contentEncryption ?? jwe.encryption == jwe.encryption
            else { throw failure }
            return secret
        case (.secret(let secret), .a128KW), (.secret(let secret), .a192KW), (.secret(let secret), .a256KW):
            let contentKey = try AESCipher.unwrap(jwe.encryptedKey, with: secret)
            guard contentKey.count == size else { throw failure }
            return contentKey
        case (.secret(let secret), .a128GCMKW), (.secret(let secret), .a192GCMKW), (.secret(let secret), .a256GCMKW):
            guard let iv = jwe.header["iv"]?.stringValue.flatMap({ try? Base64URL.decode($0) }),
                let tag = jwe.header["tag"]?.stringValue.flatMap({ try? Base64URL.decode($0) })
            else { throw failure }
            let contentKey = try AESCipher.gcmOpen(
                key: secret, iv: iv, ciphertext: jwe.encryptedKey, aad: [], tag: tag)
            guard contentKey.count == size else { throw failure }
            return contentKey
        case (.rsa(let rsa), _):
            guard let digest = jwe.algorithm.oaepDigest else { throw failure }
            // RFC 7516 §11.5: on any failure go on with a random key, so the failure shows only at the tag.
            if let contentKey = try? RSAOAEP.decrypt(jwe.encryptedKey, with: rsa, digest: digest),
                contentKey.count == size
            {
                return contentKey
            }
            return try KeyFactory.randomBytes(size)
        default:
            throw failure
        }
    }
}
