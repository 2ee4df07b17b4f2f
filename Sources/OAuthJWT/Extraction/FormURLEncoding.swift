/// Reads `application/x-www-form-urlencoded` data (a URL query or a form body) just far enough to find
/// `access_token` parameters.
enum FormURLEncoding {
    /// The decoded values of every parameter named `name`, in order, or `nil` when a parameter named `name` has an
    /// invalid percent-escape.
    static func values(named name: String, in encoded: some Collection<UInt8>) -> [String]? {
        var values: [String] = []
        for pair in encoded.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let nameEnd = pair.firstIndex(of: UInt8(ascii: "=")) ?? pair.endIndex
            guard let decodedName = decode(pair[pair.startIndex..<nameEnd]), decodedName == name else { continue }
            let valueStart = nameEnd == pair.endIndex ? nameEnd : pair.index(after: nameEnd)
            guard let value = decode(pair[valueStart...]) else { return nil }
            values.append(value)
        }
        return values
    }

    /// Percent-decodes `bytes`, `+` meaning a space; `nil` for a broken escape or invalid UTF-8.
    static func decode(_ bytes: some Collection<UInt8>) -> String? {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                let high = bytes.index(after: index)
                guard high != bytes.endIndex else { return nil }
                let low = bytes.index(after: high)
                guard low != bytes.endIndex, let upper = hexValue(bytes[high]), let lower = hexValue(bytes[low]) else {
                    return nil
                }
                output.append(upper << 4 | lower)
                index = bytes.index(after: low)
                continue
            }
            output.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            index = bytes.index(after: index)
        }
        let text = String(decoding: output, as: UTF8.self)
        return text.utf8.elementsEqual(output) ? text : nil
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
