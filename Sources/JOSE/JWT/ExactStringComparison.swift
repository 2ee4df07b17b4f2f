extension StringProtocol {
    /// Whether two strings have the same UTF-8 bytes.
    ///
    /// JWT identifiers (`iss`, `aud`, `kid`, scopes) are compared exactly, without Unicode normalisation (RFC 7519
    /// §2), whereas Swift's `==` treats canonically equivalent strings as equal (U+212A KELVIN SIGN equals `K`).
    public func hasSameBytes(as other: some StringProtocol) -> Bool {
        utf8.elementsEqual(other.utf8)
    }
}

extension Sequence where Element: StringProtocol {
    /// Whether the sequence holds a string with exactly the bytes of `candidate` (see ``Swift/StringProtocol/hasSameBytes(as:)``).
    public func containsExactly(_ candidate: some StringProtocol) -> Bool {
        contains { $0.hasSameBytes(as: candidate) }
    }
}
