/// The shape of the compact serializations: a JWS has three `.`-separated parts, a JWE five. The one place the
/// package counts them (token routing to decryption or introspection, nested-token plaintexts).
package enum CompactSerialization {
    /// The number of `.`-separated parts of `text`, counted up to 6 (anything longer is neither form).
    package static func partCount(_ text: some StringProtocol) -> Int {
        // Every token a resource server decrypts or routes is counted, so native strings are scanned as a buffer:
        // stepping a generic `StringProtocol`'s UTF-8 view from another module goes through a witness per byte.
        if let count = text.utf8.withContiguousStorageIfAvailable(partCount(bytes:)) { return count }
        return partCount(bytes: Array(text.utf8))
    }

    /// `partCount(_:)` over bytes.
    private static func partCount(bytes: some Collection<UInt8>) -> Int {
        var parts = 1
        for byte in bytes where byte == UInt8(ascii: ".") {
            parts += 1
            if parts > 5 { return 6 }
        }
        return parts
    }

    /// Whether `text` has the shape of a compact JWS (three parts).
    package static func isJWS(_ text: some StringProtocol) -> Bool { partCount(text) == 3 }
}
