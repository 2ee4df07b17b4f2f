/// The character rules of RFC 6750 and RFC 7235 that token extraction and challenges rely on.
enum TokenSyntax {
    /// Whether `text` is an RFC 6750 `b64token`: `1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="`.
    static func isB64Token(_ text: Substring.UTF8View) -> Bool {
        // Native strings are contiguous: scan the buffer (a whole token per request) rather than step an iterator.
        if let result = text.withContiguousStorageIfAvailable(isB64Token(bytes:)) { return result }
        return ContiguousArray(text).withUnsafeBufferPointer(isB64Token(bytes:))
    }

    /// `isB64Token(_:)` for a whole string.
    static func isB64Token(_ text: String) -> Bool { isB64Token(Substring(text).utf8) }

    /// Whether each byte value is a `b64token` character, made once from the rule below.
    private static let b64TokenCharacters: [Bool] = (0...255).map { isB64TokenCharacter(UInt8($0)) }

    /// `isB64Token(_:)` over bytes.
    ///
    /// A whole token is checked on every request, so the bytes are taken 8 at a time while every one is a token
    /// character (`allB64TokenCharacters(_:)`); the word that is not, and the tail, go through the table.
    static func isB64Token(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while bytes.count - index >= 8,
                allB64TokenCharacters(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            {
                index += 8
            }
        }
        return b64TokenCharacters.withUnsafeBufferPointer { table in
            while index < bytes.count, table[Int(bytes[index])] { index += 1 }
            guard index > 0 else { return false }
            while index < bytes.count, bytes[index] == UInt8(ascii: "=") { index += 1 }
            return index == bytes.count
        }
    }

    /// Whether all 8 bytes of `word` are `b64token` characters (not `=`), by the ranges of the rule below: `+`
    /// (0x2B), `-` to `9` (0x2D–0x39, which is `-./0-9`), letters (setting bit 0x20 maps `A-Z` and nothing else
    /// onto `a-z`), `_` (0x5F) and `~` (0x7E). Each byte is tested within the word (SWAR), with no branch per byte.
    private static func allB64TokenCharacters(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        // For a byte under 0x80, byte + (0x80 - lo) sets the byte's top bit exactly when byte >= lo, and
        // byte + (0x7F - hi) exactly when byte > hi, and neither sum passes 0xFF. A byte of 0x80 or more is in no
        // range (its first sum passes 0xFF whenever its second does, leaving the top bit clear), and only such a
        // byte can carry into its neighbour: a carry appears only in a word that is refused anyway.
        func inRange(_ bytes: UInt64, _ lo: UInt8, _ hi: UInt8) -> UInt64 {
            let atLeastLow = bytes &+ ones &* UInt64(0x80 - lo)
            let aboveHigh = bytes &+ ones &* UInt64(0x7F - hi)
            return atLeastLow & ~aboveHigh & high
        }
        let valid =
            inRange(word, 0x2D, 0x39) | inRange(word | ones &* 0x20, 0x61, 0x7A) | inRange(word, 0x2B, 0x2B)
            | inRange(word, 0x5F, 0x5F) | inRange(word, 0x7E, 0x7E)
        return valid == high
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
