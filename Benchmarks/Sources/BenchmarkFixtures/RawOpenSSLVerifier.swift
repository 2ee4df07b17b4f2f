import CBenchmarkOpenSSL
import JOSE

/// The physical floor: OpenSSL verifying the already-decoded signature over the already-split signing input with a key
/// made beforehand, as a C program would (`EVP_DigestVerifyInit` + `EVP_DigestVerify`, or one-shot `HMAC`; for
/// HS256 also HMAC on keyed SHA-256 states prepared once, `verifyPrepared()`).
///
/// `@unchecked Sendable`: the key is created in `init`, only read afterwards, and freed in `deinit`.
package final class RawOpenSSLVerifier: @unchecked Sendable {
    private let key: OpaquePointer?
    private let secret: [UInt8]
    private let digest: OpaquePointer?
    private let pss: Bool
    private let signingInput: [UInt8]
    /// The signature in OpenSSL's encoding (DER for ECDSA).
    private let signature: [UInt8]
    /// HS256 only: the keyed inner and outer SHA-256 states, for `verifyPrepared()`.
    private let prepared: UnsafeMutablePointer<bench_hmac_sha256>

    package struct Failure: Error {}

    package init(
        algorithm: JOSE.JWSAlgorithm, publicPEM: String?, secret: [UInt8]?, signingInput: [UInt8], signature: [UInt8]
    )
        throws
    {
        switch algorithm {
        case .hs256, .rs256, .ps256, .es256: digest = EVP_sha256()
        case .hs384, .rs384, .ps384, .es384: digest = EVP_sha384()
        case .hs512, .rs512, .ps512, .es512: digest = EVP_sha512()
        case .eddsa, .ed25519: digest = nil
        }
        pss = [.ps256, .ps384, .ps512].contains(algorithm)
        self.secret = secret ?? []
        self.signingInput = signingInput
        if let publicPEM {
            let bytes = Array(publicPEM.utf8)
            key = bytes.withUnsafeBufferPointer { buffer in
                let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count))
                defer { BIO_free(bio) }
                return PEM_read_bio_PUBKEY(bio, nil, nil, nil)
            }
            guard key != nil else { throw Failure() }
        } else {
            key = nil
        }
        if [.es256, .es384, .es512].contains(algorithm) {
            self.signature = Self.der(fromRaw: signature)
        } else {
            self.signature = signature
        }
        prepared = .allocate(capacity: 1)
        bench_hmac_sha256_key(prepared, self.secret, min(self.secret.count, 64))
        guard verify(), algorithm != .hs256 || verifyPrepared() else { throw Failure() }
    }

    deinit {
        EVP_PKEY_free(key)
        prepared.deallocate()
    }

    /// One HS256 verification on the prepared keyed states (the floor for a verifier that keys once): copy the two
    /// states, hash, compare.
    package func verifyPrepared() -> Bool {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { mac in
            bench_hmac_sha256_mac(prepared, signingInput, signingInput.count, mac.baseAddress)
            return signature.count == 32 && CRYPTO_memcmp(mac.baseAddress, signature, 32) == 0
        }
    }

    /// One verification.
    package func verify() -> Bool {
        guard let key else {
            var mac = [UInt8](repeating: 0, count: 64)
            var length: UInt32 = 0
            _ = HMAC(digest, secret, Int32(secret.count), signingInput, signingInput.count, &mac, &length)
            return Int(length) == signature.count && CRYPTO_memcmp(mac, signature, signature.count) == 0
        }
        let context = EVP_MD_CTX_new()
        defer { EVP_MD_CTX_free(context) }
        var keyContext: OpaquePointer? = nil
        guard EVP_DigestVerifyInit(context, &keyContext, digest, nil, key) == 1 else { return false }
        if pss {
            EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PSS_PADDING)
            EVP_PKEY_CTX_set_rsa_pss_saltlen(keyContext, RSA_PSS_SALTLEN_DIGEST)
        }
        return EVP_DigestVerify(context, signature, signature.count, signingInput, signingInput.count) == 1
    }

    /// DER `SEQUENCE { INTEGER r, INTEGER s }` from raw `r || s` (done once, outside the measurement).
    private static func der(fromRaw raw: [UInt8]) -> [UInt8] {
        func integer(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
            var content = Array(bytes.drop { $0 == 0 })
            if content.isEmpty || content[0] & 0x80 != 0 { content.insert(0, at: 0) }
            return [0x02] + length(content.count) + content
        }
        func length(_ count: Int) -> [UInt8] { count < 0x80 ? [UInt8(count)] : [0x81, UInt8(count)] }
        let half = raw.count / 2
        let body = integer(raw[0..<half]) + integer(raw[half...])
        return [0x30] + length(body.count) + body
    }
}
