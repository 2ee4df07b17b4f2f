public import JOSE

/// The declaration of a message type: its parameters, defaults, allowed values and cross-parameter rules (the
/// Python original's `c_param`, `c_default`, `c_allowed_values` and `verify` override).
///
/// Schemas are values; the catalog lives in ``OAuth2`` and ``OpenIDConnect``. Derive a new type from an existing
/// one with `extending(_:parameters:removing:defaults:allowedValues:removingAllowedValues:rules:inheritRules:removingDefaults:)`, as the Python subclasses did.
public struct MessageSchema: Sendable {
    /// The type's name, for example `AuthorizationRequest`.
    public let name: String
    /// The declared parameters in declaration order.
    public let parameterOrder: [String]
    /// The declared parameters by name.
    public let parameters: [String: ParameterSpec]
    /// Values set when a message is made, in order; they come first in serializations.
    public let defaults: [(name: String, value: JSONValue)]
    /// For a parameter, the values it may take (every item, for a list).
    public let allowedValues: [String: [String]]
    /// Cross-parameter rules checked by ``Message/verify(_:)`` after the declared-parameter checks, in order.
    public let rules: [MessageRule]

    /// Declares a message type.
    public init(
        _ name: String, parameters: KeyValuePairs<String, ParameterSpec>,
        defaults: KeyValuePairs<String, JSONValue> = [:], allowedValues: [String: [String]] = [:],
        rules: [MessageRule] = []
    ) {
        self.name = name
        self.parameterOrder = parameters.map(\.key)
        self.parameters = Dictionary(parameters.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
        self.defaults = defaults.map { (name: $0.key, value: $0.value) }
        self.allowedValues = allowedValues
        self.rules = rules
    }

    private init(
        name: String, parameterOrder: [String], parameters: [String: ParameterSpec],
        defaults: [(name: String, value: JSONValue)], allowedValues: [String: [String]], rules: [MessageRule]
    ) {
        self.name = name
        self.parameterOrder = parameterOrder
        self.parameters = parameters
        self.defaults = defaults
        self.allowedValues = allowedValues
        self.rules = rules
    }

    /// A new type with this one's declarations plus (or overriding) the given ones. `defaults` and
    /// `allowedValues` entries replace inherited entries of the same name; `rules` run after the inherited rules
    /// unless `inheritRules` is `false`. `removing` drops inherited parameters, `removingDefaults` every inherited
    /// default.
    public func extending(
        _ name: String, parameters: KeyValuePairs<String, ParameterSpec> = [:], removing: [String] = [],
        defaults: KeyValuePairs<String, JSONValue> = [:], allowedValues: [String: [String]] = [:],
        removingAllowedValues: [String] = [], rules: [MessageRule] = [], inheritRules: Bool = true,
        removingDefaults: Bool = false
    ) -> MessageSchema {
        var order = parameterOrder.filter { !removing.contains($0) }
        var specs = self.parameters.filter { !removing.contains($0.key) }
        for (key, spec) in parameters {
            if specs[key] == nil { order.append(key) }
            specs[key] = spec
        }
        var mergedDefaults = self.defaults.filter { entry in
            !removingDefaults && !removing.contains(entry.name) && !defaults.contains { $0.key == entry.name }
        }
        mergedDefaults.append(contentsOf: defaults.map { (name: $0.key, value: $0.value) })
        var allowed = self.allowedValues.filter { !removingAllowedValues.contains($0.key) }
        allowed.merge(allowedValues) { $1 }
        return MessageSchema(
            name: name, parameterOrder: order, parameters: specs, defaults: mergedDefaults,
            allowedValues: allowed, rules: (inheritRules ? self.rules : []) + rules)
    }

    /// The declaration for `name`, also for a language-tagged name such as `client_name#ja-Jpan-JP`.
    public func spec(for name: String) -> ParameterSpec? {
        if let spec = parameters[name] { return spec }
        if let hash = name.firstIndex(of: "#"), let spec = parameters[String(name[..<hash])] { return spec }
        return nil
    }

    /// The names of the required parameters, in declaration order.
    public var requiredParameters: [String] { parameterOrder.filter { parameters[$0]?.isRequired == true } }
}

/// A cross-parameter rule of a message type, run by ``Message/verify(_:)``.
public struct MessageRule: Sendable {
    let check: @Sendable (inout MessageVerification) async throws(MessageError) -> Void

    /// A rule. It reads the message and options from the ``MessageVerification`` and may record verified embedded
    /// messages in it.
    public init(_ check: @escaping @Sendable (inout MessageVerification) async throws(MessageError) -> Void) {
        self.check = check
    }
}

extension MessageSchema {
    /// This schema without any defaults.
    public func withoutDefaults() -> MessageSchema {
        extending(name, removingDefaults: true)
    }
}
