import Testing

@testable import JOSE

struct Base64URLTests {
    @Test("encode → decode round trip for every length up to 200")
    func roundTrip() throws {
        var rng = SplitMix64(seed: 0xB64)
        for length in 0...200 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let encoded = Base64URL.encode(bytes)
            #expect(!encoded.contains("=") && !encoded.contains("+") && !encoded.contains("/"))
            #expect(try Base64URL.decode(encoded) == bytes)
        }
        #expect(Base64URL.encode([0xFB, 0xFF]) == "-_8")
    }

    @Test("exactly one encoding per byte string: unused tail bits must be zero")
    func canonicalTails() throws {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        for last in alphabet {
            let twoCharacters = "Q\(last)"  // one byte: the low 4 bits of the second character are unused
            let threeCharacters = "QU\(last)"  // two bytes: the low 2 bits of the third character are unused
            let index = alphabet.firstIndex(of: last) ?? 0
            #expect(((try? Base64URL.decode(twoCharacters)) != nil) == (index & 0x0F == 0), "\(twoCharacters)")
            #expect(((try? Base64URL.decode(threeCharacters)) != nil) == (index & 0x03 == 0), "\(threeCharacters)")
        }
    }

    @Test("every byte outside the alphabet is refused in every position")
    func alphabet() throws {
        let valid = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        for byte in UInt8.min...UInt8.max where !valid.contains(byte) {
            for position in 0..<4 {
                var input = Array("QUFB".utf8)
                input[position] = byte
                let result = input.withUnsafeBufferPointer { try? Base64URL.decode(bytes: $0) }
                #expect(result == nil, "byte \(byte) at \(position)")
            }
        }
        #expect(throws: JOSEError.self) { try Base64URL.decode("QUFBQ") }
        #expect(try Base64URL.decode("") == [])
    }
}
