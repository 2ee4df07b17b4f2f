/// The outline of a DER key document, read from its first tags without decoding anything.
///
/// Import asks OpenSSL for exactly one structure instead of probing all three in turn: a probe for a private key
/// builds OpenSSL 3's decoder chain, which costs about a millisecond even when the input is not DER at all.
enum DEROutline: Equatable {
    /// `SEQUENCE { SEQUENCE algorithm, BIT STRING key }` (RFC 5280 §4.1.2.7).
    case subjectPublicKeyInfo
    /// `SEQUENCE { INTEGER version, … }`: PKCS#8 (RFC 5208), or the traditional RSA (RFC 8017) and EC (RFC 5915) forms.
    case privateKey
    /// `SEQUENCE { SEQUENCE tbsCertificate, SEQUENCE signatureAlgorithm, BIT STRING }` (RFC 5280 §4.1).
    case certificate

    private static let sequence: UInt8 = 0x30
    private static let integer: UInt8 = 0x02
    private static let bitString: UInt8 = 0x03

    /// Reads the outline; `nil` unless the input is one definite-length `SEQUENCE` spanning every byte.
    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let outer = Self.element(in: bytes, at: 0), outer.tag == Self.sequence, outer.end == bytes.count,
            let first = Self.element(in: bytes, at: outer.contentStart)
        else { return nil }
        switch first.tag {
        case Self.integer:
            self = .privateKey
        case Self.sequence:
            switch Self.element(in: bytes, at: first.end)?.tag {
            case Self.bitString: self = .subjectPublicKeyInfo
            case Self.sequence: self = .certificate
            default: return nil
            }
        default:
            return nil
        }
    }

    /// The tag and extent of the element whose header starts at `offset`, if it fits inside `bytes`.
    private static func element(in bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> (
        tag: UInt8, contentStart: Int, end: Int
    )? {
        guard offset >= 0, offset + 2 <= bytes.count else { return nil }
        let tag = bytes[offset]
        let first = bytes[offset + 1]
        var length = 0
        var contentStart = offset + 2
        if first < 0x80 {
            length = Int(first)
        } else {
            // Long form: 1 to 4 length octets (0x80, indefinite length, is not DER).
            let count = Int(first & 0x7F)
            guard (1...4).contains(count), contentStart + count <= bytes.count else { return nil }
            for index in contentStart..<(contentStart + count) { length = length << 8 | Int(bytes[index]) }
            contentStart += count
        }
        guard length <= bytes.count - contentStart else { return nil }
        return (tag, contentStart, contentStart + length)
    }
}
