import CJWTOpenSSL

/// The AES modes of JWE on OpenSSL's EVP interface: GCM (content and key wrapping), CBC with PKCS#7 padding (the
/// CBC-HMAC content encryption) and the RFC 3394 key wrap. Every failure to decrypt or unwrap is the one
/// ``ErrorCode/decryptionFailed``.
enum AESCipher {
    /// The GCM tag size JWE uses: 128 bits.
    static let gcmTagSize = 16

    private static func cipher(_ mode: String, keySize: Int) throws(JOSEError) -> OpaquePointer {
        let cipher: OpaquePointer? =
            switch (mode, keySize) {
            case ("gcm", 16): EVP_aes_128_gcm()
            case ("gcm", 24): EVP_aes_192_gcm()
            case ("gcm", 32): EVP_aes_256_gcm()
            case ("cbc", 16): EVP_aes_128_cbc()
            case ("cbc", 24): EVP_aes_192_cbc()
            case ("cbc", 32): EVP_aes_256_cbc()
            case ("wrap", 16): EVP_aes_128_wrap()
            case ("wrap", 24): EVP_aes_192_wrap()
            case ("wrap", 32): EVP_aes_256_wrap()
            default: nil
            }
        guard let cipher else { throw JOSEError(.invalidKey, "The AES key has the wrong size") }
        return cipher
    }

    /// One pass of `cipher` over `input` (after `aad`, for GCM) in a new context: `beforeFinal` runs before the final
    /// block (to set a GCM tag), `afterFinal` after it (to read one).
    private static func transform(
        _ cipher: OpaquePointer, key: [UInt8], iv: [UInt8]?, input: [UInt8], aad: [UInt8] = [], encrypting: Bool,
        failure: JOSEError, beforeFinal: (OpaquePointer) -> Bool = { _ in true },
        afterFinal: (OpaquePointer) -> Bool = { _ in true }
    ) throws(JOSEError) -> [UInt8] {
        guard let context = EVP_CIPHER_CTX_new() else { throw failure }
        defer { EVP_CIPHER_CTX_free(context) }
        // The key wrap modes are refused by the EVP interface unless asked for; harmless for the others.
        EVP_CIPHER_CTX_set_flags(context, Int32(EVP_CIPHER_CTX_FLAG_WRAP_ALLOW))
        let update = encrypting ? EVP_EncryptUpdate : EVP_DecryptUpdate
        var output = [UInt8](repeating: 0, count: input.count + 16)
        var length: Int32 = 0
        var total = 0
        let initialized =
            encrypting
            ? EVP_EncryptInit_ex(context, cipher, nil, key, iv) : EVP_DecryptInit_ex(context, cipher, nil, key, iv)
        guard initialized == 1, aad.isEmpty || update(context, nil, &length, aad, Int32(aad.count)) == 1 else {
            throw failure
        }
        let finished = output.withUnsafeMutableBufferPointer { out -> Bool in
            guard let base = out.baseAddress else { return false }
            if !input.isEmpty {
                guard update(context, base, &length, input, Int32(input.count)) == 1 else { return false }
                total = Int(length)
            }
            guard beforeFinal(context) else { return false }
            let final =
                encrypting
                ? EVP_EncryptFinal_ex(context, base + total, &length)
                : EVP_DecryptFinal_ex(context, base + total, &length)
            guard final == 1, afterFinal(context) else { return false }
            total += Int(length)
            return true
        }
        ERR_clear_error()
        guard finished else { throw failure }
        return Array(output[..<total])
    }

    /// Encrypts with AES-GCM; returns the ciphertext and the 16-byte tag.
    static func gcmSeal(key: [UInt8], iv: [UInt8], plaintext: [UInt8], aad: [UInt8]) throws(JOSEError) -> (
        ciphertext: [UInt8], tag: [UInt8]
    ) {
        let failure = JOSEError(.encryptionFailed, "AES-GCM encryption failed")
        guard iv.count == 12 else { throw failure }
        var tag = [UInt8](repeating: 0, count: gcmTagSize)
        let ciphertext = try transform(
            try cipher("gcm", keySize: key.count), key: key, iv: iv, input: plaintext, aad: aad, encrypting: true,
            failure: failure,
            afterFinal: { EVP_CIPHER_CTX_ctrl($0, EVP_CTRL_AEAD_GET_TAG, Int32(gcmTagSize), &tag) == 1 })
        return (ciphertext, tag)
    }

    /// Decrypts with AES-GCM after checking the 16-byte tag.
    static func gcmOpen(key: [UInt8], iv: [UInt8], ciphertext: [UInt8], aad: [UInt8], tag: [UInt8]) throws(JOSEError)
        -> [UInt8]
    {
        let failure = JOSEError(.decryptionFailed, "The JWE could not be decrypted")
        guard iv.count == 12, tag.count == gcmTagSize, let cipher = try? cipher("gcm", keySize: key.count) else {
            throw failure
        }
        var tag = tag
        return try transform(
            cipher, key: key, iv: iv, input: ciphertext, aad: aad, encrypting: false, failure: failure,
            beforeFinal: { EVP_CIPHER_CTX_ctrl($0, EVP_CTRL_AEAD_SET_TAG, Int32(gcmTagSize), &tag) == 1 })
    }

    /// Encrypts with AES-CBC and PKCS#7 padding.
    static func cbcEncrypt(key: [UInt8], iv: [UInt8], plaintext: [UInt8]) throws(JOSEError) -> [UInt8] {
        let failure = JOSEError(.encryptionFailed, "AES-CBC encryption failed")
        guard iv.count == 16 else { throw failure }
        return try transform(
            try cipher("cbc", keySize: key.count), key: key, iv: iv, input: plaintext, encrypting: true,
            failure: failure)
    }

    /// Decrypts with AES-CBC and checks the PKCS#7 padding. Call only after the tag has been checked.
    static func cbcDecrypt(key: [UInt8], iv: [UInt8], ciphertext: [UInt8]) throws(JOSEError) -> [UInt8] {
        let failure = JOSEError(.decryptionFailed, "The JWE could not be decrypted")
        guard iv.count == 16, !ciphertext.isEmpty, ciphertext.count % 16 == 0,
            let cipher = try? cipher("cbc", keySize: key.count)
        else { throw failure }
        return try transform(cipher, key: key, iv: iv, input: ciphertext, encrypting: false, failure: failure)
    }

    /// Wraps `key` (a multiple of 8 bytes, at least 16) with the RFC 3394 AES key wrap under `kek`.
    static func wrap(_ key: [UInt8], with kek: [UInt8]) throws(JOSEError) -> [UInt8] {
        let failure = JOSEError(.encryptionFailed, "AES key wrap failed")
        guard key.count >= 16, key.count % 8 == 0 else { throw failure }
        let wrapped = try transform(
            try cipher("wrap", keySize: kek.count), key: kek, iv: nil, input: key, encrypting: true, failure: failure)
        guard wrapped.count == key.count + 8 else { throw failure }
        return wrapped
    }

    /// Unwraps an RFC 3394 wrapped key under `kek`, checking its integrity value.
    static func unwrap(_ wrapped: [UInt8], with kek: [UInt8]) throws(JOSEError) -> [UInt8] {
        let failure = JOSEError(.decryptionFailed, "The JWE could not be decrypted")
        guard wrapped.count >= 24, wrapped.count % 8 == 0, let cipher = try? cipher("wrap", keySize: kek.count) else {
            throw failure
        }
        let key = try transform(cipher, key: kek, iv: nil, input: wrapped, encrypting: false, failure: failure)
        guard key.count == wrapped.count - 8 else { throw failure }
        return key
    }
}
