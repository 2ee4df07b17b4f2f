/// Refuses Ed25519 public keys that let signatures be forged: points of small order (for which a fixed signature
/// verifies many or all messages) and non-canonical encodings (y ≥ p).
///
/// OpenSSL's verification does not reject these keys, so they are refused when a key is made.
enum Ed25519PublicKeyCheck {
    /// The encodings of the points of order 1, 2, 4 and 8 and their non-canonical aliases, with the sign bit cleared.
    private static let smallOrderEncodings: [[UInt8]] = [
        [UInt8](repeating: 0, count: 32),  // 0: order 4
        [1] + [UInt8](repeating: 0, count: 31),  // 1: the identity
        hex("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"),  // order 8
        hex("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"),  // order 8
        [0xEC] + [UInt8](repeating: 0xFF, count: 30) + [0x7F],  // p - 1: order 2
        [0xED] + [UInt8](repeating: 0xFF, count: 30) + [0x7F],  // p: 0, non-canonical
        [0xEE] + [UInt8](repeating: 0xFF, count: 30) + [0x7F],  // p + 1: 1, non-canonical
    ]

    /// Whether `encoded` (32 bytes, little-endian y with the sign of x in the top bit) is a key that may be used.
    static func isAcceptable(_ encoded: [UInt8]) -> Bool {
        guard encoded.count == 32 else { return false }
        var y = encoded
        y[31] &= 0x7F
        if smallOrderEncodings.contains(y) { return false }
        // Non-canonical: y ≥ p = 2^255 - 19, i.e. 0x7FFF…FFED or more.
        let topIsAllOnes = y[31] == 0x7F && y[1...30].allSatisfy { $0 == 0xFF }
        return !(topIsAllOnes && y[0] >= 0xED)
    }

    private static func hex(_ text: String) -> [UInt8] {
        var bytes = [UInt8]()
        var iterator = text.utf8.makeIterator()
        while let high = iterator.next(), let low = iterator.next() {
            bytes.append(UInt8(nibble(high) << 4 | nibble(low)))
        }
        return bytes
    }

    private static func nibble(_ c: UInt8) -> UInt8 {
        c <= UInt8(ascii: "9") ? c - UInt8(ascii: "0") : c - UInt8(ascii: "a") + 10
    }
}
