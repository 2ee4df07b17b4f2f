import CJWTOpenSSL

/// RSASSA-PKCS1-v1_5 verification (RFC 8017 §8.2.2) with the RSA public operation done by OpenSSL's big-number
/// Montgomery exponentiation on state prepared once, and the encoding checked by comparison, not by parsing.
///
/// OpenSSL's `EVP_PKEY_verify` runs the same `BN_mod_exp_mont` but around it builds a big-number context, decodes
/// and re-encodes the DigestInfo and allocates buffers: about a dozen allocations on every call. Here the operands,
/// the Montgomery form of the modulus and the big-number context live as long as the context, and the expected
/// encoded message `0x00 0x01 0xFF… 0x00 DigestInfo` is built once, so a verification allocates nothing.
/// Comparing the whole expected encoding, rather than parsing the decrypted block, is the construction RFC 8017
/// recommends: no padding or DigestInfo variant (missing NULL, trailing bytes, short padding) can be accepted.
///
/// `@unchecked Sendable`: used by one verification at a time (`VerificationContextPool` lends it exclusively);
/// the modulus, exponent and template are only read after `init`.
final class RSAPKCS1Verification: @unchecked Sendable {
    private let modulus: OpaquePointer
    private let exponent: OpaquePointer
    private let montgomery: OpaquePointer
    private let bigNumbers: OpaquePointer
    private let signatureValue: OpaquePointer
    private let messageValue: OpaquePointer
    /// The expected encoded message without the hash: `0x00 0x01 0xFF… 0x00 DigestInfo-prefix`.
    private let template: [UInt8]
    /// The modulus length in bytes (`k` in RFC 8017).
    private let modulusLength: Int

    init(key: EVPKey, digest: Digest) throws(JOSEError) {
        var modulus: OpaquePointer? = nil
        var exponent: OpaquePointer? = nil
        let bigNumbers = BN_CTX_new()
        let montgomery = BN_MONT_CTX_new()
        let signatureValue = BN_new()
        let messageValue = BN_new()
        guard EVP_PKEY_get_bn_param(key.pointer, OSSL_PKEY_PARAM_RSA_N, &modulus) == 1,
            EVP_PKEY_get_bn_param(key.pointer, OSSL_PKEY_PARAM_RSA_E, &exponent) == 1,
            let modulus, let exponent, let bigNumbers, let montgomery, let signatureValue, let messageValue,
            BN_MONT_CTX_set(montgomery, modulus, bigNumbers) == 1
        else {
            Self.free([modulus, exponent, signatureValue, messageValue], bigNumbers, montgomery)
            throw OpenSSLFailure.error("Could not prepare RSA verification")
        }
        self.modulus = modulus
        self.exponent = exponent
        self.bigNumbers = bigNumbers
        self.montgomery = montgomery
        self.signatureValue = signatureValue
        self.messageValue = messageValue
        modulusLength = Int((BN_num_bits(modulus) + 7) / 8)
        let digestInfo = digest.digestInfoPrefix
        // Keys are at least 2048 bits (256 bytes), far above the 11 + DigestInfo + hash bytes RFC 8017 needs.
        let paddingLength = modulusLength - 3 - digestInfo.count - digest.size
        guard paddingLength >= 8 else { throw JOSEError(.weakKey, "The RSA modulus is too short for the digest") }
        template = [0x00, 0x01] + [UInt8](repeating: 0xFF, count: paddingLength) + [0x00] + digestInfo
    }

    deinit {
        Self.free([modulus, exponent, signatureValue, messageValue], bigNumbers, montgomery)
    }

    /// Frees what `init` made (every OpenSSL free function here accepts `NULL`).
    private static func free(_ numbers: [OpaquePointer?], _ context: OpaquePointer?, _ montgomery: OpaquePointer?) {
        for number in numbers { BN_free(number) }
        BN_CTX_free(context)
        BN_MONT_CTX_free(montgomery)
    }

    /// Whether `signature` is the RSASSA-PKCS1-v1_5 signature of `hash` (the message's digest).
    func verify(_ signature: UnsafeRawBufferPointer, hash: UnsafeRawBufferPointer) -> Bool {
        // RFC 8017 §8.2.2 step 1 and §5.2.2 step 1: exactly k bytes, and the integer below the modulus.
        guard signature.count == modulusLength, hash.count == modulusLength - template.count,
            let signatureBytes = signature.baseAddress?.assumingMemoryBound(to: UInt8.self),
            BN_bin2bn(signatureBytes, Int32(signature.count), signatureValue) != nil,
            BN_ucmp(signatureValue, modulus) < 0
        else { return false }
        guard BN_mod_exp_mont(messageValue, signatureValue, exponent, modulus, bigNumbers, montgomery) == 1 else {
            ERR_clear_error()
            return false
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: modulusLength) { encoded in
            guard let base = encoded.baseAddress,
                BN_bn2binpad(messageValue, base, Int32(modulusLength)) == Int32(modulusLength)
            else { return false }
            // Both comparisons run before either result is looked at.
            let prefixMatches = template.withUnsafeBytes {
                ConstantTime.equals(UnsafeRawBufferPointer(start: base, count: template.count), $0)
            }
            let hashMatches = ConstantTime.equals(
                UnsafeRawBufferPointer(start: base + template.count, count: hash.count), hash)
            return prefixMatches && hashMatches
        }
    }
}

extension Digest {
    /// The DER of `DigestInfo` up to the hash (RFC 8017 §9.2 note 1): `SEQUENCE { AlgorithmIdentifier, OCTET STRING`.
    var digestInfoPrefix: [UInt8] {
        let algorithmID: UInt8
        switch self {
        case .sha256: algorithmID = 0x01
        case .sha384: algorithmID = 0x02
        case .sha512: algorithmID = 0x03
        }
        return [
            0x30, UInt8(0x11 + size), 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            algorithmID, 0x05, 0x00, 0x04, UInt8(size),
        ]
    }
}
