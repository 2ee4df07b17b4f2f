import JOSE

extension Message {
    /// The `application/x-www-form-urlencoded` form (Python `to_urlencoded`), parameters in insertion order.
    ///
    /// A declared list of either kind is ONE parameter with the items space-joined (`scope=openid+email`), as
    /// RFC 6749 §3.3 wants; an undeclared array is written as repeated parameters. Nested messages, JSON objects
    /// and message lists are written as their JSON text; integers in decimal; Booleans as `true`/`false` (the
    /// Python original wrote `True`/`False`). A space is written as `+`.
    ///
    /// - Parameter lax: Skip the required-parameter check (Python `lax`).
    /// - Throws: `MessageError.Code.missingRequiredParameter` for a missing required parameter unless `lax`.
    public func urlEncoded(lax: Bool = false) throws(MessageError) -> String {
        if !lax { try checkRequiredPresent() }
        var parts: [String] = []
        for name in order {
            let value = values[name]!
            let spec = schema.spec(for: name)
            let texts: [String]
            switch (spec?.type, value) {
            case (.stringList?, .array(let items)), (.spaceSeparatedStrings?, .array(let items)):
                texts = [items.compactMap(\.stringValue).joined(separator: " ")]
            case (nil, .array(let items)):
                texts = items.map(Self.formText)
            case (_, .null):
                texts = spec?.allowsNull == true ? ["null"] : []
            default:
                texts = [Self.formText(Self.wireValue(value, spec: spec))]
            }
            for text in texts { parts.append(FormURLEncoding.encode(name) + "=" + FormURLEncoding.encode(text)) }
        }
        return parts.joined(separator: "&")
    }

    private static func formText(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .number(let number): number.literal
        case .bool(let flag): flag ? "true" : "false"
        default: String(decoding: value.serialized(), as: UTF8.self)
        }
    }

    /// Reads the `application/x-www-form-urlencoded` form (Python `from_urlencoded`).
    ///
    /// `+` and `%20` both decode to a space; empty values are dropped. A declared list is split on spaces. A
    /// declared parameter that occurs more than once is refused (RFC 6749 §3.1: "parameters MUST NOT be included
    /// more than once"); the Python original refused only single-valued ones and silently kept the first value of
    /// a list. An undeclared parameter that repeats becomes an array. Integers and Booleans are converted (the
    /// original kept them as strings); nested messages and JSON objects are read from their JSON text.
    ///
    /// - Throws: `MessageError.Code.malformedInput` for a bad percent escape, invalid UTF-8, or a non-empty
    ///   form with no parameter; `MessageError.Code.tooManyValues` naming a repeated declared parameter;
    ///   `MessageError.Code.wrongType` naming a value of the wrong type.
    public init(_ schema: MessageSchema, urlEncoded form: String, applyDefaults: Bool = true) throws(MessageError) {
        self.init(schema, applyDefaults: applyDefaults)
        guard let pairs = FormURLEncoding.pairs(form) else {
            throw MessageError(.malformedInput, "The form has an invalid percent escape or invalid UTF-8")
        }
        if pairs.isEmpty, !form.isEmpty { throw MessageError(.malformedInput, "The form holds no parameter") }
        var seen: [String: [String]] = [:]
        var names: [String] = []
        for (name, value) in pairs {
            if seen[name] == nil { names.append(name) }
            seen[name, default: []].append(value)
        }
        for name in names {
            let occurrences = seen[name]!
            guard let spec = schema.spec(for: name) else {
                store(
                    occurrences.count == 1 ? .string(occurrences[0]) : .array(occurrences.map(JSONValue.string)),
                    for: name)
                continue
            }
            guard occurrences.count == 1 else {
                throw MessageError(.tooManyValues, parameter: name, "The parameter occurs more than once")
            }
            if let normalized = try Self.normalize(.string(occurrences[0]), spec: spec, name: name, fromForm: true) {
                store(normalized, for: name)
            }
        }
    }

    /// `url` with the form of this message appended: after `?`, after `&` when `url` already has a query, or
    /// after `#` when `fragment` is set (Python `request`).
    public func request(_ url: String, fragment: Bool = false, lax: Bool = false) throws(MessageError) -> String {
        let form = try urlEncoded(lax: lax)
        if fragment { return url + "#" + form }
        return url + (url.contains("?") ? "&" : "?") + form
    }
}
