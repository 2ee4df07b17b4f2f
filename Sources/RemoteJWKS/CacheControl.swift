/// The parts of a `Cache-Control` response header (RFC 9111 §5.2.2) that decide how long a key set is kept.
///
/// The header comes from a remote server (or a proxy or CDN in front of it), so it is read as hostile input: one
/// pass over its bytes, every index checked, and a directive that does not parse is skipped on its own while the
/// others still count. Quoted strings are read as such, so a comma inside one never starts a directive.
struct CacheControl: Equatable {
    /// `max-age` in seconds, when present and a valid non-negative integer (the first valid one; RFC 9111 §4.2.1).
    var maxAge: Int64?
    /// Whether `no-cache` or `no-store` is present.
    var noCache: Bool

    /// The largest `max-age` kept; longer values saturate here (RFC 9111 §1.2.2 allows any such cap).
    static let maximumAge: Int64 = 999_999_999_999

    /// Parses a header value; `nil` when there is none or it says nothing about freshness.
    init?(_ value: String?) {
        guard let value else { return nil }
        maxAge = nil
        noCache = false
        var reader = DirectiveReader(Array(value.utf8))
        while let directive = reader.next() {
            switch directive.name {
            case "max-age":
                if maxAge == nil, let seconds = directive.argument.flatMap(Self.deltaSeconds) { maxAge = seconds }
            case "no-cache", "no-store":
                noCache = true
            default:
                continue
            }
        }
        if maxAge == nil, !noCache { return nil }
    }

    /// A `delta-seconds` value (RFC 9111 §1.2.2): ASCII digits only, saturating instead of overflowing.
    private static func deltaSeconds(_ digits: [UInt8]) -> Int64? {
        guard !digits.isEmpty else { return nil }
        var seconds: Int64 = 0
        for digit in digits {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
            seconds = min(seconds * 10 + Int64(digit - UInt8(ascii: "0")), maximumAge)
        }
        return seconds
    }
}

/// Reads `Cache-Control` directives (`token [ "=" ( token / quoted-string ) ]`, comma-separated) from bytes.
private struct DirectiveReader {
    struct Directive {
        /// The lowercased name.
        var name: String
        /// The argument, unquoted, or `nil` when there is none.
        var argument: [UInt8]?
    }

    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The next well-formed directive; malformed ones are skipped up to the next comma outside quotes.
    mutating func next() -> Directive? {
        while index < bytes.count {
            if let directive = readDirective() { return directive }
            skipToNextElement()
        }
        return nil
    }

    /// One directive starting at `index`, or `nil` (with `index` inside the bad element) when it is malformed.
    private mutating func readDirective() -> Directive? {
        skipWhitespace()
        let name = readToken()
        guard !name.isEmpty else { return nil }
        skipWhitespace()
        var argument: [UInt8]?
        if index < bytes.count, bytes[index] == UInt8(ascii: "=") {
            index += 1
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                guard let quoted = readQuotedString() else { return nil }
                argument = quoted
            } else {
                let token = readToken()
                guard !token.isEmpty else { return nil }
                argument = token
            }
            skipWhitespace()
        }
        // A directive ends at a comma or at the end; anything else makes the element malformed.
        if index < bytes.count {
            guard bytes[index] == UInt8(ascii: ",") else { return nil }
            index += 1
        }
        return Directive(name: String(decoding: name, as: UTF8.self).lowercased(), argument: argument)
    }

    private mutating func readToken() -> [UInt8] {
        let start = index
        while index < bytes.count, Self.isTokenCharacter(bytes[index]) { index += 1 }
        return Array(bytes[start..<index])
    }

    /// A quoted string starting at the opening quote, with `\` escapes resolved; `nil` when it is not closed.
    private mutating func readQuotedString() -> [UInt8]? {
        index += 1
        var content: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return content
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { return nil }
                content.append(bytes[index])
                index += 1
            default:
                content.append(byte)
            }
        }
        return nil
    }

    /// Moves past the next comma that is not inside a quoted string, or to the end.
    private mutating func skipToNextElement() {
        var quoted = false
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if quoted {
                if byte == UInt8(ascii: "\\") {
                    index += 1
                } else if byte == UInt8(ascii: "\"") {
                    quoted = false
                }
            } else if byte == UInt8(ascii: "\"") {
                quoted = true
            } else if byte == UInt8(ascii: ",") {
                return
            }
        }
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") {
            index += 1
        }
    }

    /// RFC 9110 §5.6.2 `tchar`.
    private static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}
