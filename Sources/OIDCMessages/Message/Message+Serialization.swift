extension Message {
    /// A text serialization of a message (Python `serialize(method)`; JWTs go through `jwt(signedWith:algorithm:extraHeader:)`
    /// and `init(_:jwt:options:)` because they need keys).
    public enum Format: String, Sendable, Hashable, CaseIterable {
        /// The JSON form, see `jsonString()`.
        case json
        /// The `application/x-www-form-urlencoded` form, see `urlEncoded(lax:)`.
        case urlEncoded = "urlencoded"
    }

    /// The message in `format`.
    /// - Throws: `MessageError.Code.missingRequiredParameter` for the form when a required parameter is missing.
    public func serialized(as format: Format) throws(MessageError) -> String {
        switch format {
        case .json: jsonString()
        case .urlEncoded: try urlEncoded()
        }
    }

    /// Reads a message of `schema` from `text` in `format` (Python `deserialize(info, method)`).
    public init(_ schema: MessageSchema, deserializing text: String, as format: Format) throws(MessageError) {
        switch format {
        case .json: try self.init(schema, jsonString: text)
        case .urlEncoded: try self.init(schema, urlEncoded: text)
        }
    }
}
