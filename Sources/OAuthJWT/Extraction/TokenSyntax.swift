/// The character rules of RFC 6750 and RFC 7235 that token extraction and challenges rely on.
enum TokenSyntax {
    /// Whether `text` is an RFC 6750 `b64token`: `1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="`.
    static func isB64Token(_ text: Substring.UTF8View) -> Bool {
        // Native strings are contiguous: scan the buffer (a whole token per request) rather than step an iterator.
        if let result = text.withContiguousStorageIfAvailable(isB64Token(bytes:)) { return result }
        return ContiguousArray(text).withUnsafeBufferPointer(isB64Token(bytes:))
    }

    /// Whether each byte value is a `b64token` character, made once from the rule below.
    private static let b64TokenCharacters: [Bool] = (0...255).map { isB64TokenCharacter(UInt8($0)) }

    /// ``isB64Token(_:)`` over bytes.
    static func isB64Token(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        b64TokenCharacters.withUnsafeBufferPointer { table in
            var index = 0
            while index < bytes.count, table[Int(bytes[index])] { index += 1 }
            guard index > 0 else { return false }
            while index < bytes.count, bytes[index] == UInt8(ascii: "=") { index += 1 }
            return index == bytes.count
        }
    }

    private static func isB64TokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "+"),
            UInt8(ascii: "/"):
            true
        default:
            false
        }
    }

    /// Whether `byte` may appear in an RFC 6750 `scope-token`: `%x21 / %x23-5B / %x5D-7E`.
    static func isScopeTokenCharacter(_ byte: UInt8) -> Bool {
        byte == 0x21 || (0x23...0x5B).contains(byte) || (0x5D...0x7E).contains(byte)
    }

    /// Whether `byte` may appear in a realm: visible ASCII and space (`%x20-7E`). A quote or backslash is allowed
    /// and escaped when the challenge is written.
    static func isRealmCharacter(_ byte: UInt8) -> Bool {
        (0x20...0x7E).contains(byte)
    }

    /// Whether `byte` may appear in an `error_description`: `%x20-21 / %x23-5B / %x5D-7E` (RFC 6750 §3).
    static func isDescriptionCharacter(_ byte: UInt8) -> Bool {
        (0x20...0x21).contains(byte) || (0x23...0x5B).contains(byte) || (0x5D...0x7E).contains(byte)
    }

    /// `text` as the content of an RFC 9110 `quoted-string`: every `"` and `\` preceded by a backslash.
    static func quotedStringContent(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            if character == "\"" || character == "\\" { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
