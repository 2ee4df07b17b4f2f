import JOSE

/// `application/x-www-form-urlencoded` encoding and decoding (WHATWG URL §5, as RFC 6749 Appendix B uses it).
enum FormEncoding {
    /// Percent-encodes `text` as Python's `quote_plus`: ASCII letters, digits and `_.-~` stay, a space becomes `+`,
    /// every other byte of the UTF-8 form becomes `%XX` (upper-case hex).
    static func encode(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "-"),
                UInt8(ascii: "~"):
                output.append(byte)
            case UInt8(ascii: " "):
                output.append(UInt8(ascii: "+"))
            default:
                output.append(UInt8(ascii: "%"))
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes one name or value: `+` and `%20` both become a space; `%XX` must be two hex digits and the result
    /// valid UTF-8, else `nil`.
    static func decode(_ text: Substring) -> String? {
        var output: [UInt8] = []
        var bytes = text.utf8.makeIterator()
        while let byte = bytes.next() {
            switch byte {
            case UInt8(ascii: "+"): output.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = bytes.next().flatMap(hexValue), let low = bytes.next().flatMap(hexValue) else {
                    return nil
                }
                output.append(high << 4 | low)
            default: output.append(byte)
            }
        }
        return String(validating: output, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Splits a form into decoded pairs in order, dropping empty segments and blank values (Python `parse_qs`).
    static func pairs(_ form: String) -> [(String, String)]? {
        var result: [(String, String)] = []
        for segment in form.split(separator: "&", omittingEmptySubsequences: true) {
            let name: Substring
            let value: Substring
            if let equals = segment.firstIndex(of: "=") {
                name = segment[..<equals]
                value = segment[segment.index(after: equals)...]
            } else {
                name = segment
                value = ""
            }
            guard let decodedName = decode(name), let decodedValue = decode(value) else { return nil }
            if decodedValue.isEmpty || decodedName.isEmpty { continue }
            result.append((decodedName, decodedValue))
        }
        return result
    }
}
