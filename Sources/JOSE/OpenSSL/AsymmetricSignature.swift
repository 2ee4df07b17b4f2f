import CJWTOpenSSL

/// RSA, ECDSA and Ed25519 signatures through OpenSSL: signing with a fresh per-call `EVP_DigestSign*` context,
/// verifying with the key's prepared `VerificationContext`s.
enum AsymmetricSignature {
    /// Verifies a signature in OpenSSL's encoding (DER for ECDSA), with a prepared context of the key.
    static func verify(
        _ signature: UnsafeRawBufferPointer, message: UnsafeRawBufferPointer, key: EVPKey, algorithm: JWSAlgorithm
    ) throws(JOSEError) -> Bool {
        try key.verificationContexts.withContext(key: key, algorithm: algorithm) { context throws(JOSEError) in
            try context.verify(signature, message: message)
        }
    }

    /// Signs `message`, returning OpenSSL's encoding (DER for ECDSA).
    static func sign(_ message: UnsafeRawBufferPointer, key: EVPKey, algorithm: JWSAlgorithm) throws(JOSEError)
        -> [UInt8]
    {
        guard let context = EVP_MD_CTX_new() else { throw OpenSSLFailure.error("Could not create a digest context") }
        defer { EVP_MD_CTX_free(context) }
        var keyContext: OpaquePointer? = nil
        guard EVP_DigestSignInit(context, &keyContext, algorithm.digest?.evpMD, nil, key.pointer) == 1,
            configure(keyContext, for: algorithm)
        else { throw OpenSSLFailure.error("Could not start signing", code: .signingFailed) }
        let input = message.baseAddress?.assumingMemoryBound(to: UInt8.self)
        var length = 0
        guard EVP_DigestSign(context, nil, &length, input, message.count) == 1 else {
            throw OpenSSLFailure.error("Signing failed", code: .signingFailed)
        }
        var output = [UInt8](repeating: 0, count: length)
        guard EVP_DigestSign(context, &output, &length, input, message.count) == 1 else {
            throw OpenSSLFailure.error("Signing failed", code: .signingFailed)
        }
        return Array(output.prefix(length))
    }

    /// Sets the RSA padding; PSS uses MGF1 with the same digest and a salt as long as the digest (RFC 7518 §3.5).
    private static func configure(_ keyContext: OpaquePointer?, for algorithm: JWSAlgorithm) -> Bool {
        switch algorithm.family {
        case .rsaPKCS1:
            return EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PADDING) == 1
        case .rsaPSS:
            return EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PSS_PADDING) == 1
                && EVP_PKEY_CTX_set_rsa_pss_saltlen(keyContext, RSA_PSS_SALTLEN_DIGEST) == 1
                && EVP_PKEY_CTX_set_rsa_mgf1_md(keyContext, algorithm.digest?.evpMD) == 1
        case .hmac, .ecdsa, .ed25519:
            return true
        }
    }
}

/// Conversion between JWS's fixed-length `r || s` ECDSA signatures (RFC 7518 §3.4) and the DER that OpenSSL speaks.
enum ECDSASignature {
    /// DER `SEQUENCE { INTEGER r, INTEGER s }` for a raw signature whose halves are `size` bytes each.
    static func der(fromRaw raw: UnsafeRawBufferPointer, size: Int) -> [UInt8] {
        let bytes = raw.bindMemory(to: UInt8.self)
        let r = integer(bytes[0..<size])
        let s = integer(bytes[size..<(2 * size)])
        var output: [UInt8] = [0x30]
        appendLength(r.count + s.count, to: &output)
        output += r
        output += s
        return output
    }

    /// The raw `r || s` form of a DER signature produced by OpenSSL.
    static func raw(fromDER der: [UInt8], size: Int) throws(JOSEError) -> [UInt8] {
        let signature: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            return d2i_ECDSA_SIG(nil, &cursor, buffer.count)
        }
        guard let signature else {
            throw OpenSSLFailure.error("Could not decode an ECDSA signature", code: .signingFailed)
        }
        defer { ECDSA_SIG_free(signature) }
        var output = [UInt8](repeating: 0, count: 2 * size)
        let ok = output.withUnsafeMutableBufferPointer { out in
            guard let base = out.baseAddress else { return false }
            return BN_bn2binpad(ECDSA_SIG_get0_r(signature), base, Int32(size)) == Int32(size)
                && BN_bn2binpad(ECDSA_SIG_get0_s(signature), base + size, Int32(size)) == Int32(size)
        }
        guard ok else { throw OpenSSLFailure.error("Could not encode an ECDSA signature", code: .signingFailed) }
        return output
    }

    /// A DER INTEGER for an unsigned big-endian value: minimal, with a leading zero when the top bit is set.
    private static func integer(_ value: Slice<UnsafeBufferPointer<UInt8>>) -> [UInt8] {
        var content = Array(value.drop { $0 == 0 })
        if content.isEmpty || content[0] & 0x80 != 0 { content.insert(0, at: 0) }
        var output: [UInt8] = [0x02]
        appendLength(content.count, to: &output)
        return output + content
    }

    private static func appendLength(_ length: Int, to output: inout [UInt8]) {
        if length < 0x80 {
            output.append(UInt8(length))
        } else {
            output += [0x81, UInt8(truncatingIfNeeded: length)]  // every ECDSA signature here is under 256 bytes
        }
    }
}
