import CJWTOpenSSL
import Testing

@testable import JOSE

/// The prepared-state HMAC (keyed digest states copied per computation) against OpenSSL's own one-shot HMAC.
@Suite struct PreparedHMACTests {
    static let keyLengths = [1, 31, 32, 48, 63, 64, 65, 111, 127, 128, 129, 200]
    static let messageLengths = [0, 1, 55, 56, 63, 64, 65, 111, 112, 128, 1000]

    @Test(
        "every key length around the block sizes (keys longer than a block are hashed first) and message length",
        arguments: [JWSAlgorithm.hs256, .hs384, .hs512])
    func matchesOpenSSLsOneShotHMAC(_ algorithm: JWSAlgorithm) throws {
        let digestName =
            switch algorithm {
            case .hs256: "SHA256"
            case .hs384: "SHA384"
            default: "SHA512"
            }
        var compared = 0
        for keyLength in Self.keyLengths {
            let key = (0..<keyLength).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ keyLength) }
            let hmac = try InsecureShortHMAC(secret: key)
            for messageLength in Self.messageLengths {
                let message = (0..<messageLength).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
                var expected = [UInt8](repeating: 0, count: 64)
                var length = 0
                let done = EVP_Q_mac(
                    nil, "HMAC", nil, digestName, nil, key, key.count, message, message.count, &expected,
                    expected.count, &length)
                #expect(done != nil)
                let ours = try hmac.sign(message, algorithm: algorithm)
                #expect(ours == Array(expected.prefix(Int(length))), "key \(keyLength), message \(messageLength)")
                try hmac.verify(signature: ours, for: message, algorithm: algorithm)
                compared += 1
            }
        }
        #expect(compared == Self.keyLengths.count * Self.messageLengths.count)
    }

    @Test("RFC 4231 test case 6: a 131-byte key, hashed before use")
    func rfc4231LargerThanBlockSizeKey() throws {
        let hmac = try InsecureShortHMAC(secret: [UInt8](repeating: 0xaa, count: 131))
        let tag = try hmac.sign(Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8), algorithm: .hs256)
        #expect(
            tag.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
                == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }
}
