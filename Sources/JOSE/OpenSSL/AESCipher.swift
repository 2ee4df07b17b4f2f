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

    /// Runs `body` with a new cipher context, freed afterwards.
    private static func withContext<Value>(_ body: (OpaquePointer) throws(JOSEError) -> Value) throws(JOSEError)
        -> Value
    {
        guard let context = EVP_CIPHER_CTX_new() else { throw OpenSSLFailure.error("No cipher context") }
        defer { EVP_CIPHER_CTX_free(context) }
        return try body(context)
    }

    /// Encrypts with AES-GCM; returns the ciphertext and the 16-byte tag.
    static func gcmSeal(key: [UInt8], iv: [UInt8], plaintext: [UInt8], aad: [UInt8]) throws(JOSEError) -> (
        ciphertext: [UInt8], tag: [UInt8]
    ) {
        let cipher = try cipher("gcm", keySize: key.count)
        guard iv.count == 12 else { throw JOSEError(.encryptionFailed, "The GCM IV must be 96 bits") }
        return try withContext { context throws(JOSEError) in
            var ciphertext = [UInt8](repeating: 0, count: plaintext.count + 16)
            var tag = [UInt8](repeating: 0, count: gcmTagSize)
            var length: Int32 = 0
            var total = 0
            guard EVP_EncryptInit_ex(context, cipher, nil, key, iv) == 1,
                aad.isEmpty || EVP_EncryptUpdate(context, nil, &length, aad, Int32(aad.count)) == 1,
                ciphertext.withUnsafeMutableBufferPointer({ out in
                    plaintext.isEmpty
                        || EVP_EncryptUpdate(context, out.baseAddress, &length, plaintext, Int32(plaintext.count)) == 1
                })
            else { throw JOSEError(.encryptionFailed, "AES-GCM encryption failed") }
            total = plaintext.isEmpty ? 0 : Int(length)
            guard
                ciphertext.withUnsafeMutableBufferPointer({ out in
                    EVP_EncryptFinal_ex(context, out.baseAddress! + total, &length) == 1
                }),
                EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_AEAD_GET_TAG, Int32(gcmTagSize), &tag) == 1
            else { throw JOSEError(.encryptionFailed, "AES-GCM encryption failed") }
            total += Int(length)
            return (Array(ciphertext[..<total]), tag)
        }
    }

    /// Decrypts with AES-GCM after checking the 16-byte tag.
    static func gcmOpen(key: [UInt8], iv: [UInt8], ciphertext: [UInt8], aad: [UInt8], tag: [UInt8]) throws(JOSEError)
        -> [UInt8]
    {
        guard iv.count == 12, tag.count == gcmTagSize, let cipher = try? cipher("gcm", keySize: key.count) else {
            throw JOSEError(.decryptionFailed, "The JWE could not be decrypted")
        }
        return try withContext { context throws(JOSEError) in
            var plaintext = [UInt8](repeating: 0, count: ciphertext.count + 16)
            var tag = tag
            var length: Int32 = 0
            var total = 0
            guard EVP_DecryptInit_ex(context, cipher, nil, key, iv) == 1,
                aad.isEmpty || EVP_DecryptUpdate(context, nil, &length, aad, Int32(aad.count)) == 1,
                plaintext.withUnsafeMutableBufferPointer({ out in
                    ciphertext.isEmpty
                        || EVP_DecryptUpdate(context, out.baseAddress, &length, ciphertext, Int32(ciphertext.count))
                            == 1
                })
            else { throw JOSEError(.decryptionFailed, "The JWE could not be decrypted") }
            total = ciphertext.isEmpty ? 0 : Int(length)
            guard EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_AEAD_SET_TAG, Int32(gcmTagSize), &tag) == 1,
                plaintext.withUnsafeMutableBufferPointer({ out in
                    EVP_DecryptFinal_ex(context, out.baseAddress! + total, &length) == 1
                })
            else { throw JOSEError(.decryptionFailed, "The JWE could not be decrypted") }
            total += Int(length)
            return Array(plaintext[..<total])
        }
    }

    /// Encrypts with AES-CBC and PKCS#7 padding.
    static func cbcEncrypt(key: [UInt8], iv: [UInt8], plaintext: [UInt8]) throws(JOSEError) -> [UInt8] {
        let cipher = try cipher("cbc", keySize: key.count)
        guard iv.count == 16 else { throw JOSEError(.encryptionFailed, "The CBC IV must be 128 bits") }
        return try withContext { context throws(JOSEError) in
            var output = [UInt8](repeating: 0, count: plaintext.count + 16)
            var length: Int32 = 0
            var total = 0
            guard EVP_EncryptInit_ex(context, cipher, nil, key, iv) == 1,
                output.withUnsafeMutableBufferPointer({ out in
                    plaintext.isEmpty
                        || EVP_EncryptUpdate(context, out.baseAddress, &length, plaintext, Int32(plaintext.count)) == 1
                })
            else { throw JOSEError(.encryptionFailed, "AES-CBC encryption failed") }
            total = plaintext.isEmpty ? 0 : Int(length)
            guard
                output.withUnsafeMutableBufferPointer({ out in
                    EVP_EncryptFinal_ex(context, out.baseAddress! + total, &length) == 1
                })
            else { throw JOSEError(.encryptionFailed, "AES-CBC encryption failed") }
            return Array(output[..<(total + Int(length))])
        }
    }

    /// Decrypts with AES-CBC and checks the PKCS#7 padding. Call only after the tag has been checked.
    static func cbcDecrypt(key: [UInt8], iv: [UInt8], ciphertext: [UInt8]) throws(JOSEError) -> [UInt8] {
        guard iv.count == 16, !ciphertext.isEmpty, ciphertext.count % 16 == 0,
            let cipher = try? cipher("cbc", keySize: key.count)
        else { throw JOSEError(.decryptionFailed, "The JWE could not be decrypted") }
        return try withContext { context throws(JOSEError) in
            var output = [UInt8](repeating: 0, count: ciphertext.count + 16)
            var length: Int32 = 0
            var total = 0
            guard EVP_DecryptInit_ex(context, cipher, nil, key, iv) == 1,
                output.withUnsafeMutableBufferPointer({ out in
                    EVP_DecryptUpdate(context, out.baseAddress, &length, ciphertext, Int32(ciphertext.count)) == 1
                })
            else { throw JOSEError(.decryptionFailed, "The JWE could not be decrypted") }
            total = Int(length)
            guard
                output.withUnsafeMutableBufferPointer({ out in
                    EVP_DecryptFinal_ex(context, out.baseAddress! + total, &length) == 1
                })
            else { throw JOSEError(.decryptionFailed, "The JWE could not be decrypted") }
            return Array(output[..<(total + Int(length))])
        }
    }

    /// Wraps `key` (a multiple of 8 bytes, at least 16) with the RFC 3394 AES key wrap under `kek`.
    static func wrap(_ key: [UInt8], with kek: [UInt8]) throws(JOSEError) -> [UInt8] {
        let cipher = try cipher("wrap", keySize: kek.count)
        guard key.count >= 16, key.count % 8 == 0 else {
            throw JOSEError(.encryptionFailed, "AES key wrap needs a key of a multiple of 64 bits")
        }
        return try withContext { context throws(JOSEError) in
            EVP_CIPHER_CTX_set_flags(context, Int32(EVP_CIPHER_CTX_FLAG_WRAP_ALLOW))
            var output = [UInt8](repeating: 0, count: key.count + 8)
            var length: Int32 = 0
            guard EVP_EncryptInit_ex(context, cipher, nil, kek, nil) == 1,
                output.withUnsafeMutableBufferPointer({ out in
                    EVP_EncryptUpdate(context, out.baseAddress, &length, key, Int32(key.count)) == 1
                }),
                Int(length) == key.count + 8
            else { throw JOSEError(.encryptionFailed, "AES key wrap failed") }
            return output
        }
    }

    /// Unwraps an RFC 3394 wrapped key under `kek`, checking its integrity value.
    static func unwrap(_ wrapped: [UInt8], with kek: [UInt8]) throws(JOSEError) -> [UInt8] {
        guard wrapped.count >= 24, wrapped.count % 8 == 0, let cipher = try? cipher("wrap", keySize: kek.count) else {
            throw JOSEError(.decryptionFailed, "The JWE could not be decrypted")
        }
        return try withContext { context throws(JOSEError) in
            EVP_CIPHER_CTX_set_flags(context, Int32(EVP_CIPHER_CTX_FLAG_WRAP_ALLOW))
            var output = [UInt8](repeating: 0, count: wrapped.count)
            var length: Int32 = 0
            guard EVP_DecryptInit_ex(context, cipher, nil, kek, nil) == 1,
                output.withUnsafeMutableBufferPointer({ out in
                    EVP_DecryptUpdate(context, out.baseAddress, &length, wrapped, Int32(wrapped.count)) == 1
                }),
                Int(length) == wrapped.count - 8
            else { throw JOSEError(.decryptionFailed, "The JWE could not be decrypted") }
            return Array(output[..<Int(length)])
        }
    }
}
