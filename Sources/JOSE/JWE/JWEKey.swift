import CJWTOpenSSL

/// A key that encrypts or decrypts JWEs: an RSA key (for `RSA-OAEP*`), an EC key on P-256, P-384 or P-521 or an
/// X25519 key (for `ECDH-ES*`), or a symmetric key (for `A*KW`, `A*GCMKW` and `dir`).
///
/// As for signatures, a key is bound to the algorithms of its type, and nothing a token says changes that: an RSA
/// key only unwraps with `RSA-OAEP*` (2048 bits at least), an EC or X25519 key only agrees keys with `ECDH-ES*` (and
/// only with an ephemeral key on its own curve), a symmetric key only with the `A*KW` or `A*GCMKW` of
/// exactly its length, or as the content key itself (`dir`) for the content encryption of exactly its length; a
/// password is used with `PBES2-*` only when its `alg` names that algorithm. When
/// the JWK has an `alg`, only that algorithm is accepted; `use` must be `enc` when present, and `key_ops` must
/// allow the operation (`unwrapKey`/`wrapKey`, or `decrypt`/`encrypt` for `dir`).
public struct JWEKey: Sendable {
    /// What kind of key this is.
    public enum KeyType: Sendable, Hashable {
        /// An RSA key with a modulus of `bits` bits.
        case rsa(bits: Int)
        /// An EC key on a NIST curve.
        case ec(EllipticCurve)
        /// An X25519 key (JWK `kty` `OKP`, `crv` `X25519`).
        case x25519
        /// A symmetric key of `byteCount` bytes (JWK `kty` `oct`).
        case oct(byteCount: Int)
    }

    /// The key type.
    public let type: KeyType
    /// Whether the key can decrypt (always true for symmetric keys).
    public let isPrivate: Bool
    /// The key ID (JWK `kid`).
    public var keyID: String?
    /// The one key management algorithm this key may be used with (JWK `alg`), or `nil` for any of its type.
    public var algorithm: JWEAlgorithm?
    /// For a `dir` key whose JWK `alg` names a content encryption (as RFC 7520 §5.6 does): the one content
    /// encryption it may be used with.
    public let contentEncryption: JWEContentEncryption?
    /// The intended use (JWK `use`); `enc` or absent.
    public var use: KeyUse?
    /// The permitted operations (JWK `key_ops`), or `nil` when unrestricted.
    public var operations: [KeyOperation]?

    enum Material: Sendable {
        case asymmetric(EVPKey)
        case secret([UInt8])
    }

    let material: Material

