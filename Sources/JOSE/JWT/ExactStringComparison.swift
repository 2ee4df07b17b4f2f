#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension StringProtocol {
    /// Whether two strings have the same UTF-8 bytes.
    ///
    /// JWT identifiers (`iss`, `aud`, `kid`, scopes) are compared exactly, without Unicode normalisation (RFC 7519
    /// §2), whereas Swift's `==` treats canonically equivalent strings as equal (U+212A KELVIN SIGN equals `K`).
    public func hasSameBytes(as other: some StringProtocol) -> Bool {
        let ownBytes = utf8
        let otherBytes = other.utf8
        guard ownBytes.count == otherBytes.count else { return false }
        // Native strings keep their UTF-8 contiguous: compare the two buffers at once instead of byte by byte.
        let compared = ownBytes.withContiguousStorageIfAvailable { own in
            otherBytes.withContiguousStorageIfAvailable { theirs in
                // The counts are equal, so a missing base address means both are empty.
                guard let ownBase = own.baseAddress, let theirBase = theirs.baseAddress else { return true }
                return memcmp(ownBase, theirBase, own.count) == 0
            }
        }
        return (compared ?? nil) ?? ownBytes.elementsEqual(otherBytes)
    }
}

extension Sequence where Element: StringProtocol {
    /// Whether the sequence holds a string with exactly the bytes of `candidate` (see ``Swift/StringProtocol/hasSameBytes(as:)``).
    public func containsExactly(_ candidate: some StringProtocol) -> Bool {
        contains { $0.hasSameBytes(as: candidate) }
    }
}
