import CJWTOpenSSL

/// A prepared RSA, ECDSA or Ed25519 verification, reused across verifications so the hot path does not ask OpenSSL
/// to fetch algorithms or build contexts again: a digest context, and a key context already initialised for one
/// algorithm (padding, digest), a prepared `RSAPKCS1Verification` for RSASSA-PKCS1-v1_5, or for Ed25519 a
/// verification context initialised once, which each verification copies.
///
/// `@unchecked Sendable`: a context is used by one verification at a time; `VerificationContextPool` hands each
/// context out exclusively and takes it back afterwards.
final class VerificationContext: @unchecked Sendable {
    /// The digest context (RSA, ECDSA), or the context the Ed25519 template is copied into.
    private let digestContext: OpaquePointer
    private let signatureCheck: SignatureCheck

    /// How the signature is checked.
    private enum SignatureCheck {
        /// `EVP_PKEY_verify` over a `Digest` hash, on a key context set up for the algorithm (RSASSA-PSS, ECDSA).
        case keyContext(OpaquePointer, Digest)
        /// The RSA public operation on prepared big numbers and a comparison with the expected encoding.
        case rsaPKCS1(RSAPKCS1Verification, Digest)
        /// A one-shot `EVP_DigestVerify` on a copy of a context that `EVP_DigestVerifyInit` prepared: a copy costs
        /// about 600 instructions, an initialisation (which fetches the algorithm) about 20,000.
        case ed25519(template: OpaquePointer)
    }

    init(key: EVPKey, algorithm: JWSAlgorithm) throws(JOSEError) {
        let signatureCheck: SignatureCheck
        switch (algorithm.family, algorithm.digest) {
        case (.rsaPKCS1, let digest?):
            signatureCheck = .rsaPKCS1(try RSAPKCS1Verification(key: key, digest: digest), digest)
        case (.rsaPSS, let digest?), (.ecdsa, let digest?):
            signatureCheck = .keyContext(try Self.keyContext(key: key, algorithm: algorithm, digest: digest), digest)
        case (.ed25519, _):
            signatureCheck = .ed25519(template: try Self.ed25519Template(key: key))
        default:
            throw OpenSSLFailure.error("Could not prepare signature verification")
        }
        guard let digestContext = EVP_MD_CTX_new() else {
            Self.free(signatureCheck)
            throw OpenSSLFailure.error("Could not create a digest context")
        }
        self.digestContext = digestContext
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

    /// A digest context on which `EVP_DigestVerifyInit` has run for the Ed25519 `key`, never used to verify.
    private static func ed25519Template(key: EVPKey) throws(JOSEError) -> OpaquePointer {
        guard let template = EVP_MD_CTX_new() else { throw OpenSSLFailure.error("Could not create a digest context") }
        guard EVP_DigestVerifyInit(template, nil, nil, nil, key.pointer) == 1 else {
            EVP_MD_CTX_free(template)
            throw OpenSSLFailure.error("Could not start signature verification")
        }
        return template
    }

    private static func free(_ signatureCheck: SignatureCheck) {
        switch signatureCheck {
        case .keyContext(let keyContext, _): EVP_PKEY_CTX_free(keyContext)
        case .ed25519(let template): EVP_MD_CTX_free(template)
        case .rsaPKCS1: break
        }
    }

    deinit {
        EVP_MD_CTX_free(digestContext)
        Self.free(signatureCheck)
    }

    /// Checks `signature` (OpenSSL's encoding: DER for ECDSA) over `message`.
    func verify(_ signature: UnsafeRawBufferPointer, message: UnsafeRawBufferPointer) throws(JOSEError) -> Bool {
        let status: Int32
        switch signatureCheck {
        case .ed25519(let template):
            guard EVP_MD_CTX_copy_ex(digestContext, template) == 1 else {
                throw OpenSSLFailure.error("Could not start signature verification")
            }
            status = EVP_DigestVerify(
                digestContext, signature.baseAddress?.assumingMemoryBound(to: UInt8.self), signature.count,
                message.baseAddress?.assumingMemoryBound(to: UInt8.self), message.count)
        case .rsaPKCS1(let rsa, let digest):
            return try withHash(of: message, digest) { hash in rsa.verify(signature, hash: hash) }
        case .keyContext(let keyContext, let digest):
            status = try withHash(of: message, digest) { hash in
                EVP_PKEY_verify(
                    keyContext, signature.baseAddress?.assumingMemoryBound(to: UInt8.self), signature.count,
                    hash.baseAddress?.assumingMemoryBound(to: UInt8.self), hash.count)
            }
        }
        if status != 1 { ERR_clear_error() }
        return status == 1
    }

    /// Runs `body` with the `digest` hash of `message`, computed in the digest context.
    private func withHash<Result>(
        of message: UnsafeRawBufferPointer, _ digest: Digest, _ body: (UnsafeRawBufferPointer) -> Result
    ) throws(JOSEError) -> Result {
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Int(EVP_MAX_MD_SIZE)) { hash throws(JOSEError) in
            var length: UInt32 = 0
            guard EVP_DigestInit_ex2(digestContext, digest.evpMD, nil) == 1,
                EVP_DigestUpdate(digestContext, message.baseAddress, message.count) == 1,
                EVP_DigestFinal_ex(digestContext, hash.baseAddress, &length) == 1
            else { throw OpenSSLFailure.error("Digest computation failed") }
            return body(UnsafeRawBufferPointer(UnsafeMutableBufferPointer(rebasing: hash[..<Int(length)])))
        }
    }
}

/// Prepared verification contexts of one key, per algorithm; each is lent to one verification at a time.
final class VerificationContextPool: Sendable {
    /// Contexts kept per algorithm: enough for every core to verify at once without making new ones.
    private static let maximumIdle = 64
    private let idle = Locked<[JWSAlgorithm: [VerificationContext]]>([:])

    /// Runs `body` with a context for `algorithm`, made if none is idle, and keeps it for the next verification.
    func withContext<Result>(
        key: EVPKey, algorithm: JWSAlgorithm, _ body: (VerificationContext) throws(JOSEError) -> Result
    ) throws(JOSEError) -> Result {
        let context: VerificationContext
        if let reused = idle.withLock({ $0[algorithm]?.popLast() }) {
            context = reused
        } else {
            context = try VerificationContext(key: key, algorithm: algorithm)
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
