import JOSE

/// Writes a JSON object whose members keep the given order (``JSONValue/serialized()`` sorts them), compact,
/// with nested values written by ``JSONValue/serialized()``.
enum OrderedJSON {
    static func object(_ members: [(String, JSONValue)]) -> [UInt8] {
        var output: [UInt8] = [UInt8(ascii: "{")]
        for (index, (name, value)) in members.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            output.append(contentsOf: JSONValue.string(name).serialized())
            output.append(UInt8(ascii: ":"))
            output.append(contentsOf: value.serialized())
        }
        output.append(UInt8(ascii: "}"))
        return output
    }
}
