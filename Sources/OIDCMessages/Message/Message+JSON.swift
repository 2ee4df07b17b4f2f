public import JOSE

extension Message {
    /// The wire form of each parameter, in insertion order: space-separated lists joined into one string, every
    /// other value as stored (nested messages converted the same way, recursively).
    public var wireMembers: [(name: String, value: JSONValue)] {
        order.compactMap { name in values[name].map { (name, Self.wireValue($0, spec: schema.spec(for: name))) } }
    }

    static func wireValue(_ value: JSONValue, spec: ParameterSpec?) -> JSONValue {
        guard let spec else { return value }
        switch (spec.type, value) {
        case (.spaceSeparatedStrings, .array(let items)):
            return .string(items.compactMap(\.stringValue).joined(separator: " "))
        case (.message(let nested), .object(let fields)):
            return .object(nestedWire(fields, schema: nested))
        case (.messageList(let nested), .array(let items)):
            return .array(items.map { $0.objectValue.map { .object(nestedWire($0, schema: nested)) } ?? $0 })
        default:
            return value
        }
    }

    private static func nestedWire(_ fields: [String: JSONValue], schema: MessageSchema) -> [String: JSONValue] {
        fields.mapValues { $0 }.reduce(into: [:]) { result, member in
            result[member.key] = wireValue(member.value, spec: schema.spec(for: member.key))
        }
    }

    /// The JSON form (Python `to_json`): a compact object in insertion order, space-separated lists as one string
    /// (`"scope":"openid email"`), string lists as arrays, nested messages and JSON objects as objects.
    ///
    /// The Python original wrote `", "` and `": "` separators; the output here is compact and parses to the same
    /// value.
    public func jsonBytes() -> [UInt8] {
        JSONValue.serializedObject(orderedMembers: wireMembers.map { ($0.name, $0.value) })
    }

    /// `jsonBytes()` as a string.
    public func jsonString() -> String { String(decoding: jsonBytes(), as: UTF8.self) }

    /// Reads the JSON form (Python `from_json`): one JSON object, parsed strictly (duplicate member names are
    /// refused), each member added with `setValue(_:for:)`.
    /// - Throws: `MessageError.Code.malformedInput` when the text is not a JSON object;
    ///   `MessageError.Code.wrongType` naming a parameter of the wrong type.
    public init(_ schema: MessageSchema, json: some Collection<UInt8>, applyDefaults: Bool = true)
        throws(MessageError)
    {
        let parsed: JSONValue
        do {
            parsed = try JSONValue(parsing: json)
        } catch {
            throw MessageError(.malformedInput, "The input is not valid JSON", underlying: error)
        }
        guard case .object(let fields) = parsed else {
            throw MessageError(.malformedInput, "The input is not a JSON object")
        }
        try self.init(schema, fields: fields, applyDefaults: applyDefaults)
    }

    /// Reads the JSON form from a string. See `init(_:json:applyDefaults:)`.
    public init(_ schema: MessageSchema, jsonString: String, applyDefaults: Bool = true) throws(MessageError) {
        try self.init(schema, json: Array(jsonString.utf8), applyDefaults: applyDefaults)
    }
}
