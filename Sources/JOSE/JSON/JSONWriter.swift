/// Writes ``JSONValue``s as compact, deterministic UTF-8 JSON.
struct JSONWriter {
    /// The bytes written so far.
    private(set) var output: [UInt8] = []

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends the serialization of `value`.
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
            output.append(UInt8(ascii: "["))
            var first = true
            for element in elements {
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                write(element)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            let sorted = members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            var first = true
            for (name, member) in sorted {
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                write(string: name)
                output.append(UInt8(ascii: ":"))
                write(member)
            }
            output.append(UInt8(ascii: "}"))
        }
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
