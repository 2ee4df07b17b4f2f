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
    ///
    /// Inlinable, so a caller in another module gets a version specialised for its string types: it runs several
    /// times on every verified-token cache hit.
    @inlinable
    package func hasSameBytes(as other: some StringProtocol) -> Bool {
        let ownBytes = utf8
        let otherBytes = other.utf8
        guard ownBytes.count == otherBytes.count else { return false }
        // Native strings keep their UTF-8 contiguous: compare the two buffers at once instead of byte by byte.
        let compared = ownBytes.withContiguousStorageIfAvailable { own in
            otherBytes.withContiguousStorageIfAvailable { theirs in
                equalBytes(UnsafeRawBufferPointer(own), UnsafeRawBufferPointer(theirs))
            }
        }
        return (compared ?? nil) ?? ownBytes.elementsEqual(otherBytes)
    }
}

extension String {
    /// Whether one of the fields of this string, split at `separator` bytes with empty fields dropped, has exactly
    /// the bytes of `field` (so an empty `field`, or one that contains `separator`, is never found). Allocates
    /// nothing.
    func containsField(_ field: String, separatedBy separator: UInt8) -> Bool {
        var text = self
        var field = field
        return text.withUTF8 { text in field.withUTF8 { fieldsContain($0, in: text, separatedBy: separator) } }
    }
}

/// Whether one of the fields of `text`, split at `separator` bytes with empty fields dropped, has exactly the bytes
/// of `field` (so an empty `field`, or one that contains `separator`, is never found).
func fieldsContain(
    _ field: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>, separatedBy separator: UInt8
) -> Bool {
    guard !field.isEmpty else { return false }
    var start = 0
    while start < text.count {
        var end = start
        while end < text.count, text[end] != separator { end += 1 }
        let candidate = UnsafeBufferPointer(rebasing: text[start..<end])
        if equalBytes(UnsafeRawBufferPointer(candidate), UnsafeRawBufferPointer(field)) { return true }
        start = end + 1
    }
    return false
}

extension Sequence where Element: StringProtocol {
    /// Whether the sequence holds a string with exactly the bytes of `candidate` (see `Swift.StringProtocol.hasSameBytes(as:)`).
    @inlinable
    package func containsExactly(_ candidate: some StringProtocol) -> Bool {
        contains { $0.hasSameBytes(as: candidate) }
    }
}

/// Whether two buffers of the same length hold the same bytes (two empty buffers may have no base address).
@usableFromInline
func equalBytes(_ own: UnsafeRawBufferPointer, _ other: UnsafeRawBufferPointer) -> Bool {
    guard own.count == other.count else { return false }
    guard let ownBase = own.baseAddress, let otherBase = other.baseAddress else { return true }
    return memcmp(ownBase, otherBase, own.count) == 0
}

/// A string that equals and hashes by its UTF-8 bytes: the key type for dictionaries and sets of identifiers
/// (issuers, audiences, key IDs).
///
/// `Dictionary<String, _>` and `Set<String>` use Swift's `==`, under which canonically equivalent strings are equal
/// (U+212A KELVIN SIGN equals `K`); identifiers in JOSE and OAuth are compared exactly (RFC 7519 §2), so a table of
/// issuers must not find `"https://\u{212A}.example"` under `"https://K.example"`.
public struct ExactString: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The string itself.
    public let value: String

    /// Wraps `value`.
    public init(_ value: String) {
        self.value = value
    }

    /// Wraps a literal.
    public init(stringLiteral value: String) {
        self.value = value
    }

    public static func == (left: ExactString, right: ExactString) -> Bool {
        left.value.hasSameBytes(as: right.value)
    }

    public func hash(into hasher: inout Hasher) {
        var value = value
        value.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    public var description: String { value }
}