    /// Makes a key from a JWK: `RSA` (`n`, `e`; private `d` and the CRT members), `EC` (`crv`, `x`, `y`, private `d`;
    /// the point is checked to be on the curve), `OKP` X25519 (`x`, private `d`) or `oct` (`k`, 16 bytes or more).
    /// - Throws: ``ErrorCode/invalidKey`` for malformed members, ``ErrorCode/unsupportedKey`` for other key types
    ///   or an `alg` that is not a supported JWE algorithm, ``ErrorCode/weakKey`` for RSA under 2048 bits or a
    ///   secret under 128 bits, ``ErrorCode/keyUsageNotPermitted`` for a `use` other than `enc`.
    public init(jwk: JSONValue) throws(JOSEError) {
        guard let members = jwk.objectValue else { throw JOSEError(.invalidKey, "A JWK must be a JSON object") }
        let reader = JWKMembers(members)
        keyID = try reader.optionalString("kid")
        if let name = try reader.optionalString("alg") {
            if let parsed = JWEAlgorithm(exactly: name) {
                algorithm = parsed
                contentEncryption = nil
            } else if let encryption = JWEContentEncryption(exactly: name) {
                algorithm = .direct
                contentEncryption = encryption
            } else {
                throw JOSEError(.unsupportedKey, "The key's alg is not a supported JWE algorithm")
            }
        } else {
            algorithm = nil
            contentEncryption = nil
        }
        use = try reader.optionalString("use").map(KeyUse.init(rawValue:))
        operations = try reader.optionalOperations()
        if let use, use != .encryption {
            throw JOSEError(.keyUsageNotPermitted, "The key's use is not encryption")
        }
        switch try reader.string("kty") {
        case "RSA":
            isPrivate = members["d"] != nil
            let key = try reader.rsaKey(isPrivate: isPrivate)
            _ = try JWSKey.rsaType(of: key)  // the size, modulus and exponent rules of signature keys
            type = .rsa(bits: key.bits)
            material = .asymmetric(key)
        case "EC":
            isPrivate = members["d"] != nil
            let (key, curve) = try reader.ecKey(isPrivate: isPrivate)
            type = .ec(curve)
            material = .asymmetric(key)
        case "OKP":
            guard try reader.string("crv") == "X25519" else {
                throw JOSEError(.unsupportedKey, "Only the X25519 OKP curve is supported for JWE")
            }
            isPrivate = members["d"] != nil
            let publicBytes = try reader.bytes("x", count: 32)
            let key = try KeyFactory.rawKey(
                "X25519", raw: isPrivate ? try reader.bytes("d", count: 32) : publicBytes, isPrivate: isPrivate)
            guard key.rawPublicKey == publicBytes else {
                throw JOSEError(.invalidKey, "The X25519 private key does not match its public key")
            }
            type = .x25519
            material = .asymmetric(key)
        case "oct":
            let secret = try reader.bytes("k")
            guard secret.count >= 16 else { throw JOSEError(.weakKey, "The secret is shorter than 128 bits") }
            isPrivate = true
            type = .oct(byteCount: secret.count)
            material = .secret(secret)
        default:
            throw JOSEError(.unsupportedKey, "Unsupported key type for JWE")
        }
        if let algorithm, !supports(algorithm) {
            throw JOSEError(.keyAlgorithmMismatch, "The key cannot be used with its own alg")
        }
        if let contentEncryption, type != .oct(byteCount: contentEncryption.keySize) {
            throw JOSEError(.keyAlgorithmMismatch, "The key has the wrong length for its content encryption")
        }
    }

    /// Makes a key from the JSON text of a JWK. See `init(jwk:)`.
    public init(jwkJSON: String) throws(JOSEError) {
        try self.init(jwk: try JSONValue(parsing: Array(jwkJSON.utf8)))
    }

    /// Makes a symmetric key (for `A*KW`, `A*GCMKW` or `dir`).
    /// - Throws: ``ErrorCode/weakKey`` for a secret under 128 bits, ``ErrorCode/keyAlgorithmMismatch`` when
    ///   `algorithm` needs another length.
    public init(secret: [UInt8], keyID: String? = nil, algorithm: JWEAlgorithm? = nil) throws(JOSEError) {
        guard secret.count >= 16 else { throw JOSEError(.weakKey, "The secret is shorter than 128 bits") }
        type = .oct(byteCount: secret.count)
        isPrivate = true
        material = .secret(secret)
        self.keyID = keyID
        self.algorithm = algorithm
        contentEncryption = nil
        use = nil
        operations = nil
        if let algorithm, !supports(algorithm) {
            throw JOSEError(.keyAlgorithmMismatch, "The secret has the wrong length for the algorithm")
        }
    }

    /// The public JWK members of an EC or X25519 key (for `epk`).
    func agreementPublicJWK() throws(JOSEError) -> [String: JSONValue] {
        guard case .asymmetric(let key) = material else { throw JOSEError(.unsupportedKey, "Not an agreement key") }
        switch type {
        case .ec(let curve):
            guard let x = key.bigNumberParameter("qx", length: curve.coordinateSize),
                let y = key.bigNumberParameter("qy", length: curve.coordinateSize)
            else { throw OpenSSLFailure.error("Could not read the key's public point") }
            return [
                "kty": "EC", "crv": .string(curve.rawValue), "x": .string(Base64URL.encode(x)),
                "y": .string(Base64URL.encode(y)),
            ]
        case .x25519:
            guard let x = key.rawPublicKey else { throw OpenSSLFailure.error("Could not read the key's public key") }
            return ["kty": "OKP", "crv": "X25519", "x": .string(Base64URL.encode(x))]
        default:
            throw JOSEError(.unsupportedKey, "Not an agreement key")
        }
    }

