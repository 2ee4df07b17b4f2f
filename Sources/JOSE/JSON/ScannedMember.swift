/// One member of an outermost JSON object, located in the checked text but not decoded.
///
/// A JWT payload is read a few claims at a time: the verifier compares `iss` and `aud` and reads three times, a
/// resource server a scope or two. Locating the members instead of building a `String` and a ``JSONValue`` for each
/// cut the payload's part of an HS256 verification from about 0.9 µs to 0.3 µs; a value is decoded only when it is
/// asked for.
struct ScannedMember: Sendable {
    /// What a member's value is, seen from its first byte (and, for strings, from whether it has escapes).
    enum Kind: Sendable, Equatable {
        /// A string without escapes, whose text is its bytes between the quotes.
        case string
        /// A string with escapes, decoded when read.
        case escapedString
        /// A number, with its exact value when it is an integer that fits `Int64` (as JWT times are).
        case number(Int64?)
        case bool
        case null
        case object
        case array
    }

    /// The name's bytes between its quotes, as written.
    let name: Range<Int>
    /// The first eight bytes of the name as written (fewer for a shorter name), packed first byte lowest: with the
    /// name's length, it tells most names apart without reading them again.
    let nameHead: UInt64
    /// Whether the name is ASCII without escapes: comparing its bytes with another ASCII name is then the same as
    /// comparing the two as `String`s.
    let hasASCIIName: Bool
    /// Whether the name has escapes, so that its bytes are not its text.
    let hasEscapedName: Bool
    /// The value's text, quotes included.
    var value: Range<Int>
    var kind: Kind

    /// `bytes`' first eight bytes (fewer when it is shorter), packed first byte lowest.
    static func head(of bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var head: UInt64 = 0
        for (offset, byte) in bytes.prefix(8).enumerated() { head |= UInt64(byte) << (8 * offset) }
        return head
    }

    /// The name as a `String`.
    func nameText(in text: UnsafeBufferPointer<UInt8>) -> String {
        guard hasEscapedName else { return String(decoding: UnsafeBufferPointer(rebasing: text[name]), as: UTF8.self) }
        // Decoded again from the checked text, quotes included: it cannot fail.
        let quoted = UnsafeBufferPointer(rebasing: text[(name.lowerBound - 1)..<(name.upperBound + 1)])
        return (try? JSONParser.parse(quoted, maxDepth: 0).get())?.stringValue ?? ""
    }

    /// Whether the member is named `name`, compared as `String` keys are (Unicode canonical equivalence), without
    /// making a `String` when both names are ASCII.
    func hasName(_ name: String, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        if hasASCIIName {
            var name = name
            let own = UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: text[self.name]))
            let (same, queryIsASCII) = name.withUTF8 { query in
                (equalBytes(UnsafeRawBufferPointer(query), own), query.allSatisfy { $0 < 0x80 })
            }
            if same || queryIsASCII { return same }
        }
        return nameText(in: text) == name
    }

    /// Whether two members of one object have the same name, compared as `String` keys are.
    @inline(__always)
    func hasSameName(as other: ScannedMember, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard hasASCIIName && other.hasASCIIName else { return nameText(in: text) == other.nameText(in: text) }
        guard name.count == other.name.count, nameHead == other.nameHead else { return false }
        return name.count <= 8
            || equalBytes(
                UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: text[name])),
                UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: text[other.name])))
    }

    /// The value, decoded. Never `nil` for a member of a text that `JSONParser.scanObject` accepted.
    func decodedValue(in text: UnsafeBufferPointer<UInt8>) -> JSONValue? {
        try? JSONParser.parse(UnsafeBufferPointer(rebasing: text[value]), maxDepth: .max).get()
    }

    /// The bytes of a string value without escapes, between its quotes.
    private func stringContent(in text: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: text[(value.lowerBound + 1)..<(value.upperBound - 1)])
    }

    /// The value when it is a string; `nil` otherwise.
    func stringValue(in text: UnsafeBufferPointer<UInt8>) -> String? {
        switch kind {
        case .string: String(decoding: stringContent(in: text), as: UTF8.self)
        case .escapedString: decodedValue(in: text)?.stringValue
        default: nil
        }
    }

    /// The value as the nearest `Double` when it is a number; `nil` otherwise.
    func numberValue(in text: UnsafeBufferPointer<UInt8>) -> Double? {
        guard case .number(let integer) = kind else { return nil }
        return integer.map(Double.init) ?? decodedValue(in: text)?.numberValue?.doubleValue
    }

    /// Whether the value is a string with exactly the bytes of one of `candidates`.
    func isString(oneOf candidates: [String], in text: UnsafeBufferPointer<UInt8>) -> Bool {
        switch kind {
        case .string:
            let content = UnsafeRawBufferPointer(stringContent(in: text))
            return candidates.contains { candidate in
                var candidate = candidate
                return candidate.withUTF8 { equalBytes(UnsafeRawBufferPointer($0), content) }
            }
        case .escapedString:
            return stringValue(in: text).map(candidates.containsExactly) ?? false
        default:
            return false
        }
    }

    /// Whether the value is a string one of whose fields, split at `separator` bytes, has exactly the bytes of `field`
    /// (see `String.containsField(_:separatedBy:)`).
    func stringContainsField(_ field: String, separatedBy separator: UInt8, in text: UnsafeBufferPointer<UInt8>)
        -> Bool
    {
        switch kind {
        case .string:
            var field = field
            return field.withUTF8 { fieldsContain($0, in: stringContent(in: text), separatedBy: separator) }
        case .escapedString:
            return stringValue(in: text)?.containsField(field, separatedBy: separator) ?? false
        default:
            return false
        }
    }
}

