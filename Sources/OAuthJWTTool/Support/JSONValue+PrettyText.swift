import JOSE

extension JSONValue {
    /// The indented form (``JSONFormat/prettyPrinted``) as text, for the terminal.
    var prettyText: String { String(decoding: serialized(.prettyPrinted), as: UTF8.self) }
}
