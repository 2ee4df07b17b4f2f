/// A JWE in compact serialization (RFC 7516 §7.1): protected header, encrypted key, initialization vector,
/// ciphertext and authentication tag, five base64url parts separated by `.`.
///
/// Parsing checks only the shape: the header is a JSON object (no duplicate members) with a supported `alg` and
/// `enc`, and every part is strict base64url. Nothing is decrypted; see ``JWEDecrypter``.
public struct CompactJWE: Sendable {
    /// The protected header's members.
    public let header: [String: JSONValue]
    /// The key management algorithm (`alg`).
    public let algorithm: JWEAlgorithm
    /// The content encryption algorithm (`enc`).
    public let encryption: JWEContentEncryption
    /// Whether the plaintext was compressed before encryption (`"zip": "DEF"`).
    public var isCompressed: Bool { header["zip"] != nil }
    /// The encoded protected header: the additional authenticated data (RFC 7516 §5.1 step 14).
    let encodedHeader: [UInt8]
    let encryptedKey: [UInt8]
    let iv: [UInt8]
    let ciphertext: [UInt8]
    let tag: [UInt8]

    /// The key ID (`kid`), if any.
    public var keyID: String? { header["kid"]?.stringValue }

    /// Whether `text` has the shape of a compact JWE (five `.`-separated parts) rather than a JWS (three).
    public static func isCompactJWE(_ text: some StringProtocol) -> Bool {
        CompactSerialization.partCount(text) == 5
    }

    /// Parses a compact JWE of at most `maximumSize` bytes.
    /// - Throws: ``ErrorCode/tokenTooLarge``, ``ErrorCode/malformedToken`` (not five parts),
    ///   ``ErrorCode/invalidBase64URL``, JSON errors, ``ErrorCode/invalidHeader``, ``ErrorCode/unsupportedAlgorithm``
    ///   (an unknown `alg` or `enc`, `RSA1_5`, or a `zip` other than `DEF`), ``ErrorCode/unsupportedCriticalHeader``.
    public init(parsing text: some StringProtocol, maximumSize: Int = 256 * 1024) throws(JOSEError) {
        let bytes = Array(text.utf8)
        guard bytes.count <= maximumSize else { throw JOSEError(.tokenTooLarge, "The JWE is too large") }
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 5 else { throw JOSEError(.malformedToken, "A compact JWE has five parts") }
        let headerJSON = try Base64URL.decode(String(decoding: parts[0], as: UTF8.self))
        guard case .object(let header) = try JSONValue(parsing: headerJSON) else {
            throw JOSEError(.invalidHeader, "The JWE header is not a JSON object")
        }
        guard let name = header["alg"]?.stringValue, let encName = header["enc"]?.stringValue else {
            throw JOSEError(.invalidHeader, "The JWE header needs string alg and enc")
        }
        if name == "RSA1_5" {
            throw JOSEError(
                .unsupportedAlgorithm, "RSA1_5 is refused: its padding oracle (Bleichenbacher) cannot be closed")
        }
        guard let algorithm = JWEAlgorithm(exactly: name), let encryption = JWEContentEncryption(exactly: encName)
        else { throw JOSEError(.unsupportedAlgorithm, "The JWE alg or enc is not supported") }
        if let zip = header["zip"], zip != "DEF" {
            throw JOSEError(.unsupportedAlgorithm, "The only supported JWE compression (zip) is DEF")
        }
        if header["crit"] != nil {
            throw JOSEError(.unsupportedCriticalHeader, "The JWE names critical header parameters")
        }
        self.header = header
        self.algorithm = algorithm
        self.encryption = encryption
        encodedHeader = Array(parts[0])
        encryptedKey = try Base64URL.decode(String(decoding: parts[1], as: UTF8.self))
        iv = try Base64URL.decode(String(decoding: parts[2], as: UTF8.self))
        ciphertext = try Base64URL.decode(String(decoding: parts[3], as: UTF8.self))
        tag = try Base64URL.decode(String(decoding: parts[4], as: UTF8.self))
    }

    init(
        header: [String: JSONValue], algorithm: JWEAlgorithm, encryption: JWEContentEncryption,
        encodedHeader: [UInt8], encryptedKey: [UInt8], iv: [UInt8], ciphertext: [UInt8], tag: [UInt8]
    ) {
        self.header = header
        self.algorithm = algorithm
        self.encryption = encryption
        self.encodedHeader = encodedHeader
        self.encryptedKey = encryptedKey
        self.iv = iv
        self.ciphertext = ciphertext
        self.tag = tag
    }

    /// The compact serialization.
    public var compact: String {
        String(decoding: encodedHeader, as: UTF8.self) + "."
            + [encryptedKey, iv, ciphertext, tag].map { Base64URL.encode($0) }.joined(separator: ".")
    }
}