extension JSONParser {
    /// Checks `input` as `parse(_:maxDepth:)` does, with the same errors, and when it is an object returns its
    /// members located but not decoded (arrays and objects inside it are parsed to be checked, then dropped);
    /// `nil` when it is valid JSON but not an object.
    static func scanObject(_ input: UnsafeBufferPointer<UInt8>, maxDepth: Int) throws(JOSEError) -> [ScannedMember]? {
        var parser = JSONParser(input: input, maxDepth: maxDepth)
        try parser.skipDocumentStart()
        guard parser.peek() == UInt8(ascii: "{") else {
            _ = try parser.parseValue()
            try parser.expectDocumentEnd()
            return nil
        }
        guard maxDepth > 0 else { throw JOSEError(.jsonTooDeep, "nesting too deep") }
        let members = try parser.scanMembers()
        try parser.expectDocumentEnd()
        return members
    }

    /// Reads an object from its opening brace to its closing one, locating its members.
    private mutating func scanMembers() throws(JOSEError) -> [ScannedMember] {
        position += 1
        skipWhitespace()
        var members: [ScannedMember] = []
        if peek() == UInt8(ascii: "}") {
            position += 1
            return members
        }
        members.reserveCapacity(8)
        var names: Set<String>? = nil  // for wide objects, as `Frame` keeps them
        while true {
            let name = try scanMemberName()
            // Duplicates are refused before the value is read, as `parse(_:maxDepth:)` refuses them.
            var member = ScannedMember(
                name: name.content, nameHead: ScannedMember.head(of: bytes(name.content)), hasASCIIName: name.isASCII,
                hasEscapedName: name.unescaped != nil, value: position..<position, kind: .null)
            if names != nil {
                guard names?.insert(member.nameText(in: input)).inserted == true else { throw Self.duplicateMember }
            } else {
                for earlier in members where earlier.hasSameName(as: member, in: input) { throw Self.duplicateMember }
                if members.count == Self.linearLookupLimit {
                    names = Set((members + [member]).map { $0.nameText(in: input) })
                }
            }
            let start = position
            member.kind = try skipValue()
            member.value = start..<position
            members.append(member)
            skipWhitespace()
            guard let separator = peek() else { throw Self.invalid("unexpected end of input") }
            position += 1
            if separator == UInt8(ascii: "}") { return members }
            guard separator == UInt8(ascii: ",") else { throw Self.invalid("expected ',' or '}'") }
            skipWhitespace()
        }
    }

    /// Checks the value at the current position and moves past it, building only arrays and objects.
    private mutating func skipValue() throws(JOSEError) -> ScannedMember.Kind {
        guard let first = peek() else { throw Self.invalid("unexpected end of input") }
        switch first {
        case Self.quote:
            position += 1
            return try scanString().unescaped == nil ? .string : .escapedString
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            guard let scanned = JSONNumberScanner.scan(input, from: position) else {
                throw Self.invalid("invalid number")
            }
            position = scanned.end
            return .number(scanned.int64Value)
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            // One level is the object around it.
            var nested = JSONParser(input: input, maxDepth: maxDepth - 1)
            nested.position = position
            _ = try nested.parseValue()
            position = nested.position
            return first == UInt8(ascii: "{") ? .object : .array
        default:
            throw Self.invalid("unexpected character")
        }
    }
}
