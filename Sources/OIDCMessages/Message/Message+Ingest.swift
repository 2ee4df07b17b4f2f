public import JOSE

extension Message {
    /// Sets `name` to `value`, checked and normalized for the parameter's declared type (Python `_add_value`).
    ///
    /// - `""` and `[""]` remove the parameter instead, as in the original; so does `null` unless the parameter
    ///   allows it.
    /// - Lists accept an array of strings or one string: a ``ParameterType/spaceSeparatedStrings`` string is split
    ///   on spaces, a ``ParameterType/stringList`` string becomes a one-element list. An empty list is dropped.
    /// - Integers accept a number without fraction or a string of decimal digits.
    /// - Booleans accept only `true`/`false`.
    /// - JSON objects and nested messages accept an object, or a string holding a JSON object.
    /// - Undeclared parameters are stored as given.
    /// - Throws: `MessageError.Code.wrongType` naming `name`.
    public mutating func setValue(_ value: JSONValue, for name: String) throws(MessageError) {
        guard let spec = schema.spec(for: name) else {
            if case .string("") = value { removeValue(for: name) } else { store(value, for: name) }
            return
        }
        guard let normalized = try Self.normalize(value, spec: spec, name: name, fromForm: false) else {
            removeValue(for: name)
            return
        }
        store(normalized, for: name)
    }

    static func normalize(_ value: JSONValue, spec: ParameterSpec, name: String, fromForm: Bool)
        throws(MessageError) -> JSONValue?
    {
        if case .null = value { return spec.allowsNull ? .null : nil }
        if case .string("") = value { return nil }
        if case .array(let items) = value, items == [.string("")] { return nil }
        func wrong(_ expected: String) -> MessageError {
            MessageError(.wrongType, parameter: name, "The value must be \(expected)")
        }
        switch spec.type {
        case .string, .idToken:
            guard case .string = value else { throw wrong("a string") }
            return value
        case .integer:
            switch value {
            case .number(let number):
                guard number.int64Value != nil else { throw wrong("an integer") }
                return value
            case .string(let text):
                guard text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let number = Int64(text) else {
                    throw wrong("an integer")
                }
                return .number(JSONNumber(number))
            default: throw wrong("an integer")
            }
        case .boolean:
            switch value {
            case .bool: return value
            case .string("true") where fromForm: return .bool(true)
            case .string("false") where fromForm: return .bool(false)
            default: throw wrong("a boolean")
            }
        case .stringList, .spaceSeparatedStrings:
            let splitting: Bool
            if case .spaceSeparatedStrings = spec.type { splitting = true } else { splitting = fromForm }
            var items: [String]
            switch value {
            case .string(let text):
                items = splitting ? text.split(separator: " ").map(String.init) : [text]
            case .array(let elements):
                items = []
                for element in elements {
                    guard let text = element.stringValue else { throw wrong("a list of strings") }
                    items.append(text)
                }
                if splitting, items.count == 1 { items = items[0].split(separator: " ").map(String.init) }
            default: throw wrong("a list of strings")
            }
            items.removeAll { $0.isEmpty }
            return items.isEmpty ? nil : .array(items.map(JSONValue.string))
        case .jsonObject:
            return .object(try objectValue(value, name: name))
        case .message(let nested):
            let fields = try objectValue(value, name: name)
            return .object(try Message(nested, fields: fields, applyDefaults: false).values)
        case .messageList(let nested):
            var elements: [JSONValue]
            switch value {
            case .array(let items): elements = items
            case .object: elements = [value]
            case .string:
                guard case .array(let items) = try parsedJSON(value, name: name) else {
                    throw wrong("a list of objects")
                }
                elements = items
            default: throw wrong("a list of objects")
            }
            var result: [JSONValue] = []
            for element in elements {
                guard let fields = element.objectValue else { throw wrong("a list of objects") }
                result.append(.object(try Message(nested, fields: fields, applyDefaults: false).values))
            }
            return result.isEmpty ? nil : .array(result)
        }
    }

    private static func parsedJSON(_ value: JSONValue, name: String) throws(MessageError) -> JSONValue {
        guard case .string(let text) = value else { return value }
        do {
            return try JSONValue(parsing: Array(text.utf8))
        } catch {
            throw MessageError(.wrongType, parameter: name, "The value is not valid JSON")
        }
    }

    private static func objectValue(_ value: JSONValue, name: String) throws(MessageError) -> [String: JSONValue] {
        guard case .object(let fields) = try parsedJSON(value, name: name) else {
            throw MessageError(.wrongType, parameter: name, "The value must be a JSON object")
        }
        return fields
    }
}
