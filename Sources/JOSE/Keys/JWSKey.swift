/// A key that signs or verifies JWS signatures: an RSA, EC or Ed25519 key held by OpenSSL, or an HMAC secret.
///
/// A `JWSKey` is made once — from a JWK (`init(jwk:)`), PEM or DER (`init(pem:)`, `init(der:)`), a
/// secret (`init(hmacSecret:keyID:algorithm:)`) or freshly generated (`generate(for:keyID:)`) — and the
/// expensive part, turning key bytes into an OpenSSL key, happens then and only then. Verifying does no key
/// parsing. Keys that are too weak are refused when they are made: RSA moduli under 2048 bits and HMAC
/// secrets shorter than the hash output.
///
/// A key is bound to the algorithms of its type: an HMAC secret verifies only `HS*`, an RSA key only `RS*` and
/// `PS*`, an EC key only the `ES*` of its curve, an Ed25519 key only `EdDSA`/`Ed25519`. When the key carries an
/// `algorithm` (the JWK `alg`), only that algorithm is accepted. Nothing a token says changes this.
public struct JWSKey: Sendable {
    /// What kind of key this is.
    public enum KeyType: Sendable, Hashable {
        /// An RSA key with a modulus of `bits` bits.
        case rsa(bits: Int)
        /// An EC key on a NIST curve.
        case ec(EllipticCurve)
        /// An Ed25519 key (JWK `kty` `OKP`, `crv` `Ed25519`).
        case ed25519
        /// A shared HMAC secret of `byteCount` bytes (JWK `kty` `oct`).
        case oct(byteCount: Int)

        /// The JWK `kty` value.
        public var jwkKeyType: String {
            switch self {
            case .rsa: "RSA"
            case .ec: "EC"
            case .ed25519: "OKP"
            case .oct: "oct"
            }
        }
    }

    /// The key type.
    public let type: KeyType
    /// Whether the key holds private material (always true for HMAC secrets).
    public let isPrivate: Bool
    /// The key ID (JWK `kid`).
    public var keyID: String?
    /// The one algorithm this key may be used with (JWK `alg`), or `nil` for any algorithm of its type.
    public var algorithm: JWSAlgorithm?
    /// The intended use (JWK `use`).
    public var use: KeyUse?
    /// The permitted operations (JWK `key_ops`), or `nil` when unrestricted.
    public var operations: [KeyOperation]?

    let material: Material

    enum Material: Sendable {
        case asymmetric(EVPKey)
        case secret(HMACSecret)
    }

    init(
        type: KeyType, isPrivate: Bool, material: Material, keyID: String?, algorithm: JWSAlgorithm?,
        use: KeyUse? = nil, operations: [KeyOperation]? = nil
    ) throws(JOSEError) {
        self.type = type
        self.isPrivate = isPrivate
        self.material = material
        self.keyID = keyID
        self.algorithm = algorithm
        self.use = use
        self.operations = operations
        if let algorithm { try checkType(for: algorithm) }
    }

    /// Whether the key's type can produce or check signatures of `algorithm`, ignoring `algorithm`, `use` and `key_ops`.
    public func supports(_ algorithm: JWSAlgorithm) -> Bool {
        (try? checkType(for: algorithm)) != nil
    }

    /// Checks that the key may verify (or sign) `algorithm`: key type and curve, minimum HMAC length,
    /// the JWK `alg`, `use` and `key_ops`.
    /// - Throws: ``ErrorCode/keyAlgorithmMismatch``, ``ErrorCode/weakKey`` or ``ErrorCode/keyUsageNotPermitted``.
    public func checkUsable(for algorithm: JWSAlgorithm, operation: KeyOperation) throws(JOSEError) {
        try checkType(for: algorithm)
        if let own = self.algorithm, own != algorithm {
            throw JOSEError(.keyAlgorithmMismatch, "The key is bound to a different algorithm")
        }
        if let use, use != .signature {
            throw JOSEError(.keyUsageNotPermitted, "The key is not meant for signatures")
        }
        if let operations, !operations.contains(operation) {
            throw JOSEError(.keyUsageNotPermitted, "The key's key_ops do not permit this operation")
        }
        if operation == .sign, !isPrivate {
            throw JOSEError(.privateKeyRequired, "Signing needs a private key")
        }
    }

    private func checkType(for algorithm: JWSAlgorithm) throws(JOSEError) {
        switch (algorithm.family, type) {
        case (.hmac, .oct(let count)):
            if let digest = algorithm.digest, count < digest.size {
                throw JOSEError(.weakKey, "The HMAC secret is shorter than the hash output")
            }
        case (.rsaPKCS1, .rsa), (.rsaPSS, .rsa), (.ed25519, .ed25519):
            break
        case (.ecdsa(let wanted), .ec(let curve)) where wanted == curve:
            break
        default:
            throw JOSEError(.keyAlgorithmMismatch, "The key type does not match the algorithm")
        }
    }
}

/// The JWK `use` parameter (RFC 7517 §4.2).
public struct KeyUse: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The parameter's text.
    public let rawValue: String
    /// Creates a use from its text.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// `sig`: signatures.
    public static let signature = KeyUse(rawValue: "sig")
    /// `enc`: encryption. Such keys never verify signatures.
    public static let encryption = KeyUse(rawValue: "enc")
    /// The text form.
    public var description: String { rawValue }
}

/// A JWK `key_ops` value (RFC 7517 §4.3).
public struct KeyOperation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The operation's text.
    public let rawValue: String
    /// Creates an operation from its text.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Compute a signature or MAC.
    public static let sign = KeyOperation(rawValue: "sign")
    /// Verify a signature or MAC.
    public static let verify = KeyOperation(rawValue: "verify")
    /// The text form.
    public var description: String { rawValue }
}

extension JWSKey: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// A description without key material: type, `kid`, `alg` and whether the key is private.
    public var description: String {
        let kind: String
        switch type {
        case .rsa(let bits): kind = "RSA-\(bits)"
        case .ec(let curve): kind = "EC \(curve.rawValue)"
        case .ed25519: kind = "Ed25519"
        case .oct(let count): kind = "HMAC secret (\(count) bytes)"
        }
        return "JWSKey(\(kind)\(isPrivate ? ", private" : "")\(keyID.map { ", kid: \($0)" } ?? "")"
            + "\(algorithm.map { ", alg: \($0.rawValue)" } ?? ""))"
    }

    /// The same as `description`: never key material.
    public var debugDescription: String { description }

    /// A mirror without key material, so `dump` and debuggers cannot print a secret.
    public var customMirror: Mirror {
        Mirror(self, children: ["description": description], displayStyle: .struct)
    }
}
