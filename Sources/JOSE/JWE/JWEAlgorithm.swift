/// A JWE key management algorithm (RFC 7518 §4): how the content encryption key reaches the recipient.
///
/// `RSA1_5` (RSAES-PKCS1-v1_5) is deliberately not a case: its padding oracle (Bleichenbacher) cannot be closed
/// reliably, so a token naming it is refused with ``ErrorCode/unsupportedAlgorithm``.
public enum JWEAlgorithm: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// RSAES-OAEP with SHA-1 and MGF1 with SHA-1.
    case rsaOAEP = "RSA-OAEP"
    /// RSAES-OAEP with SHA-256 and MGF1 with SHA-256.
    case rsaOAEP256 = "RSA-OAEP-256"
    /// RSAES-OAEP with SHA-384 and MGF1 with SHA-384.
    case rsaOAEP384 = "RSA-OAEP-384"
    /// RSAES-OAEP with SHA-512 and MGF1 with SHA-512.
    case rsaOAEP512 = "RSA-OAEP-512"
    /// AES Key Wrap (RFC 3394) with a 128-bit key.
    case a128KW = "A128KW"
    /// AES Key Wrap with a 192-bit key.
    case a192KW = "A192KW"
    /// AES Key Wrap with a 256-bit key.
    case a256KW = "A256KW"
    /// AES-GCM key wrapping with a 128-bit key (`iv` and `tag` in the header).
    case a128GCMKW = "A128GCMKW"
    /// AES-GCM key wrapping with a 192-bit key.
    case a192GCMKW = "A192GCMKW"
    /// AES-GCM key wrapping with a 256-bit key.
    case a256GCMKW = "A256GCMKW"
    /// The shared symmetric key is the content encryption key itself.
    case direct = "dir"
    /// Elliptic-curve Diffie-Hellman with an ephemeral key (`epk`), the agreed key being the content key.
    case ecdhES = "ECDH-ES"
    /// ECDH-ES, the agreed key wrapping the content key with AES Key Wrap (128-bit).
    case ecdhESA128KW = "ECDH-ES+A128KW"
    /// ECDH-ES with AES Key Wrap (192-bit).
    case ecdhESA192KW = "ECDH-ES+A192KW"
    /// ECDH-ES with AES Key Wrap (256-bit).
    case ecdhESA256KW = "ECDH-ES+A256KW"
    /// PBES2 (PBKDF2 with HMAC-SHA-256, salt `p2s`, count `p2c`) deriving a 128-bit AES Key Wrap key from a password.
    case pbes2HS256A128KW = "PBES2-HS256+A128KW"
    /// PBES2 with HMAC-SHA-384 and AES Key Wrap (192-bit).
    case pbes2HS384A192KW = "PBES2-HS384+A192KW"
    /// PBES2 with HMAC-SHA-512 and AES Key Wrap (256-bit).
    case pbes2HS512A256KW = "PBES2-HS512+A256KW"

    /// The text form.
    public var description: String { rawValue }

    /// The algorithm whose name has exactly the bytes of `name` (never a Unicode-equivalent spelling, such as a
    /// KELVIN SIGN for `K`), or `nil`.
    public init?(exactly name: some StringProtocol) {
        guard let match = Self.allCases.first(where: { $0.rawValue.hasSameBytes(as: name) }) else { return nil }
        self = match
    }

    /// The AES key size in bytes of the AES-based algorithms.
    var aesKeySize: Int? {
        switch self {
        case .a128KW, .a128GCMKW: 16
        case .a192KW, .a192GCMKW: 24
        case .a256KW, .a256GCMKW: 32
        default: nil
        }
    }

    /// The PRF hash and AES key wrap size of the PBES2 algorithms.
    var pbes2: (digest: Digest, wrapSize: Int)? {
        switch self {
        case .pbes2HS256A128KW: (.sha256, 16)
        case .pbes2HS384A192KW: (.sha384, 24)
        case .pbes2HS512A256KW: (.sha512, 32)
        default: nil
        }
    }

    /// Whether this is one of the ECDH-ES algorithms.
    var isKeyAgreement: Bool { self == .ecdhES || keyAgreementWrapSize != nil }

    /// The AES key wrap size in bytes of the `ECDH-ES+A*KW` algorithms.
    var keyAgreementWrapSize: Int? {
        switch self {
        case .ecdhESA128KW: 16
        case .ecdhESA192KW: 24
        case .ecdhESA256KW: 32
        default: nil
        }
    }

    /// The OAEP hash of the RSA algorithms.
    var oaepDigest: OAEPDigest? {
        switch self {
        case .rsaOAEP: .sha1
        case .rsaOAEP256: .sha256
        case .rsaOAEP384: .sha384
        case .rsaOAEP512: .sha512
        default: nil
        }
    }

    /// The hash functions RSA-OAEP is used with in JWE.
    enum OAEPDigest: String {
        case sha1 = "SHA1"
        case sha256 = "SHA256"
        case sha384 = "SHA384"
        case sha512 = "SHA512"
    }
}

/// A JWE content encryption algorithm (RFC 7518 §5): how the plaintext is encrypted and authenticated.
public enum JWEContentEncryption: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// AES-GCM with a 128-bit key.
    case a128GCM = "A128GCM"
    /// AES-GCM with a 192-bit key.
    case a192GCM = "A192GCM"
    /// AES-GCM with a 256-bit key.
    case a256GCM = "A256GCM"
    /// AES-128-CBC with HMAC-SHA-256 truncated to 128 bits (a 256-bit key).
    case a128CBCHS256 = "A128CBC-HS256"
    /// AES-192-CBC with HMAC-SHA-384 truncated to 192 bits (a 384-bit key).
    case a192CBCHS384 = "A192CBC-HS384"
    /// AES-256-CBC with HMAC-SHA-512 truncated to 256 bits (a 512-bit key).
    case a256CBCHS512 = "A256CBC-HS512"

    /// The text form.
    public var description: String { rawValue }

    /// The algorithm whose name has exactly the bytes of `name`, or `nil`.
    public init?(exactly name: some StringProtocol) {
        guard let match = Self.allCases.first(where: { $0.rawValue.hasSameBytes(as: name) }) else { return nil }
        self = match
    }

    /// The content encryption key size in bytes.
    public var keySize: Int {
        switch self {
        case .a128GCM: 16
        case .a192GCM: 24
        case .a256GCM, .a128CBCHS256: 32
        case .a192CBCHS384: 48
        case .a256CBCHS512: 64
        }
    }

    /// The initialization vector size in bytes: 96 bits for GCM, one AES block for CBC.
    var ivSize: Int { isGCM ? 12 : 16 }

    /// The authentication tag size in bytes.
    var tagSize: Int {
        switch self {
        case .a128GCM, .a192GCM, .a256GCM, .a128CBCHS256: 16
        case .a192CBCHS384: 24
        case .a256CBCHS512: 32
        }
    }

    var isGCM: Bool { self == .a128GCM || self == .a192GCM || self == .a256GCM }

    /// The HMAC hash of the CBC-HMAC algorithms.
    var macDigest: Digest? {
        switch self {
        case .a128CBCHS256: .sha256
        case .a192CBCHS384: .sha384
        case .a256CBCHS512: .sha512
        default: nil
        }
    }
}
