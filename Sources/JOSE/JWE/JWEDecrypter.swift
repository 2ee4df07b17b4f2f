/// Decrypts compact JWEs with the recipient's keys.
///
/// ```swift
/// let decrypter = JWEDecrypter(keys: [try JWEKey(jwkJSON: privateJWK)], algorithms: [.rsaOAEP256])
/// let decrypted = try decrypter.decrypt(compactJWE)
/// print(String(decoding: decrypted.plaintext, as: UTF8.self))
/// ```
///
/// The token's `alg` and `enc` must be in the allow-lists; its `kid`, when present, selects the keys with that
/// `kid` (never another key); each key must be usable with the `alg` (type, length, JWK `alg`, `use`, `key_ops`).
/// Every failure after that (a wrong key, a tampered header, encrypted key, IV, ciphertext or tag, a bad key
/// wrap integrity check or padding) is the one ``ErrorCode/decryptionFailed``, with the same message; an RSA-OAEP
/// failure continues with a random content key (RFC 7516 §11.5) so that it fails where a bad tag fails.
public struct JWEDecrypter: Sendable {
    /// The recipient's keys.
    public let keys: [JWEKey]
    /// Accepted key management algorithms. Default: all supported ones.
    public var algorithms: Set<JWEAlgorithm>
    /// Accepted content encryption algorithms. Default: all supported ones.
    public var encryptions: Set<JWEContentEncryption>
    /// The largest accepted JWE, in bytes. Default: 256 KiB.
    public var maximumSize: Int
    /// How many keys are tried for one JWE at most. Default: 4.
    public var maximumKeyCandidates: Int
    /// The largest plaintext a compressed (`"zip": "DEF"`) JWE may inflate to, enforced while inflating. Default:
    /// 256 KiB.
    public var maximumPlaintextSize: Int
    /// The largest PBES2 iteration count (`p2c`) accepted: each iteration is work an attacker chooses. Default:
    /// 10,000.
    public var maximumPBES2Iterations: Int

    /// A decrypter with `keys` and the given allow-lists.
    public init(
        keys: [JWEKey], algorithms: Set<JWEAlgorithm> = Set(JWEAlgorithm.allCases),
        encryptions: Set<JWEContentEncryption> = Set(JWEContentEncryption.allCases)
    ) {
        self.keys = keys
        self.algorithms = algorithms
        self.encryptions = encryptions
        maximumSize = 256 * 1024
        maximumKeyCandidates = 4
        maximumPlaintextSize = 256 * 1024
        maximumPBES2Iterations = 10_000
    }

    /// Decrypts `text`.
    /// - Throws: the parse errors of ``CompactJWE/init(parsing:maximumSize:)``, ``ErrorCode/algorithmNotAllowed``,
    ///   ``ErrorCode/noMatchingKey``, ``ErrorCode/decryptionFailed``, and for compressed content
    ///   ``ErrorCode/plaintextTooLarge`` or ``ErrorCode/decompressionFailed``.
    public func decrypt(_ text: some StringProtocol) throws(JOSEError) -> DecryptedJWE {
        try decrypt(try CompactJWE(parsing: text, maximumSize: maximumSize))
    }

    /// Decrypts a parsed JWE.
    public func decrypt(_ jwe: CompactJWE) throws(JOSEError) -> DecryptedJWE {
        guard algorithms.contains(jwe.algorithm), encryptions.contains(jwe.encryption) else {
            throw JOSEError(.algorithmNotAllowed, "The JWE's alg or enc is not allowed")
        }
        let keyID = jwe.keyID
        if jwe.header["kid"] != nil, keyID == nil { throw JOSEError(.invalidHeader, "The JWE kid is not a string") }
        let candidates = keys.filter { key in
            let named = keyID.map { wanted in key.keyID.map { $0.hasSameBytes(as: wanted) } ?? false } ?? true
            return named && (try? key.checkUsable(for: jwe.algorithm, decrypting: true)) != nil
        }
        guard !candidates.isEmpty else { throw JOSEError(.noMatchingKey, "No key can decrypt this JWE") }
        for key in candidates.prefix(max(1, maximumKeyCandidates)) {
            guard let content = try? open(jwe, with: key) else { continue }
            // Inflated only after the tag was checked: the compressed bytes are the sender's.
            let plaintext = jwe.isCompressed ? try Deflate.decompress(content, limit: maximumPlaintextSize) : content
            return DecryptedJWE(header: jwe.header, plaintext: plaintext, keyID: key.keyID)
        }
        throw JOSEError(.decryptionFailed, "The JWE could not be decrypted")
    }

    private func open(_ jwe: CompactJWE, with key: JWEKey) throws(JOSEError) -> [UInt8] {
        let contentKey = try KeyManagement.unwrap(jwe, with: key, maximumPBES2Iterations: maximumPBES2Iterations)
        return try ContentEncryption.open(
            jwe.ciphertext, key: contentKey, iv: jwe.iv, aad: jwe.encodedHeader, tag: jwe.tag,
            encryption: jwe.encryption)
    }
}

/// A decrypted JWE: its protected header and plaintext.
public struct DecryptedJWE: Sendable {
    /// The protected header's members (`cty` says what the plaintext is: `JWT` for a nested token).
    public let header: [String: JSONValue]
    /// The plaintext.
    public let plaintext: [UInt8]
    /// The `kid` of the key that decrypted it.
    public let keyID: String?
}
