/// A strict, non-recursive RFC 8259 parser working on UTF-8 bytes.
///
/// The parser makes one pass over a contiguous buffer. Nesting is tracked on an explicit
/// stack of open containers, so the call stack depth does not depend on the input. Every read
/// of the buffer is bounds-checked.
struct JSONParser {
    let input: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var position = 0

    /// Objects up to this size check a new name against each earlier one instead of hashing it.
    static let linearLookupLimit = 16

    /// An array or object whose members are still being read.
    private struct Frame {
        var isObject: Bool
        var elements: [JSONValue] = []
        /// In document order. The last one's value is a placeholder while an array or object for it is being read.
        var members: [JSONMember] = []
        /// The member names of a large object, for duplicate checks; small objects compare names one by one.
        var names: Set<String>? = nil

        /// Adds a member named `name`, whose value is set afterwards, unless the object already has one.
        mutating func addMember(named name: String) throws(JOSEError) {
            if names != nil {
                guard names?.insert(name).inserted == true else { throw JSONParser.duplicateMember }
            } else {
                guard !members.contains(where: { $0.name == name }) else { throw JSONParser.duplicateMember }
                if members.count == JSONParser.linearLookupLimit { names = Set(members.map(\.name) + [name]) }
            }
            members.append(JSONMember(name: name, value: .null))
        }

        /// Stores a finished value: an array's next element, or the value of an object's last member (an object's
        /// values are only ever read after its `addMember(named:)`, so it has one).
        mutating func store(_ value: JSONValue) {
            if isObject {
                members[members.count - 1].value = value
            } else {
                elements.append(value)
            }
        }
    }

    init(input: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.input = input
        self.maxDepth = maxDepth
    }

    /// Parses `input` as one complete JSON text.
    static func parse(_ input: UnsafeBufferPointer<UInt8>, maxDepth: Int) -> Result<JSONValue, JOSEError> {
        var parser = JSONParser(input: input, maxDepth: maxDepth)
        do {
            try parser.skipDocumentStart()
            let value = try parser.parseValue()
            try parser.expectDocumentEnd()
            return .success(value)
        } catch {
            return .failure(error)
        }
    }

    // MARK: Byte access

    static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")

    /// The byte at `index`, or `nil` past the end.
    @inline(__always)
    func byte(at index: Int) -> UInt8? {
        index >= 0 && index < input.count ? input[index] : nil
    }

    /// The byte at the current position, or `nil` at the end.
    @inline(__always)
    func peek() -> UInt8? {
        byte(at: position)
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while let byte = peek(),
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
                || byte == UInt8(ascii: "\t")
        {
            position += 1
        }
    }

