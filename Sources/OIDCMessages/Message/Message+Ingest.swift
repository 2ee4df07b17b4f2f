public import JOSE

extension Message {
    /// Sets `name` to `value`, checked and normalized for the parameter's declared type (Python `_add_value`).
    ///
    /// - `""` and `[""]` remove the parameter instead; so does `null` unless the parameter allows it. A parameter
    ///   that holds its schema default keeps it, as in the original, which skips empty values when a message is
    ///   read (`{"grant_type": ""}` is a client-credentials request with its default `grant_type`).
    /// - Lists accept an array of strings or one string: a ``ParameterType/spaceSeparatedStrings`` string is split
    ///   on single spaces, a ``ParameterType/stringList`` string becomes a one-element list. An empty item (two
    ///   spaces in a row, a leading or trailing space, `""` in an array) is refused: RFC 6749 §3.3 makes a scope
    ///   token one or more characters, and no other list parameter has empty values.
    /// - Integers accept a number without fraction or a string of decimal digits.
    /// - Booleans accept only `true`/`false`; from a form also `True`/`False`, which Python peers write.
    /// - JSON objects and nested messages accept an object, or a string holding a JSON object.
    /// - Undeclared parameters are stored as given.
    /// - Throws: `MessageError.Code.wrongType` naming `name`; `MessageError.Code.invalidValue` for a list with an
    ///   empty item.
    public mutating func setValue(_ value: JSONValue, for name: String) throws(MessageError) {
        guard let spec = schema.spec(for: name) else {
            if case .string("") = value { removeValue(for: name) } else { store(value, for: name) }
            return
        }
        guard let normalized = try Self.normalize(value, spec: spec, name: name, fromForm: false) else {
            if let current = values[name],
                schema.defaults.contains(where: { $0.name.hasSameBytes(as: name) && $0.value == current })
            {
                return
            }
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
            case .string("true") where fromForm, .string("True") where fromForm: return .bool(true)
            case .string("false") where fromForm, .string("False") where fromForm: return .bool(false)
            default: throw wrong("a boolean")
            }
        case .stringList, .spaceSeparatedStrings:
            let splitting: Bool
            if case .spaceSeparatedStrings = spec.type { splitting = true } else { splitting = fromForm }
            var items: [String]
            func split(_ text: String) -> [String] {
                text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            }
            switch value {
            case .string(let text):
                items = splitting ? split(text) : [text]
            case .array(let elements):
                items = []
                for element in elements {
                    guard let text = element.stringValue else { throw wrong("a list of strings") }
                    items.append(text)
                }
                if splitting, items.count == 1 { items = split(items[0]) }
            default: throw wrong("a list of strings")
            }
            guard !items.contains(where: \.isEmpty) else {
                throw MessageError(.invalidValue, parameter: name, "The list has an empty item")
            }
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
