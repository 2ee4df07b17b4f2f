/// A JSON value (RFC 8259).
///
/// Parse one with `init(parsing:maxDepth:)`, which is strict: it accepts exactly one JSON
/// text in valid UTF-8 and rejects everything RFC 8259 does not allow, as well as duplicate
/// member names. Write one with `serialized(_:)`, which gives deterministic output.
///
/// Equality is structural, with numbers compared by value (see ``JSONNumber``) and string values
/// compared by their UTF-8 bytes (JSON strings are sequences of code points: two strings that
/// Unicode calls canonically equivalent are still different claim values). Object member names are
/// Swift `String` dictionary keys.
public enum JSONValue: Sendable, Hashable {
    /// The literal `null`.
    case null
    /// The literal `true` or `false`.
    case bool(Bool)
    /// A number, with its exact literal.
    case number(JSONNumber)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object. Member names are unique.
    case object([String: JSONValue])
}

extension JSONValue {
    /// Structural equality; strings by their UTF-8 bytes.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.string(let a), .string(let b)): a.hasSameBytes(as: b)
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a.count == b.count && a.allSatisfy { key, value in b[key] == value }
        default: false
        }
    }

    /// Hashes consistently with `==(_:_:)`.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let value): hasher.combine(value)
        case .number(let value): hasher.combine(value)
        case .string(let value):
            hasher.combine(3)
            for byte in value.utf8 { hasher.combine(byte) }
        case .array(let values): hasher.combine(values)
        case .object(let members):
            hasher.combine(5)
            hasher.combine(members.count)
            // Order-independent: combine the members' own hashes commutatively.
            var sum = 0
            for (key, value) in members {
                var memberHasher = Hasher()
                memberHasher.combine(key)
                memberHasher.combine(value)
                sum = sum &+ memberHasher.finalize()
            }
            hasher.combine(sum)
        }
    }
}

extension JSONValue {
    /// The string, if this is a `string(_:)`.
    public var stringValue: String? {
        if case .string(let value) = self { value } else { nil }
    }

    /// The Boolean, if this is a `bool(_:)`.
    public var boolValue: Bool? {
        if case .bool(let value) = self { value } else { nil }
    }

    /// The number, if this is a `number(_:)`.
    public var numberValue: JSONNumber? {
        if case .number(let value) = self { value } else { nil }
    }

    /// The elements, if this is an `array(_:)`.
    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { value } else { nil }
    }

    /// The members, if this is an `object(_:)`.
    public var objectValue: [String: JSONValue]? {
        if case .object(let value) = self { value } else { nil }
    }

    /// Whether this is `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The member named `key`, or `nil` when this is not an object or has no such member.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }
}

extension JSONValue {
    /// The nesting limit of `init(parsing:maxDepth:)` unless told otherwise.
    public static let defaultMaximumDepth = 32

    /// Parses a complete JSON text (RFC 8259).
    ///
    /// The input must be UTF-8 without a byte order mark, and hold exactly one value of any
    /// type, optionally surrounded by whitespace (space, tab, line feed, carriage return).
    /// Rejected with ``ErrorCode/invalidJSON``: invalid UTF-8 anywhere, unescaped control
    /// characters in strings, unknown escapes, unpaired surrogate escapes, comments, trailing
    /// commas, single quotes, `NaN` and `Infinity`, numbers not matching the grammar (`01`,
    /// `+1`, `.5`, `1.`, `1e`), empty input and anything after the value.
    ///
    /// An object with two members of the same name (compared after unescaping, and by Unicode
    /// canonical equivalence as `String` keys are) fails with
    /// ``ErrorCode/duplicateJSONMember``. Nesting of arrays and objects deeper than
    /// `maxDepth` fails with ``ErrorCode/jsonTooDeep``; a top-level object or array has
    /// depth 1, so a `maxDepth` of 0 allows only scalar values. The parser does not recurse,
    /// so deeply nested input cannot exhaust the stack.
    ///
    /// Numbers keep their exact literal; see ``JSONNumber``.
    ///
    /// - Parameters:
    ///   - bytes: The UTF-8 encoded JSON text.
    ///   - maxDepth: The deepest nesting of arrays and objects allowed. Keep it small: values
    ///     nested very deeply are compared, serialized and destroyed recursively.
    /// - Throws: ``JOSEError`` with code ``ErrorCode/invalidJSON``,
    ///   ``ErrorCode/duplicateJSONMember`` or ``ErrorCode/jsonTooDeep``.
    public init(parsing bytes: some Collection<UInt8>, maxDepth: Int = defaultMaximumDepth) throws(JOSEError) {
        let result: Result<JSONValue, JOSEError>
        if let direct = bytes.withContiguousStorageIfAvailable({ JSONParser.parse($0, maxDepth: maxDepth) }) {
            result = direct
        } else {
            let copy = Array(bytes)
            result = copy.withUnsafeBufferPointer { JSONParser.parse($0, maxDepth: maxDepth) }
        }
        self = try result.get()
    }

    /// Serialization as UTF-8, compact unless `format` says otherwise, with object members sorted by the UTF-8 bytes
    /// of their names so that the output is deterministic.
    ///
    /// Strings escape `"`, `\` and control characters (as `\b`, `\f`, `\n`, `\r`, `\t` or
    /// `\u00XX`); `/` and non-ASCII characters are written as they are. Numbers are written as
    /// their ``JSONNumber/literal``. The output parses back to an equal value.
    public func serialized(_ format: JSONFormat = .compact) -> [UInt8] {
        var writer = JSONWriter(format: format)
        writer.write(self)
        return writer.output
    }

    /// The compact serialization of an object whose members keep the given order (protocol messages whose
    /// parameter order is part of their expected form).
    package static func serializedObject(orderedMembers members: [(String, JSONValue)]) -> [UInt8] {
        var writer = JSONWriter()
        writer.write(members: members)
        return writer.output
    }
}

extension JSONValue: ExpressibleByNilLiteral {
    /// Creates `null`.
    public init(nilLiteral: ()) {
        self = .null
    }
}

extension JSONValue: ExpressibleByBooleanLiteral {
    /// Creates a `bool(_:)`.
    public init(booleanLiteral value: Bool) {
        self = .bool(value)
    }
}

extension JSONValue: ExpressibleByIntegerLiteral {
    /// Creates a `number(_:)` holding an exact integer.
    public init(integerLiteral value: Int64) {
        self = .number(JSONNumber(value))
    }
}

extension JSONValue: ExpressibleByFloatLiteral {
    /// Creates a `number(_:)` from a floating-point literal, which must be finite.
    public init(floatLiteral value: Double) {
        guard let number = JSONNumber(value) else {
            preconditionFailure("A JSON number must be finite")
        }
        self = .number(number)
    }
}

extension JSONValue: ExpressibleByStringLiteral {
    /// Creates a `string(_:)`.
    public init(stringLiteral value: String) {
        self = .string(value)
    }
}

extension JSONValue: ExpressibleByArrayLiteral {
    /// Creates an `array(_:)`.
    public init(arrayLiteral elements: JSONValue...) {
        self = .array(elements)
    }
}

extension JSONValue: ExpressibleByDictionaryLiteral {
    /// Creates an `object(_:)`. The keys must be unique, as in a `Dictionary` literal.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(uniqueKeysWithValues: elements))
    }
}