    func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: input[range])
    }

    static func invalid(_ message: String) -> JOSEError {
        JOSEError(.invalidJSON, message)
    }

    static var duplicateMember: JOSEError { JOSEError(.duplicateJSONMember, "duplicate member name") }

    // MARK: Document

    /// Checks what may come before a document's value (no byte order mark) and skips the whitespace there.
    mutating func skipDocumentStart() throws(JOSEError) {
        guard !input.isEmpty else { throw Self.invalid("empty input") }
        if byte(at: 0) == 0xEF, byte(at: 1) == 0xBB, byte(at: 2) == 0xBF {
            throw Self.invalid("byte order mark is not allowed")
        }
        skipWhitespace()
    }

    /// Checks that only whitespace follows the document's value.
    mutating func expectDocumentEnd() throws(JOSEError) {
        skipWhitespace()
        guard position == input.count else { throw Self.invalid("unexpected data after the value") }
    }

    /// Parses the one value that starts at the current position (arrays and objects up to `maxDepth` deep), and
    /// leaves the position past it and the whitespace after it.
    mutating func parseValue() throws(JOSEError) -> JSONValue {
        // The innermost open container is `current`; the ones around it wait in `enclosing`, outermost first. A flat
        // object or array (every JWT header, most payloads) therefore never allocates a stack.
        var depth = 0
        var current = Frame(isObject: false)
        var enclosing: [Frame] = []
        parseValue: while true {
            guard let first = peek() else { throw Self.invalid("unexpected end of input") }
            var value: JSONValue
            switch first {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                guard depth < maxDepth else { throw JOSEError(.jsonTooDeep, "nesting too deep") }
                let isObject = first == UInt8(ascii: "{")
                position += 1
                skipWhitespace()
                if peek() == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    position += 1
                    value = isObject ? .object([:]) : .array([])
                    if depth > 0 { current.store(value) }
                } else {
                    if depth > 0 { enclosing.append(current) }
                    current = Frame(isObject: isObject)
                    depth += 1
                    guard isObject else { continue parseValue }
                    current.members.reserveCapacity(8)  // JWT headers and most payloads: avoid regrowing the array
                    guard try readMember(into: &current) else { continue parseValue }
                    value = .null  // a placeholder: the member is already in place
                }
            default:
                value = try parseScalar(first)
                if depth > 0 { current.store(value) }
            }

            // `value` is complete and, if it is inside a container, already stored there. Read separators, and close
            // containers as they end.
            while true {
                skipWhitespace()
                guard depth > 0 else { return value }
                guard let separator = peek() else { throw Self.invalid("unexpected end of input") }
                position += 1
                if separator == UInt8(ascii: ",") {
                    skipWhitespace()
                    guard current.isObject else { continue parseValue }
                    guard try readMember(into: &current) else { continue parseValue }
                    continue
                }
                if current.isObject {
                    guard separator == UInt8(ascii: "}") else { throw Self.invalid("expected ',' or '}'") }
                    value = .object(current.members.dictionary)
                } else {
                    guard separator == UInt8(ascii: "]") else { throw Self.invalid("expected ',' or ']'") }
                    value = .array(current.elements)
                }
                depth -= 1
                guard let parent = enclosing.popLast() else { continue }
                current = parent
                current.store(value)
            }
        }
    }

    /// Reads a member name of `object`, rejecting a duplicate before its value is read, and, when the value is not an
    /// array or object, the value too.
    /// - Returns: whether the member is complete; `false` when its value is an array or object still to be read.
    private mutating func readMember(into object: inout Frame) throws(JOSEError) -> Bool {
        try object.addMember(named: try parseMemberName())
        guard let first = peek() else { throw Self.invalid("unexpected end of input") }
        guard first != UInt8(ascii: "{"), first != UInt8(ascii: "[") else { return false }
        object.store(try parseScalar(first))
        return true
    }

    /// Reads a string, number or literal starting with `first`.
    private mutating func parseScalar(_ first: UInt8) throws(JOSEError) -> JSONValue {
        switch first {
        case Self.quote:
            position += 1
            return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try parseNumber())
        default:
            throw Self.invalid("unexpected character")
        }
    }

    /// Reads `"name"`, the colon and the whitespace around it.
    private mutating func parseMemberName() throws(JOSEError) -> String {
        text(of: try scanMemberName())
    }

    /// Reads `"name"`, the colon and the whitespace around it, making a `String` only when the name has escapes.
    mutating func scanMemberName() throws(JOSEError) -> ScannedString {
        guard peek() == Self.quote else { throw Self.invalid("expected a member name") }
        position += 1
        let name = try scanString()
        skipWhitespace()
        guard peek() == UInt8(ascii: ":") else { throw Self.invalid("expected ':'") }
        position += 1
        skipWhitespace()
        return name
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JOSEError) {
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        for offset in 0..<expected.count {
            guard byte(at: position + offset) == expected[offset] else { throw Self.invalid("invalid literal") }
        }
        position += expected.count
    }

    // MARK: Numbers

    private mutating func parseNumber() throws(JOSEError) -> JSONNumber {
        guard let scanned = JSONNumberScanner.scan(input, from: position) else {
            throw Self.invalid("invalid number")
        }
        let literal = String(decoding: bytes(position..<scanned.end), as: UTF8.self)
        position = scanned.end
        return JSONNumber(validatedLiteral: literal, int64Value: scanned.int64Value)
    }

    // MARK: Strings

    /// Reads a string whose opening quote has been consumed, up to and including the closing quote.
    private mutating func parseString() throws(JOSEError) -> String {
        text(of: try scanString())
    }

    /// The text of a scanned string.
    private func text(of scanned: ScannedString) -> String {
        scanned.unescaped ?? String(decoding: bytes(scanned.content), as: UTF8.self)
    }

    /// A string read by `scanString()`.
    struct ScannedString {
        /// Its bytes between the quotes, as written.
        var content: Range<Int>
        /// Its text, when it has escapes (so that `content` is not its text).
        var unescaped: String?
        /// Whether `content` is all ASCII and has no escapes.
        var isASCII: Bool
    }

    /// Reads and checks a string whose opening quote has been consumed, up to and including the closing quote,
    /// making a `String` only when it has escapes.
    mutating func scanString() throws(JOSEError) -> ScannedString {
        let start = position
        var isASCII = true
        while position < input.count {
            let byte = input[position]
            // Most bytes are plain ASCII text: one test moves past them.
            if byte >= 0x20, byte < 0x80, byte != Self.quote, byte != Self.backslash {
                position += 1
            } else if byte == Self.quote {
                position += 1
                return ScannedString(content: start..<(position - 1), unescaped: nil, isASCII: isASCII)
            } else if byte == Self.backslash {
                let unescaped = try decodeEscapedString(from: start, escapeAt: position)
                return ScannedString(content: start..<(position - 1), unescaped: unescaped, isASCII: false)
            } else if byte < 0x20 {
                throw Self.invalid("unescaped control character in string")
            } else {
                isASCII = false
                try skipMultiByteCharacter()
            }
        }
        throw Self.invalid("unterminated string")
    }

    /// Decodes the rest of a string whose bytes from `start` to the backslash at `escape` need no decoding, up to and
    /// including the closing quote.
    private mutating func decodeEscapedString(from start: Int, escapeAt escape: Int) throws(JOSEError) -> String {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(escape - start + 16)
        var runStart = start  // where the current run of unescaped bytes began; moves only past escapes
        while let byte = peek() {
            if byte == Self.quote {
                decoded.append(contentsOf: bytes(runStart..<position))
                position += 1
                return String(decoding: decoded, as: UTF8.self)
            } else if byte == Self.backslash {
                decoded.append(contentsOf: bytes(runStart..<position))
                position += 1
                try decodeEscape(into: &decoded)
                runStart = position
            } else if byte < 0x20 {
                throw Self.invalid("unescaped control character in string")
            } else if byte < 0x80 {
                position += 1
            } else {
                try skipMultiByteCharacter()
            }
        }
        throw Self.invalid("unterminated string")
    }

    /// Decodes the escape after a backslash and appends its UTF-8 encoding.
    private mutating func decodeEscape(into decoded: inout [UInt8]) throws(JOSEError) {
        guard let escape = peek() else { throw Self.invalid("unterminated string") }
        position += 1
        switch escape {
        case Self.quote, Self.backslash, UInt8(ascii: "/"):
            decoded.append(escape)
        case UInt8(ascii: "b"):
            decoded.append(0x08)
        case UInt8(ascii: "f"):
            decoded.append(0x0C)
        case UInt8(ascii: "n"):
            decoded.append(0x0A)
        case UInt8(ascii: "r"):
            decoded.append(0x0D)
        case UInt8(ascii: "t"):
            decoded.append(0x09)
        case UInt8(ascii: "u"):
            let unit = try readHexQuad()
            let scalar: UInt32
            switch unit {
            case 0xD800...0xDBFF:
                guard byte(at: position) == Self.backslash, byte(at: position + 1) == UInt8(ascii: "u") else {
                    throw Self.invalid("unpaired surrogate escape")
                }
                position += 2
                let low = try readHexQuad()
                guard (0xDC00...0xDFFF).contains(low) else { throw Self.invalid("unpaired surrogate escape") }
                scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
            case 0xDC00...0xDFFF:
                throw Self.invalid("unpaired surrogate escape")
            default:
                scalar = unit
            }
            Self.appendUTF8(scalar, to: &decoded)
        default:
            throw Self.invalid("invalid escape sequence")
        }
    }

    /// Reads the four hexadecimal digits of a `\u` escape.
    private mutating func readHexQuad() throws(JOSEError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = peek() else { throw Self.invalid("invalid unicode escape") }
            let nibble: UInt8
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = digit &- UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = digit &- UInt8(ascii: "a") &+ 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = digit &- UInt8(ascii: "A") &+ 10
            default: throw Self.invalid("invalid unicode escape")
            }
            value = value << 4 | UInt32(nibble)
            position += 1
        }
        return value
    }

    /// Appends the UTF-8 encoding of a Unicode scalar value (never a surrogate).
    private static func appendUTF8(_ scalar: UInt32, to bytes: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            bytes.append(UInt8(truncatingIfNeeded: scalar))
        case 0x80..<0x800:
            bytes.append(UInt8(truncatingIfNeeded: 0xC0 | scalar >> 6))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            bytes.append(UInt8(truncatingIfNeeded: 0xE0 | scalar >> 12))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
        default:
            bytes.append(UInt8(truncatingIfNeeded: 0xF0 | scalar >> 18))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | scalar >> 12 & 0x3F))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
        }
    }

    /// Validates one multi-byte UTF-8 sequence at the current position (RFC 3629: no overlong
    /// forms, no surrogates, nothing above U+10FFFF) and moves past it.
    private mutating func skipMultiByteCharacter() throws(JOSEError) {
        guard let lead = peek() else { throw Self.invalid("invalid UTF-8") }
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF:
            length = 2
        case 0xE0:
            length = 3
            secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF:
            length = 3
        case 0xED:
            length = 3
            secondRange = 0x80...0x9F
        case 0xF0:
            length = 4
            secondRange = 0x90...0xBF
        case 0xF1...0xF3:
            length = 4
        case 0xF4:
            length = 4
            secondRange = 0x80...0x8F
        default:
            throw Self.invalid("invalid UTF-8")
        }
        guard let second = byte(at: position + 1), secondRange.contains(second) else {
            throw Self.invalid("invalid UTF-8")
        }
        var offset = 2
        while offset < length {
            guard let next = byte(at: position + offset), next & 0xC0 == 0x80 else {
                throw Self.invalid("invalid UTF-8")
            }
            offset += 1
        }
        position += length
    }
}
