import CJWTOpenSSL

/// ECDH (NIST curves and X25519) and the Concat KDF of NIST SP 800-56A §5.8.1 with SHA-256, as JWE's `ECDH-ES*`
/// algorithms use them (RFC 7518 §4.6).
enum KeyAgreement {
    /// The shared secret of `privateKey` and `peer` (same curve).
    static func sharedSecret(_ privateKey: EVPKey, _ peer: EVPKey) throws(JOSEError) -> [UInt8] {
        let failure = JOSEError(.decryptionFailed, "The JWE could not be decrypted")
        guard let context = EVP_PKEY_CTX_new_from_pkey(nil, privateKey.pointer, nil) else { throw failure }
        defer { EVP_PKEY_CTX_free(context) }
        var length = 0
        guard EVP_PKEY_derive_init(context) == 1, EVP_PKEY_derive_set_peer(context, peer.pointer) == 1,
            EVP_PKEY_derive(context, nil, &length) == 1, length > 0
        else {
            ERR_clear_error()
            throw failure
        }
        var secret = [UInt8](repeating: 0, count: length)
        guard EVP_PKEY_derive(context, &secret, &length) == 1, secret.contains(where: { $0 != 0 }) else {
            ERR_clear_error()
            throw failure
        }
        return Array(secret[..<length])
    }

    /// `keyLength` bytes from the shared secret `z`: SHA-256(counter ‖ Z ‖ OtherInfo) for counter 1, 2, …, where
    /// OtherInfo is AlgorithmID ‖ PartyUInfo ‖ PartyVInfo (each with a 32-bit big-endian length) ‖ the key length in
    /// bits (32-bit big-endian).
    static func concatKDF(
        _ z: [UInt8], keyLength: Int, algorithmID: String, partyUInfo: [UInt8], partyVInfo: [UInt8]
    ) throws(JOSEError) -> [UInt8] {
        func lengthPrefixed(_ bytes: [UInt8]) -> [UInt8] { bigEndian32(bytes.count) + bytes }
        let otherInfo =
            lengthPrefixed(Array(algorithmID.utf8)) + lengthPrefixed(partyUInfo) + lengthPrefixed(partyVInfo)
            + bigEndian32(keyLength * 8)
        var output = [UInt8]()
        var counter = 1
        while output.count < keyLength {
            output += try Digest.sha256.hash(bigEndian32(counter) + z + otherInfo)
            counter += 1
        }
        return Array(output[..<keyLength])
    }

    private static func bigEndian32(_ value: Int) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) }
    }
}
