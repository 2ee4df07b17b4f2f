import CJWTOpenSSL

/// RSAES-OAEP (RFC 8017 §7.1) on an OpenSSL key, with the same hash for OAEP and MGF1, as JWE's `RSA-OAEP*`
/// algorithms use it.
enum RSAOAEP {
    /// Encrypts `message` (a content encryption key) to the public part of `key`.
    static func encrypt(_ message: [UInt8], to key: EVPKey, digest: JWEAlgorithm.OAEPDigest) throws(JOSEError)
        -> [UInt8]
    {
        try run(key: key, digest: digest, decrypting: false, message)
    }

    /// Decrypts `ciphertext` with the private `key`.
    /// - Throws: ``ErrorCode/decryptionFailed`` for every failure.
    static func decrypt(_ ciphertext: [UInt8], with key: EVPKey, digest: JWEAlgorithm.OAEPDigest) throws(JOSEError)
        -> [UInt8]
    {
        try run(key: key, digest: digest, decrypting: true, ciphertext)
    }

    private static func run(key: EVPKey, digest: JWEAlgorithm.OAEPDigest, decrypting: Bool, _ input: [UInt8])
        throws(JOSEError) -> [UInt8]
    {
        let failure = JOSEError(
            decrypting ? .decryptionFailed : .encryptionFailed,
            decrypting ? "The JWE could not be decrypted" : "RSA-OAEP encryption failed")
        guard let context = EVP_PKEY_CTX_new_from_pkey(nil, key.pointer, nil) else { throw failure }
        defer { EVP_PKEY_CTX_free(context) }
        guard let md = EVP_MD_fetch(nil, digest.rawValue, nil) else { throw failure }
        defer { EVP_MD_free(md) }
        guard (decrypting ? EVP_PKEY_decrypt_init(context) : EVP_PKEY_encrypt_init(context)) == 1,
            EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_OAEP_PADDING) == 1,
            EVP_PKEY_CTX_set_rsa_oaep_md(context, md) == 1,
            EVP_PKEY_CTX_set_rsa_mgf1_md(context, md) == 1
        else { throw failure }
        var length = 0
        let sized = input.withUnsafeBufferPointer { bytes in
            decrypting
                ? EVP_PKEY_decrypt(context, nil, &length, bytes.baseAddress, bytes.count)
                : EVP_PKEY_encrypt(context, nil, &length, bytes.baseAddress, bytes.count)
        }
        guard sized == 1, length > 0 else { throw failure }
        var output = [UInt8](repeating: 0, count: length)
        let status = input.withUnsafeBufferPointer { bytes in
            output.withUnsafeMutableBufferPointer { out in
                decrypting
                    ? EVP_PKEY_decrypt(context, out.baseAddress, &length, bytes.baseAddress, bytes.count)
                    : EVP_PKEY_encrypt(context, out.baseAddress, &length, bytes.baseAddress, bytes.count)
            }
        }
        ERR_clear_error()
        guard status == 1 else { throw failure }
        return Array(output[..<length])
    }
}
