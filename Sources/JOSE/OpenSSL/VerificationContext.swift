import CJWTOpenSSL

/// A prepared RSA or ECDSA verification: a digest context, and either a key context already initialised for one
/// algorithm (padding, digest) or, for RSASSA-PKCS1-v1_5, a prepared ``RSAPKCS1Verification``. Reused across
/// verifications so the hot path does not ask OpenSSL to fetch algorithms or build contexts again.
///
/// `@unchecked Sendable`: a context is used by one verification at a time; ``VerificationContextPool`` hands each
/// context out exclusively and takes it back afterwards.
final class VerificationContext: @unchecked Sendable {
    private let digestContext: OpaquePointer
    private let digest: Digest
    private let signatureCheck: SignatureCheck

    /// How the signature is checked over the digest.
    private enum SignatureCheck {
        /// `EVP_PKEY_verify` on a key context set up for the algorithm (RSASSA-PSS, ECDSA).
        case keyContext(OpaquePointer)
        /// The RSA public operation on prepared big numbers and a comparison with the expected encoding.
        case rsaPKCS1(RSAPKCS1Verification)
    }

    init(key: EVPKey, algorithm: JWSAlgorithm, digest: Digest) throws(JOSEError) {
        let signatureCheck: SignatureCheck
        switch algorithm.family {
        case .rsaPKCS1:
            signatureCheck = .rsaPKCS1(try RSAPKCS1Verification(key: key, digest: digest))
        case .rsaPSS, .ecdsa:
            signatureCheck = .keyContext(try Self.keyContext(key: key, algorithm: algorithm, digest: digest))
        case .hmac, .ed25519:
            throw OpenSSLFailure.error("Could not prepare signature verification")
        }
        guard let digestContext = EVP_MD_CTX_new() else {
            if case .keyContext(let keyContext) = signatureCheck { EVP_PKEY_CTX_free(keyContext) }
            throw OpenSSLFailure.error("Could not create a digest context")
        }
        self.digestContext = digestContext
        self.digest = digest
        self.signatureCheck = signatureCheck
    }

    /// A key context initialised for verifying `algorithm` over a `digest` hash.
    private static func keyContext(key: EVPKey, algorithm: JWSAlgorithm, digest: Digest) throws(JOSEError)
        -> OpaquePointer
    {
        guard let keyContext = EVP_PKEY_CTX_new_from_pkey(nil, key.pointer, nil) else {
            throw OpenSSLFailure.error("Could not create a key context")
        }
        var configured = EVP_PKEY_verify_init(keyContext) == 1
        if case .rsaPSS = algorithm.family {
            configured =
                configured && EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PSS_PADDING) == 1
                && EVP_PKEY_CTX_set_rsa_pss_saltlen(keyContext, RSA_PSS_SALTLEN_DIGEST) == 1
                && EVP_PKEY_CTX_set_rsa_mgf1_md(keyContext, digest.evpMD) == 1
        }
        configured = configured && EVP_PKEY_CTX_set_signature_md(keyContext, digest.evpMD) == 1
        guard configured else {
            EVP_PKEY_CTX_free(keyContext)
            throw OpenSSLFailure.error("Could not prepare signature verification")
        }
        return keyContext
    }

    deinit {
        EVP_MD_CTX_free(digestContext)
        if case .keyContext(let keyContext) = signatureCheck { EVP_PKEY_CTX_free(keyContext) }
    }

    /// Hashes `message` and checks `signature` (OpenSSL's encoding: DER for ECDSA) over the hash.
    func verify(_ signature: UnsafeRawBufferPointer, message: UnsafeRawBufferPointer) throws(JOSEError) -> Bool {
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Int(EVP_MAX_MD_SIZE)) { hash throws(JOSEError) in
            var length: UInt32 = 0
            guard EVP_DigestInit_ex2(digestContext, digest.evpMD, nil) == 1,
                EVP_DigestUpdate(digestContext, message.baseAddress, message.count) == 1,
                EVP_DigestFinal_ex(digestContext, hash.baseAddress, &length) == 1
            else { throw OpenSSLFailure.error("Digest computation failed") }
            switch signatureCheck {
            case .rsaPKCS1(let rsa):
                return rsa.verify(
                    signature, hash: UnsafeRawBufferPointer(UnsafeMutableBufferPointer(rebasing: hash[..<Int(length)])))
            case .keyContext(let keyContext):
                let status = EVP_PKEY_verify(
                    keyContext, signature.baseAddress?.assumingMemoryBound(to: UInt8.self), signature.count,
                    hash.baseAddress, Int(length))
                if status != 1 { ERR_clear_error() }
                return status == 1
            }
        }
    }
}

/// Prepared verification contexts of one key, per algorithm; each is lent to one verification at a time.
final class VerificationContextPool: Sendable {
    /// Contexts kept per algorithm: enough for every core to verify at once without making new ones.
    private static let maximumIdle = 64
    private let idle = LockedValue<[JWSAlgorithm: [VerificationContext]]>([:])

    /// Runs `body` with a context for `algorithm`, made if none is idle, and keeps it for the next verification.
    func withContext<Result>(
        key: EVPKey, algorithm: JWSAlgorithm, digest: Digest,
        _ body: (VerificationContext) throws(JOSEError) -> Result
    ) throws(JOSEError) -> Result {
        let context: VerificationContext
        if let reused = idle.withLock({ $0[algorithm]?.popLast() }) {
            context = reused
        } else {
            context = try VerificationContext(key: key, algorithm: algorithm, digest: digest)
        }
        let result = try body(context)
        idle.withLock { contexts in
            if contexts[algorithm, default: []].count < Self.maximumIdle {
                contexts[algorithm, default: []].append(context)
            }
        }
        return result
    }
}