    /// A new private key of the same type (EC curve or X25519), for an ephemeral `epk`.
    func ephemeralKey() throws(JOSEError) -> JWEKey {
        let key: EVPKey
        switch type {
        case .ec(let curve):
            key = try KeyFactory.generate(keyType: "EC") {
                EVP_PKEY_CTX_set_group_name($0, curve.openSSLGroupName) == 1
            }
        case .x25519:
            key = try KeyFactory.generate(keyType: "X25519") { _ in true }
        default:
            throw JOSEError(.unsupportedKey, "Not an agreement key")
        }
        return JWEKey(type: type, material: .asymmetric(key))
    }

    /// A private agreement key made here (an ephemeral key).
    private init(type: KeyType, material: Material) {
        self.type = type
        self.material = material
        isPrivate = true
        keyID = nil
        algorithm = nil
        contentEncryption = nil
        use = nil
        operations = nil
    }

    /// Whether the key's type can be used with `algorithm` (ignoring `alg`, `use` and `key_ops`); for `dir` the
    /// content encryption's length is checked when it is known.
    public func supports(_ algorithm: JWEAlgorithm) -> Bool {
        switch (type, algorithm) {
        case (.rsa, _): algorithm.oaepDigest != nil
        case (.ec, _), (.x25519, _): algorithm.isKeyAgreement
        case (.oct, .direct): true
        case (.oct, _) where algorithm.pbes2 != nil: true
        case (.oct(let count), _): algorithm.aesKeySize == count
        }
    }

    /// Checks that the key may be used with `algorithm` for `operation` (`unwrapKey`/`decrypt` or
    /// `wrapKey`/`encrypt`).
    /// - Throws: ``ErrorCode/keyAlgorithmMismatch``, ``ErrorCode/privateKeyRequired`` or
    ///   ``ErrorCode/keyUsageNotPermitted``.
    func checkUsable(for algorithm: JWEAlgorithm, decrypting: Bool) throws(JOSEError) {
        guard supports(algorithm), self.algorithm == nil || self.algorithm == algorithm else {
            throw JOSEError(.keyAlgorithmMismatch, "The key cannot be used with this algorithm")
        }
        // A password is no random key, and PBKDF2 runs as many iterations as the token asks (up to the cap): only a
        // key bound to its PBES2 algorithm is ever used for PBES2.
        if algorithm.pbes2 != nil, self.algorithm != algorithm {
            throw JOSEError(.keyAlgorithmMismatch, "PBES2 needs a key bound to its algorithm")
        }
        if decrypting, !isPrivate { throw JOSEError(.privateKeyRequired, "Decryption needs the private key") }
        if let operations {
            let needed: KeyOperation =
                switch algorithm {
                case .direct: decrypting ? .decrypt : .encrypt
                case _ where algorithm.isKeyAgreement: .deriveKey
                default: decrypting ? .unwrapKey : .wrapKey
                }
            guard operations.contains(needed) else {
                throw JOSEError(.keyUsageNotPermitted, "The key's key_ops do not allow this operation")
            }
        }
    }
}

extension KeyOperation {
    /// `encrypt`: encrypt content.
    public static let encrypt = KeyOperation(rawValue: "encrypt")
    /// `decrypt`: decrypt content and validate decryption.
    public static let decrypt = KeyOperation(rawValue: "decrypt")
    /// `wrapKey`: encrypt a key.
    public static let wrapKey = KeyOperation(rawValue: "wrapKey")
    /// `unwrapKey`: decrypt a key and validate decryption.
    public static let unwrapKey = KeyOperation(rawValue: "unwrapKey")
    /// `deriveKey`: derive a key (ECDH-ES).
    public static let deriveKey = KeyOperation(rawValue: "deriveKey")
}
