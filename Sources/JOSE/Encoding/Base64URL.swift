/// Strict, unpadded base64url (RFC 4648 §5) as JWS requires (RFC 7515 §2).
///
/// Decoding rejects padding, whitespace, characters outside the alphabet, impossible lengths
/// and non-canonical encodings (unused trailing bits that are not zero), so every byte string
/// has exactly one accepted encoding.
public enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// 0xFF marks a byte outside the alphabet.
    private static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, character) in alphabet.enumerated() { table[Int(character)] = UInt8(index) }
        return table
    }()

    /// Encodes bytes without padding.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        String(decoding: encodeToBytes(bytes), as: UTF8.self)
    }

    /// Encodes bytes without padding, returning the ASCII bytes of the encoding.
    public static func encodeToBytes(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        let input = Array(bytes)
        var output = [UInt8]()
        output.reserveCapacity((input.count * 4 + 2) / 3)
        var index = 0
        while index + 3 <= input.count {
            let chunk = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8 | UInt32(input[index + 2])
            output.append(alphabet[Int(chunk >> 18 & 63)])
            output.append(alphabet[Int(chunk >> 12 & 63)])
            output.append(alphabet[Int(chunk >> 6 & 63)])
            output.append(alphabet[Int(chunk & 63)])
            index += 3
        }
        switch input.count - index {
        case 1:
            let chunk = UInt32(input[index]) << 16
            output.append(alphabet[Int(chunk >> 18 & 63)])
            output.append(alphabet[Int(chunk >> 12 & 63)])
        case 2:
            let chunk = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8
            output.append(alphabet[Int(chunk >> 18 & 63)])
            output.append(alphabet[Int(chunk >> 12 & 63)])
            output.append(alphabet[Int(chunk >> 6 & 63)])
        default:
            break
        }
        return output
    }

    /// Decodes strict base64url text.
    /// - Throws: ``ErrorCode/invalidBase64URL`` for anything but the one canonical encoding.
    public static func decode(_ text: some StringProtocol) throws(JOSEError) -> [UInt8] {
        try Array(text.utf8).withUnsafeBufferPointer { buffer throws(JOSEError) in try decode(bytes: buffer) }
    }

    /// Decodes strict base64url given as ASCII bytes.
    /// - Throws: ``ErrorCode/invalidBase64URL`` for anything but the one canonical encoding.
    public static func decode(bytes input: UnsafeBufferPointer<UInt8>) throws(JOSEError) -> [UInt8] {
        guard let outputCount = decodedCount(input.count) else { throw invalid }
        // `Array(repeating:count:)` is specialized for bytes; the uninitialized-capacity initializer looks up
        // generic metadata at run time on every call, which costs more than zeroing a token-sized buffer.
        var output = [UInt8](repeating: 0, count: outputCount)
        let valid = output.withUnsafeMutableBufferPointer { decode(bytes: input, into: $0) }
        guard valid else { throw invalid }
        return output
    }

    /// The number of bytes `count` base64url characters decode to, or `nil` when no encoding has that length.
    static func decodedCount(_ count: Int) -> Int? {
        let remainder = count % 4
        guard remainder != 1 else { return nil }
        return count / 4 * 3 + (remainder == 0 ? 0 : remainder - 1)
    }

    /// Decodes `input` into `output`, which holds exactly `decodedCount(_:)` bytes; `false` when `input` is not
    /// strict base64url (a character outside the alphabet, or non-zero unused bits in the last character).
    static func decode(bytes input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>) -> Bool
    {
        let remainder = input.count % 4
        guard remainder != 1, output.count == decodedCount(input.count) else { return false }
        return decodeTable.withUnsafeBufferPointer { table in
            // Each sextet is 0...63; an invalid character maps to 0xFF, so OR-ing the looked-up values and
            // testing the top bits once per quantum detects any invalid character.
            var bad: UInt8 = 0
            var inIndex = 0
            var outIndex = 0
            let fullEnd = input.count - remainder
            while inIndex < fullEnd {
                let a = table[Int(input[inIndex])]
                let b = table[Int(input[inIndex + 1])]
                let c = table[Int(input[inIndex + 2])]
                let d = table[Int(input[inIndex + 3])]
                bad |= a | b | c | d
                output[outIndex] = a << 2 | b >> 4
                output[outIndex + 1] = b << 4 | c >> 2
                output[outIndex + 2] = c << 6 | d
                inIndex += 4
                outIndex += 3
            }
            if remainder == 2 {
                let a = table[Int(input[inIndex])]
                let b = table[Int(input[inIndex + 1])]
                bad |= a | b | (b & 0x0F == 0 ? 0 : 0xFF)
                output[outIndex] = a << 2 | b >> 4
            } else if remainder == 3 {
                let a = table[Int(input[inIndex])]
                let b = table[Int(input[inIndex + 1])]
                let c = table[Int(input[inIndex + 2])]
                bad |= a | b | c | (c & 0x03 == 0 ? 0 : 0xFF)
                output[outIndex] = a << 2 | b >> 4
                output[outIndex + 1] = b << 4 | c >> 2
            }
            return bad & 0xC0 == 0
        }
    }

    private static var invalid: JOSEError { JOSEError(.invalidBase64URL, "Invalid base64url encoding") }
}
