/// Writes ``JSONValue``s as UTF-8 JSON: compact for the wire, or indented for people, always deterministic.
struct JSONWriter {
    /// The bytes written so far.
    private(set) var output: [UInt8] = []
    private let format: JSONFormat
    private var depth = 0

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    init(format: JSONFormat = .compact) {
        self.format = format
    }

    /// Appends the serialization of `value`; object members sorted by the UTF-8 bytes of their names.
    mutating func write(_ value: JSONValue) {
        switch value {
        case .null:
            output.append(contentsOf: "null".utf8)
        case .bool(let flag):
            output.append(contentsOf: flag ? "true".utf8 : "false".utf8)
        case .number(let number):
            output.append(contentsOf: number.literal.utf8)
        case .string(let string):
            write(string: string)
        case .array(let elements):
            writeContainer(open: "[", close: "]", elements) { writer, element in writer.write(element) }
        case .object(let members):
            write(
                members: members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map {
                    ($0.key, $0.value)
                })
        }
    }

    /// Appends an object whose members keep the given order.
    mutating func write(members: [(String, JSONValue)]) {
        writeContainer(open: "{", close: "}", members) { writer, member in
            writer.write(string: member.0)
            writer.output.append(UInt8(ascii: ":"))
            if writer.format == .prettyPrinted { writer.output.append(UInt8(ascii: " ")) }
            writer.write(member.1)
        }
    }

    /// Appends `open`, the elements separated by commas (one per line when pretty), and `close`.
    private mutating func writeContainer<Elements: Collection>(
        open: Unicode.Scalar, close: Unicode.Scalar, _ elements: Elements,
        writeElement: (inout JSONWriter, Elements.Element) -> Void
    ) {
        output.append(UInt8(ascii: open))
        depth += 1
        var first = true
        for element in elements {
            if !first { output.append(UInt8(ascii: ",")) }
            first = false
            newLine()
            writeElement(&self, element)
        }
        depth -= 1
        if !elements.isEmpty { newLine() }
        output.append(UInt8(ascii: close))
    }

    /// In the pretty format, a line break and two spaces per level of nesting.
    private mutating func newLine() {
        guard format == .prettyPrinted else { return }
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    /// Appends a quoted string, escaping `"`, `\` and control characters only.
    private mutating func write(string: String) {
        output.append(UInt8(ascii: "\""))
        var text = string
        text.withUTF8 { utf8 in
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                runStart = index + 1
                output.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                    output.append(byte)
                case 0x08:
                    output.append(UInt8(ascii: "b"))
                case 0x0C:
                    output.append(UInt8(ascii: "f"))
                case 0x0A:
                    output.append(UInt8(ascii: "n"))
                case 0x0D:
                    output.append(UInt8(ascii: "r"))
                case 0x09:
                    output.append(UInt8(ascii: "t"))
                default:
                    output.append(contentsOf: "u00".utf8)
                    output.append(Self.hexDigits[Int(byte >> 4)])
                    output.append(Self.hexDigits[Int(byte & 0x0F)])
                }
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        }
        output.append(UInt8(ascii: "\""))
    }
}
