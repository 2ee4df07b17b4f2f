import CJWTOpenSSL

/// The content encryption of RFC 7518 §5: AES-GCM, or AES-CBC with an HMAC tag over the additional authenticated
/// data, IV, ciphertext and the data's length in bits (§5.2.2.1), checked in constant time before decrypting.
enum ContentEncryption {
    /// Encrypts `plaintext` under the content key `key`; returns the ciphertext and tag.
    static func seal(
        _ plaintext: [UInt8], key: [UInt8], iv: [UInt8], aad: [UInt8], encryption: JWEContentEncryption
    ) throws(JOSEError) -> (ciphertext: [UInt8], tag: [UInt8]) {
        guard key.count == encryption.keySize, iv.count == encryption.ivSize else {
            throw JOSEError(.encryptionFailed, "The content key or IV has the wrong size")
        }
        if encryption.isGCM { return try AESCipher.gcmSeal(key: key, iv: iv, plaintext: plaintext, aad: aad) }
        let half = key.count / 2
        let ciphertext = try AESCipher.cbcEncrypt(key: Array(key[half...]), iv: iv, plaintext: plaintext)
        let tag = try cbcTag(macKey: Array(key[..<half]), aad: aad, iv: iv, ciphertext: ciphertext, encryption)
        return (ciphertext, tag)
    }

    /// Checks the tag and decrypts.
    /// - Throws: ``ErrorCode/decryptionFailed`` for every failure.
    static func open(
        _ ciphertext: [UInt8], key: [UInt8], iv: [UInt8], aad: [UInt8], tag: [UInt8],
        encryption: JWEContentEncryption
    ) throws(JOSEError) -> [UInt8] {
        let failure = JOSEError(.decryptionFailed, "The JWE could not be decrypted")
        guard key.count == encryption.keySize, iv.count == encryption.ivSize, tag.count == encryption.tagSize else {
            throw failure
        }
        if encryption.isGCM {
            return try AESCipher.gcmOpen(key: key, iv: iv, ciphertext: ciphertext, aad: aad, tag: tag)
        }
        let half = key.count / 2
        guard
            let expected = try? cbcTag(
                macKey: Array(key[..<half]), aad: aad, iv: iv, ciphertext: ciphertext, encryption),
            ConstantTime.equals(expected, tag)
        else { throw failure }
        return try AESCipher.cbcDecrypt(key: Array(key[half...]), iv: iv, ciphertext: ciphertext)
    }

    /// The first half of HMAC(MAC key, AAD ‖ IV ‖ ciphertext ‖ AL), AL being the AAD's length in bits as a 64-bit
    /// big-endian number.
    private static func cbcTag(
        macKey: [UInt8], aad: [UInt8], iv: [UInt8], ciphertext: [UInt8], _ encryption: JWEContentEncryption
    ) throws(JOSEError) -> [UInt8] {
        guard let digest = encryption.macDigest else { throw JOSEError(.cryptoFailure, "Not a CBC-HMAC algorithm") }
        let bits = UInt64(aad.count) * 8
        let length = (0..<8).map { UInt8(truncatingIfNeeded: bits >> (56 - 8 * $0)) }
        let input = aad + iv + ciphertext + length
        let mac = try HMACSecret(bytes: macKey, allowsShortSecret: true)
        let full: [UInt8]? = input.withUnsafeBytes { bytes in try? mac.mac(bytes, digest: digest) }
        guard let full else { throw JOSEError(.cryptoFailure, "HMAC computation failed") }
        return Array(full[..<encryption.tagSize])
    }
}
