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
        haveSameBytes(utf8, other.utf8)
    }
}

extension String {
    /// Whether two strings have the same UTF-8 bytes: ``Swift/StringProtocol/hasSameBytes(as:)`` for `String`s,
    /// without generic dispatch (it runs several times on every verified-token cache hit).
    public func hasSameBytes(as other: String) -> Bool {
        haveSameBytes(utf8, other.utf8)
    }

    /// Whether one of the fields of this string, split at `separator` bytes with empty fields dropped, has exactly
    /// the bytes of `field` (so an empty `field`, or one that contains `separator`, is never found). Allocates
    /// nothing.
    func containsField(_ field: String, separatedBy separator: UInt8) -> Bool {
        var text = self
        var field = field
        return text.withUTF8 { text in
            field.withUTF8 { field in
                guard let fieldBase = field.baseAddress, let textBase = text.baseAddress, !field.isEmpty else {
                    return false
                }
                var start = 0
                while start < text.count {
                    var end = start
                    while end < text.count, text[end] != separator { end += 1 }
                    if end - start == field.count, memcmp(textBase + start, fieldBase, field.count) == 0 { return true }
                    start = end + 1
                }
                return false
            }
        }
    }
}

extension Sequence where Element == String {
    /// Whether the sequence holds a string with exactly the bytes of `candidate`: ``containsExactly(_:)`` for
    /// `String`s, without generic dispatch.
    public func containsExactly(_ candidate: String) -> Bool {
        contains { $0.hasSameBytes(as: candidate) }
    }
}

extension Sequence where Element: StringProtocol {
    /// Whether the sequence holds a string with exactly the bytes of `candidate` (see ``Swift/StringProtocol/hasSameBytes(as:)``).
    public func containsExactly(_ candidate: some StringProtocol) -> Bool {
        contains { $0.hasSameBytes(as: candidate) }
    }
}

/// Whether two byte collections are equal. Native strings keep their UTF-8 contiguous, so two of them are compared
/// with one `memcmp` instead of byte by byte.
private func haveSameBytes(_ own: some Collection<UInt8>, _ other: some Collection<UInt8>) -> Bool {
    guard own.count == other.count else { return false }
    let compared = own.withContiguousStorageIfAvailable { own in
        other.withContiguousStorageIfAvailable { theirs in
            // The counts are equal, so a missing base address means both are empty.
            guard let ownBase = own.baseAddress, let theirBase = theirs.baseAddress else { return true }
            return memcmp(ownBase, theirBase, own.count) == 0
        }
    }
    return (compared ?? nil) ?? own.elementsEqual(other)
}
