/// Encrypts content to a recipient's key as a compact JWE.
///
/// ```swift
/// let jwe = try JWEEncrypter.encrypt(
///     Array(nestedJWT.utf8), to: recipientPublicKey, algorithm: .rsaOAEP256, encryption: .a256GCM,
///     header: ["cty": "JWT"])
/// ```
///
/// The content key and IV come from OpenSSL's random generator for each call (with `dir`, the key is the content
/// key). The recipient key's `kid` goes into the header.
public enum JWEEncrypter {
    /// Encrypts `plaintext` to `key`.
    /// - Parameters:
    ///   - plaintext: the content, such as a signed JWT's bytes for a nested token.
    ///   - key: the recipient's key (for asymmetric algorithms its public half is enough).
    ///   - algorithm: the key management algorithm.
    ///   - encryption: the content encryption algorithm.
    ///   - extra: extra protected header members, such as `cty` (`JWT` for a nested token) or `typ`; `alg`, `enc`,
    ///     `kid`, `zip`, `crit`, `epk`, `iv`, `tag`, `p2s` and `p2c` are set here and cannot be given.
    ///   - compressed: whether the plaintext is compressed with raw DEFLATE first (`"zip": "DEF"`). Compress only
    ///     content an attacker cannot influence in part: compression before encryption leaks the content's
    ///     redundancy through the ciphertext length.
    /// - Throws: ``ErrorCode/keyAlgorithmMismatch`` or ``ErrorCode/keyUsageNotPermitted`` when the key cannot be used
    ///   with `algorithm`, ``ErrorCode/invalidHeader`` for a reserved header member, ``ErrorCode/encryptionFailed``.
    public static func encrypt(
        _ plaintext: [UInt8], to key: JWEKey, algorithm: JWEAlgorithm, encryption: JWEContentEncryption,
        header extra: [String: JSONValue] = [:], compressed: Bool = false
    ) throws(JOSEError) -> String {
        try key.checkUsable(for: algorithm, decrypting: false)
        let reserved: Set<String> = ["alg", "enc", "kid", "zip", "crit", "epk", "iv", "tag", "p2s", "p2c"]
        guard extra.keys.allSatisfy({ !reserved.contains($0) }) else {
            throw JOSEError(.invalidHeader, "A reserved JWE header member was given")
        }
        let (contentKey, encryptedKey, added) = try KeyManagement.wrap(
            for: key, algorithm: algorithm, encryption: encryption)
        var header = extra
        header["alg"] = .string(algorithm.rawValue)
        header["enc"] = .string(encryption.rawValue)
        if let keyID = key.keyID { header["kid"] = .string(keyID) }
        if compressed { header["zip"] = "DEF" }
        for (name, value) in added { header[name] = value }
        let encodedHeader = Base64URL.encodeToBytes(JSONValue.object(header).serialized())
        let iv = try KeyFactory.randomBytes(encryption.ivSize)
        let (ciphertext, tag) = try ContentEncryption.seal(
            compressed ? try Deflate.compress(plaintext) : plaintext, key: contentKey, iv: iv, aad: encodedHeader,
            encryption: encryption)
        return CompactJWE(
            header: header, algorithm: algorithm, encryption: encryption, encodedHeader: encodedHeader,
            encryptedKey: encryptedKey, iv: iv, ciphertext: ciphertext, tag: tag
        ).compact
    }
}
