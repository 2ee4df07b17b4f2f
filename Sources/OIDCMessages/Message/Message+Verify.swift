import JOSE

extension Message {
    /// Checks the message against its schema and returns the embedded messages that were verified on the way.
    ///
    /// In order: every required parameter is present and non-empty (`MessageError.Code.missingRequiredParameter`);
    /// every value with allowed values is one of them, every item for a list (`MessageError.Code.valueNotAllowed`);
    /// nested messages are verified with their own schema (errors name `outer.inner`); then the schema's
    /// ``MessageSchema/rules``. Types were checked when values were added.
    ///
    /// Unlike the Python original, an integer `0` is a present value, not a missing one.
    ///
    /// - Returns: The verified embedded messages by parameter name (for example the ID token of an
    ///   `id_token` parameter); empty when there were none.
    @discardableResult
    public func verify(_ options: VerificationOptions = VerificationOptions()) async throws(MessageError)
        -> [String: Message]
    {
        try checkDeclaredParameters()
        for name in order {
            guard let spec = schema.spec(for: name) else { continue }
            let nested: (MessageSchema, [JSONValue])
            switch (spec.type, values[name]) {
            case (.message(let inner), let value?): nested = (inner, [value])
            case (.messageList(let inner), .array(let items)?): nested = (inner, items)
            default: continue
            }
            for item in nested.1 {
                guard let fields = item.objectValue else { continue }
                do throws(MessageError) {
                    try await Message(nested.0, fields: fields, applyDefaults: false).verify(options)
                } catch {
                    throw MessageError(error.code, parameter: "\(name).\(error.parameter ?? "")", error.message)
                }
            }
        }
        var state = MessageVerification(message: self, options: options)
        for rule in schema.rules { try await rule.check(&state) }
        return state.verified
    }

    /// The required-parameter and allowed-value checks of `verify(_:)`, without the cross-parameter rules.
    public func checkDeclaredParameters() throws(MessageError) {
        for name in schema.parameterOrder {
            guard let spec = schema.parameters[name] else { continue }
            let value = values[name]
            let isEmpty: Bool
            switch value {
            case nil, .null: isEmpty = true
            case .string(let text): isEmpty = text.isEmpty
            case .array(let items): isEmpty = items.isEmpty
            default: isEmpty = false
            }
            if isEmpty {
                if spec.isRequired {
                    throw MessageError(.missingRequiredParameter, parameter: name, "A required parameter is missing")
                }
                continue
            }
            if let allowed = schema.allowedValues[name], let value {
                let items: [JSONValue]
                if case .array(let list) = value { items = list } else { items = [value] }
                for item in items {
                    let text: String
                    switch item {
                    case .string(let string): text = string
                    case .number(let number): text = number.literal
                    default: text = ""
                    }
                    guard allowed.containsExactly(text) else {
                        throw MessageError(
                            .valueNotAllowed, parameter: name, "The value is not one of the allowed values")
                    }
                }
            }
        }
    }

    /// Throws `MessageError.Code.missingRequiredParameter` for the first required parameter that is absent.
    func checkRequiredPresent() throws(MessageError) {
        for name in schema.requiredParameters where values[name] == nil {
            throw MessageError(.missingRequiredParameter, parameter: name, "A required parameter is missing")
        }
    }
}
