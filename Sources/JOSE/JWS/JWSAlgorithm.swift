/// A JWS signature algorithm (RFC 7518 §3, RFC 8037, RFC 9864).
///
/// `none` is deliberately not a case: an unsecured token is never verified.
public enum JWSAlgorithm: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    /// HMAC with SHA-256.
    case hs256 = "HS256"
    /// HMAC with SHA-384.
    case hs384 = "HS384"
    /// HMAC with SHA-512.
    case hs512 = "HS512"
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    case rs256 = "RS256"
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    case rs384 = "RS384"
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    case rs512 = "RS512"
    /// RSASSA-PSS with SHA-256, MGF1 with SHA-256, salt length 32.
    case ps256 = "PS256"
    /// RSASSA-PSS with SHA-384, MGF1 with SHA-384, salt length 48.
    case ps384 = "PS384"
    /// RSASSA-PSS with SHA-512, MGF1 with SHA-512, salt length 64.
    case ps512 = "PS512"
    /// ECDSA on P-256 with SHA-256.
    case es256 = "ES256"
    /// ECDSA on P-384 with SHA-384.
    case es384 = "ES384"
    /// ECDSA on P-521 with SHA-512.
    case es512 = "ES512"
    /// EdDSA (RFC 8037); this library supports the Ed25519 curve.
    case eddsa = "EdDSA"
    /// Ed25519 under its fully-specified name (RFC 9864).
    case ed25519 = "Ed25519"

    /// The text form.

    public var description: String { rawValue }

    /// The family of keys that can produce or check this algorithm's signatures.
    public enum Family: Sendable, Hashable {
        /// HMAC with a shared secret.
        case hmac
        /// RSASSA-PKCS1-v1_5.
        case rsaPKCS1
        /// RSASSA-PSS.
        case rsaPSS
        /// ECDSA on one curve.
        case ecdsa(EllipticCurve)
        /// Ed25519.
        case ed25519
    }

    /// The family of this algorithm.
    public var family: Family {
        switch self {
        case .hs256, .hs384, .hs512: .hmac
        case .rs256, .rs384, .rs512: .rsaPKCS1
        case .ps256, .ps384, .ps512: .rsaPSS
        case .es256: .ecdsa(.p256)
        case .es384: .ecdsa(.p384)
        case .es512: .ecdsa(.p521)
        case .eddsa, .ed25519: .ed25519
        }
    }

    /// Whether the algorithm uses a shared secret (HMAC) rather than a key pair.
    public var isSymmetric: Bool { family == .hmac }

    /// All asymmetric algorithms: the safe default allow-list for tokens verified with published keys.
    public static let asymmetric: Set<JWSAlgorithm> = Set(allCases.filter { !$0.isSymmetric })

    /// The digest the algorithm hashes with; `nil` for Ed25519, which hashes internally.
    var digest: Digest? {
        switch self {
        case .hs256, .rs256, .ps256, .es256: .sha256
        case .hs384, .rs384, .ps384, .es384: .sha384
        case .hs512, .rs512, .ps512, .es512: .sha512
        case .eddsa, .ed25519: nil
        }
    }

    /// Parses an `alg` header value.
    /// - Throws: ``ErrorCode/unsecuredToken`` for `none` (in any letter case), else
    ///   ``ErrorCode/unsupportedAlgorithm`` for anything this library does not implement.
    public init(header value: String) throws(JOSEError) {
        if let algorithm = JWSAlgorithm(rawValue: value) {
            self = algorithm
            return
        }
        if value.lowercased() == "none" {
            throw JOSEError(.unsecuredToken, "Unsecured tokens (alg none) are never accepted")
        }
        throw JOSEError(.unsupportedAlgorithm, "The token's algorithm is not supported")
    }
}

/// The NIST curves JWS uses with ECDSA.
public enum EllipticCurve: String, Sendable, Hashable, CaseIterable, Codable {
    /// P-256 (secp256r1), used by ES256.
    case p256 = "P-256"
    /// P-384 (secp384r1), used by ES384.
    case p384 = "P-384"
    /// P-521 (secp521r1), used by ES512.
    case p521 = "P-521"

    /// Length of one coordinate, and of `r` or `s` in a signature, in bytes.
    public var coordinateSize: Int {
        switch self {
        case .p256: 32
        case .p384: 48
        case .p521: 66
        }
    }

    /// The one JWS algorithm for this curve.
    public var algorithm: JWSAlgorithm {
        switch self {
        case .p256: .es256
        case .p384: .es384
        case .p521: .es512
        }
    }

    /// OpenSSL's group name.
    var openSSLGroupName: String {
        switch self {
        case .p256: "prime256v1"
        case .p384: "secp384r1"
        case .p521: "secp521r1"
        }
    }

    init?(openSSLGroupName name: String) {
        switch name {
        case "prime256v1", "P-256", "secp256r1": self = .p256
        case "secp384r1", "P-384": self = .p384
        case "secp521r1", "P-521": self = .p521
        default: return nil
        }
    }
}
