#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A JWS in compact serialization (RFC 7515 §7.1): `BASE64URL(header).BASE64URL(payload).BASE64URL(signature)`.
///
/// Parsing checks the size limit before anything else, then the three-part structure, strict base64url in every
/// part, and the header (see ``JWSHeader``). It does not check the signature: see ``JWSKey/verify(signature:for:algorithm:)``
/// and ``JWTVerifier``.
public struct CompactJWS: Sendable {
    /// The default limit on a token's length: 16 KiB.
    public static let defaultMaximumSize = 16 * 1024

    /// The checked protected header.
    public let header: JWSHeader
    /// The decoded payload bytes.
    public let payload: [UInt8]
    /// The decoded signature bytes (raw `r || s` for ECDSA).
    public let signature: [UInt8]
    /// The ASCII bytes the signature covers: `BASE64URL(header) '.' BASE64URL(payload)`.
    public let signingInput: [UInt8]

    /// Parses a compact JWS.
    /// - Parameters:
    ///   - token: the compact serialization.
    ///   - maximumSize: the largest accepted length in bytes, checked before any decoding.
    /// - Throws: ``ErrorCode/tokenTooLarge``, ``ErrorCode/malformedToken``,
    ///   ``ErrorCode/invalidBase64URL``, JSON errors, or the header errors of ``JWSHeader/init(fields:)``.
    public init(parsing token: some StringProtocol, maximumSize: Int = defaultMaximumSize) throws(JOSEError) {
        try self.init(parsing: token, maximumSize: maximumSize, recentHeaders: nil)
    }

    /// `init(parsing:maximumSize:)`, taking the header from `recentHeaders` when its segment was parsed before.
    init(parsing token: some StringProtocol, maximumSize: Int, recentHeaders: RecentHeaders?) throws(JOSEError) {
        guard token.utf8.count <= maximumSize else { throw JOSEError(.tokenTooLarge, "The token is too large") }
        try self.init(bytes: Array(token.utf8), recentHeaders: recentHeaders)
    }

    /// The parts as given, already checked.
    init(header: JWSHeader, payload: [UInt8], signature: [UInt8], signingInput: [UInt8]) {
        self.header = header
        self.payload = payload
        self.signature = signature
        self.signingInput = signingInput
    }

    private init(bytes: consuming [UInt8], recentHeaders: RecentHeaders?) throws(JOSEError) {
        guard let (firstDot, secondDot) = bytes.withUnsafeBufferPointer(Self.separators) else {
            throw JOSEError(.malformedToken, "A compact JWS has exactly three parts")
        }
        // The header is decoded and checked first, so a header the library refuses (b64 false, crit, alg none) is
        // reported as such even when the other parts would not decode.
        let decoded = try bytes.withUnsafeBufferPointer { buffer throws(JOSEError) -> (JWSHeader, [UInt8], [UInt8]) in
            let encodedHeader = UnsafeBufferPointer(rebasing: buffer[0..<firstDot])
            let header: JWSHeader
            if let recentHeaders {
                header = try recentHeaders.header(encoded: encodedHeader, parse: Self.header)
            } else {
                header = try Self.header(encoded: encodedHeader)
            }
            return (
                header,
                try Base64URL.decode(bytes: UnsafeBufferPointer(rebasing: buffer[(firstDot + 1)..<secondDot])),
                try Base64URL.decode(bytes: UnsafeBufferPointer(rebasing: buffer[(secondDot + 1)...]))
            )
        }
        (header, payload, signature) = decoded
        // The token's own buffer becomes the signing input: truncating a uniquely held array does not copy it.
        bytes.removeSubrange(secondDot...)
        signingInput = bytes
    }

    /// The positions of the two dots of a compact serialization, or `nil` unless it has exactly two.
    private static func separators(in token: UnsafeBufferPointer<UInt8>) -> (Int, Int)? {
        guard let base = token.baseAddress else { return nil }
        func dot(from start: Int) -> Int? {
            // memchr scans a word at a time; `start` is at most `token.count`, so the pointer stays in bounds.
            memchr(base + start, Int32(UInt8(ascii: ".")), token.count - start).map {
                UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base
            }
        }
        guard let first = dot(from: 0), let second = dot(from: first + 1), dot(from: second + 1) == nil else {
            return nil
        }
        return (first, second)
    }

