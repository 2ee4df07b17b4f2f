public import JOSE

/// An OAuth 2.0 / OpenID Connect message: the parameters of one ``MessageSchema``, in insertion order.
///
/// Values are held as `JSONValue`s in the parameter's canonical form: lists (both kinds) as arrays of strings,
/// integers as numbers, nested messages and JSON objects as objects, ID tokens as the compact JWT string. Every
/// value is type-checked and normalized when it is added (see `setValue(_:for:)`); the required, allowed-value
/// and cross-parameter rules are checked by `verify(_:)`. Undeclared parameters are kept as they are and
/// survive every serialization.
///
/// ```swift
/// let request = try Message(OAuth2.authorizationRequest, [
///     "response_type": ["code"], "client_id": "foobar", "state": "xyz",
/// ])
/// let form = try request.urlEncoded()      // response_type=code&client_id=foobar&state=xyz
/// ```
public struct Message: Sendable, Hashable {
    /// The message type.
    public let schema: MessageSchema
    private(set) var order: [String] = []
    private(set) var values: [String: JSONValue] = [:]

    /// An empty message of `schema` holding only the schema's defaults (unless `applyDefaults` is `false`).
    public init(_ schema: MessageSchema, applyDefaults: Bool = true) {
        self.schema = schema
        if applyDefaults {
            for (name, value) in schema.defaults { try? setValue(value, for: name) }
        }
    }

    /// A message of `schema` with the defaults followed by `parameters`, in that order.
    /// - Throws: `MessageError.Code.wrongType` naming the first parameter whose value has the wrong type.
    public init(
        _ schema: MessageSchema, _ parameters: KeyValuePairs<String, JSONValue>, applyDefaults: Bool = true
    ) throws(MessageError) {
        self.init(schema, applyDefaults: applyDefaults)
        for (name, value) in parameters { try setValue(value, for: name) }
    }

    /// A message of `schema` from the members of a JSON object (the Python `from_dict`).
    public init(_ schema: MessageSchema, fields: [String: JSONValue], applyDefaults: Bool = true)
        throws(MessageError)
    {
        self.init(schema, applyDefaults: applyDefaults)
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) { try setValue(value, for: name) }
    }

    /// The parameter names present, in insertion order.
    public var parameterNames: [String] { order }
    /// The number of parameters present.
    public var count: Int { order.count }
    /// Whether the message has no parameters.
    public var isEmpty: Bool { order.isEmpty }

    /// The stored value of `name`, or `nil`. Setting goes through `setValue(_:for:)` and drops values of the
    /// wrong type; use `setValue(_:for:)` directly to see the error.
    public subscript(name: String) -> JSONValue? {
        get { values[name] }
        set {
            if let newValue { try? setValue(newValue, for: name) } else { removeValue(for: name) }
        }
    }

    /// Whether `name` is present.
    public func contains(_ name: String) -> Bool { values[name] != nil }

    /// Removes `name` and returns its value.
    @discardableResult
    public mutating func removeValue(for name: String) -> JSONValue? {
        guard let old = values.removeValue(forKey: name) else { return nil }
        order.removeAll { $0 == name }
        return old
    }

    /// The undeclared parameters (Python `extra()`).
    public var extras: [String: JSONValue] { values.filter { schema.spec(for: $0.key) == nil } }

    /// A copy without the undeclared parameters (Python `weed()`).
    public func weeded() -> Message {
        var copy = self
        for name in order where schema.spec(for: name) == nil { copy.removeValue(for: name) }
        return copy
    }

    /// Adds every parameter of `other` (Python `update`), replacing values of the same name.
    public mutating func merge(_ other: Message) throws(MessageError) {
        for name in other.order {
            guard let value = other.values[name] else { continue }
            try setValue(value, for: name)
        }
    }

    /// The members as a JSON object value (nested messages as objects, lists in their canonical array form).
    public var fields: [String: JSONValue] { values }

    /// Two messages are equal when they are of the same type (by name) and hold the same parameters, in any order.
    public static func == (lhs: Message, rhs: Message) -> Bool {
        lhs.schema.name == rhs.schema.name && lhs.values == rhs.values
    }

    /// Hashes the type name and parameters.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(schema.name)
        hasher.combine(values)
    }

    mutating func store(_ value: JSONValue, for name: String) {
        if values.updateValue(value, forKey: name) == nil { order.append(name) }
    }
}

// MARK: - Typed reading

extension Message {
    /// The string value of `name`.
    public func string(_ name: String) -> String? { values[name]?.stringValue }

    /// The integer value of `name`.
    public func integer(_ name: String) -> Int64? { values[name]?.numberValue?.int64Value }

    /// The Boolean value of `name`.
    public func boolean(_ name: String) -> Bool? { values[name]?.boolValue }

    /// The list value of `name` (either list kind), or a one-element list for a string value.
    public func strings(_ name: String) -> [String]? {
        switch values[name] {
        case .array(let items): items.compactMap(\.stringValue)
        case .string(let single): [single]
        default: nil
        }
    }

    /// The nested message of `name`, read with `schema` (for example the ``OpenIDConnect/claimsRequest`` of
    /// `claims`).
    public func message(_ name: String, as schema: MessageSchema) throws(MessageError) -> Message? {
        guard let fields = values[name]?.objectValue else { return nil }
        return try Message(schema, fields: fields, applyDefaults: false)
    }
}
