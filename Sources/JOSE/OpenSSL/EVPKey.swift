import CJWTOpenSSL

/// Owns one OpenSSL `EVP_PKEY`.
///
/// `@unchecked Sendable`: the key is created once and never mutated afterwards. OpenSSL 3 allows one
/// `EVP_PKEY` to be used for signing and verifying from several threads at once as long as nobody changes
/// it; every operation here makes its own per-call context.
final class EVPKey: @unchecked Sendable {
    let pointer: OpaquePointer
    /// Prepared RSA, ECDSA and Ed25519 verification contexts for this key.
    let verificationContexts = VerificationContextPool()

    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        EVP_PKEY_free(pointer)
    }

    /// Size of the key in bits (the modulus for RSA, the field for EC).
    var bits: Int { Int(EVP_PKEY_get_bits(pointer)) }

    /// Whether the key's type is named `name` ("RSA", "EC", "ED25519", ...).
    func isA(_ name: String) -> Bool { EVP_PKEY_is_a(pointer, name) == 1 }

    /// The EC group name ("prime256v1", ...), if the key has one.
    var groupName: String? {
        var buffer = [CChar](repeating: 0, count: 64)
        var length = 0
        guard EVP_PKEY_get_group_name(pointer, &buffer, buffer.count, &length) == 1 else {
            ERR_clear_error()
            return nil
        }
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// A big-number parameter ("n", "e", "qx", "priv", ...) as unsigned big-endian bytes, left-padded to `length` if given.
    func bigNumberParameter(_ name: String, length: Int? = nil) -> [UInt8]? {
        var bignum: OpaquePointer? = nil
        guard EVP_PKEY_get_bn_param(pointer, name, &bignum) == 1, let bignum else {
            ERR_clear_error()
            return nil
        }
        defer { BN_clear_free(bignum) }
        let natural = Int((BN_num_bits(bignum) + 7) / 8)
        let size = max(length ?? natural, natural)
        var output = [UInt8](repeating: 0, count: size)
        guard BN_bn2binpad(bignum, &output, Int32(size)) == Int32(size) else { return nil }
        return output
    }

    /// The raw public key bytes (Ed25519).
    var rawPublicKey: [UInt8]? { rawBytes(EVP_PKEY_get_raw_public_key) }

    /// The raw private key bytes (Ed25519).
    var rawPrivateKey: [UInt8]? { rawBytes(EVP_PKEY_get_raw_private_key) }

    private func rawBytes(
        _ read: (OpaquePointer?, UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<Int>?) -> Int32
    ) -> [UInt8]? {
        var length = 0
        guard read(pointer, nil, &length) == 1 else {
            ERR_clear_error()
            return nil
        }
        var output = [UInt8](repeating: 0, count: length)
        guard read(pointer, &output, &length) == 1 else {
            ERR_clear_error()
            return nil
        }
        return Array(output.prefix(length))
    }

    /// Runs OpenSSL's public-key validity check (for EC: the point is on the curve and not at infinity).
    func publicCheck() -> Bool { check(EVP_PKEY_public_check) }

    /// Checks that the private and public halves of a key pair belong together.
    func pairwiseCheck() -> Bool { check(EVP_PKEY_pairwise_check) }

    private func check(_ run: (OpaquePointer?) -> Int32) -> Bool {
        guard let context = EVP_PKEY_CTX_new_from_pkey(nil, pointer, nil) else { return false }
        defer { EVP_PKEY_CTX_free(context) }
        let ok = run(context) == 1
        if !ok { ERR_clear_error() }
        return ok
    }
}