    /// The checked protected header of a header segment.
    private static func header(encoded: UnsafeBufferPointer<UInt8>) throws(JOSEError) -> JWSHeader {
        try JWSHeader(fields: headerFields(encoded: encoded))
    }

    /// The members of the encoded protected header, decoded into a temporary buffer (the header bytes are not
    /// kept: only the parsed members are).
    private static func headerFields(encoded: UnsafeBufferPointer<UInt8>) throws(JOSEError) -> [String: JSONValue] {
        guard let count = Base64URL.decodedCount(encoded.count) else {
            throw JOSEError(.invalidBase64URL, "Invalid base64url encoding")
        }
        let fields = try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) {
            decoded throws(JOSEError) -> [String: JSONValue]? in
            guard Base64URL.decode(bytes: encoded, into: decoded) else {
                throw JOSEError(.invalidBase64URL, "Invalid base64url encoding")
            }
            return try JSONValue(parsing: UnsafeBufferPointer(decoded)).objectValue
        }
        guard let fields else { throw JOSEError(.invalidHeader, "The header is not a JSON object") }
        return fields
    }

    /// Checks the signature with the first of `keys` (at most `maximumCandidates` of them) that verifies it, and
    /// returns that key.
    ///
    /// - Throws: ``ErrorCode/noMatchingKey`` when `keys` is empty; otherwise, when no key verifies, the
    ///   ``ErrorCode/invalidSignature`` of a key that tried, or else the first key's reason for refusing
    ///   (wrong type, `alg`, `use`, signature length).
    public func verify(using keys: [JWSKey], maximumCandidates: Int = 4) throws(JOSEError) -> JWSKey {
        var firstError: JOSEError? = nil
        for key in keys.prefix(max(1, maximumCandidates)) {
            do {
                try key.verify(signature: signature, for: signingInput, algorithm: header.algorithm)
                return key
            } catch {
                if firstError == nil || error.code == .invalidSignature { firstError = error }
            }
        }
        throw firstError ?? JOSEError(.noMatchingKey, "No key matches the token")
    }

    /// Signs `payload` and returns the compact serialization.
    ///
    /// The header gets `alg` (and `kid` from the key when the header has none); `extraHeader` adds members such as
    /// `typ`. Members are written in sorted order, so the same inputs give the same token for deterministic
    /// algorithms.
    /// - Throws: the key errors of ``JWSKey/sign(_:algorithm:)``.
    public static func sign(
        payload: [UInt8], algorithm: JWSAlgorithm, key: JWSKey, extraHeader: [String: JSONValue] = [:]
    ) throws(JOSEError) -> String {
        var header = extraHeader
        header["alg"] = .string(algorithm.rawValue)
        if header["kid"] == nil, let keyID = key.keyID { header["kid"] = .string(keyID) }
        return try sign(
            encodedHeader: Base64URL.encode(JSONValue.object(header).serialized()), payload: payload,
            algorithm: algorithm, key: key)
    }

    /// Signs `payload` under an already-encoded protected header, byte for byte as given (used to reproduce
    /// published examples). The header must name `algorithm`.
    public static func sign(encodedHeader: String, payload: [UInt8], algorithm: JWSAlgorithm, key: JWSKey)
        throws(JOSEError)
        -> String
    {
        let headerFields = try JSONValue(parsing: try Base64URL.decode(encodedHeader)).objectValue
        guard let headerFields, try JWSHeader(fields: headerFields).algorithm == algorithm else {
            throw JOSEError(.invalidHeader, "The header does not name the signing algorithm")
        }
        let signingInput = encodedHeader + "." + Base64URL.encode(payload)
        let signature = try key.sign(Array(signingInput.utf8), algorithm: algorithm)
        return signingInput + "." + Base64URL.encode(signature)
    }
}
