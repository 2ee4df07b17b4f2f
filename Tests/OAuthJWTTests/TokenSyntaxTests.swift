import Testing

@testable import OAuthJWT

/// The `b64token` check, which takes 8 bytes at a time: every byte value, at every position of a word and of the
/// tail, gets the rule's answer.
struct TokenSyntaxTests {
    /// RFC 6750 §2.1: `1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="`.
    private static let tokenCharacters = Set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/".utf8)

    private func check(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer(TokenSyntax.isB64Token(bytes:))
    }

    @Test func everyByteAtEveryPosition() {
        for length in [1, 7, 8, 9, 15, 16, 17, 24, 31] {
            for position in 0..<length {
                for value in 0...255 {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    bytes[position] = UInt8(value)
                    let byte = UInt8(value)
                    let expected =
                        Self.tokenCharacters.contains(byte)
                        || (byte == UInt8(ascii: "=") && position == length - 1 && position > 0)
                    #expect(check(bytes) == expected, "byte \(value) at \(position) of \(length)")
                }
            }
        }
    }

    @Test func everyPairOfNeighbouringBytes() {
        // Within a word (positions 2 and 3) and across two words (7 and 8): a carry out of one byte must never make
        // its neighbour pass.
        for (first, second) in [(2, 3), (7, 8)] {
            for low in 0...255 {
                for high in 0...255 {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 16)
                    bytes[first] = UInt8(low)
                    bytes[second] = UInt8(high)
                    let expected =
                        Self.tokenCharacters.contains(UInt8(low)) && Self.tokenCharacters.contains(UInt8(high))
                    if check(bytes) != expected { Issue.record("bytes \(low), \(high) at \(first), \(second)") }
                }
            }
        }
    }

    @Test func paddingOnlyAtTheEnd() {
        #expect(check(Array("abcdefghij==".utf8)))
        #expect(check(Array("abcdefgh========".utf8)))
        #expect(check(Array("a=".utf8)))
        #expect(!check(Array("=".utf8)))
        #expect(!check(Array("==abcdefgh".utf8)))
        #expect(!check(Array("abcdefgh=ijklmnop".utf8)))
        #expect(!check(Array("abc=def".utf8)))
        #expect(!check([]))
    }

    @Test func everyTokenCharacterInAWordIsAccepted() {
        let characters = Array(Self.tokenCharacters).sorted()
        #expect(characters.count == 68)
        #expect(check(characters))
        #expect(check(characters.reversed()))
    }
}
