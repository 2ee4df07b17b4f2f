/// How ``JSONValue/serialized(_:)`` lays out its output. Either way, object members are sorted by the UTF-8 bytes of
/// their names, so the same value always gives the same bytes.
public enum JSONFormat: Sendable, Hashable {
    /// No whitespace: for tokens, key sets and anything else that goes on the wire.
    case compact
    /// One member or element per line, indented by two spaces per level, `": "` after names: for people to read.
    case prettyPrinted
}
