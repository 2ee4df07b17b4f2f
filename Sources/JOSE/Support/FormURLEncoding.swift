/// `application/x-www-form-urlencoded` (WHATWG URL §5, as RFC 6749 Appendix B and RFC 6750 §2.2–2.3 use it): the one
/// form codec of the package, for the bearer token in a query or form body and for OIDCMessages' form messages.
package enum FormURLEncoding {
    /// Percent-encodes `text` as Python's `quote_plus` does: ASCII letters, digits and `_.-~` stay, a space becomes
    /// `+`, every other byte of the UTF-8 form becomes `%XX` (upper-case hex).
    package static func encode(_ text: String) -> String {
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

    /// Percent-decodes one name or value, `+` meaning a space; `nil` for a broken escape (`%` without two hex digits)
    /// or a result that is not valid UTF-8.
    package static func decode(_ bytes: some Collection<UInt8>) -> String? {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): output.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    return nil
                }
                output.append(high << 4 | low)
            default: output.append(byte)
            }
        }
        return String(validating: output, as: UTF8.self)
    }

    /// The still-encoded name and value of each non-empty `&`-separated segment, in order (a segment without `=`
    /// has an empty value).
    private static func segments<Bytes: Collection<UInt8>>(_ encoded: Bytes) -> [(
        name: Bytes.SubSequence, value: Bytes.SubSequence
    )] {
        encoded.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true).map { segment in
            let nameEnd = segment.firstIndex(of: UInt8(ascii: "=")) ?? segment.endIndex
            let valueStart = nameEnd == segment.endIndex ? nameEnd : segment.index(after: nameEnd)
            return (segment[segment.startIndex..<nameEnd], segment[valueStart...])
        }
    }

    /// The decoded values of every parameter named `name`, in order, or `nil` when one of them has a broken escape.
    /// Other parameters are not decoded, so their errors do not matter.
    package static func values(named name: String, in encoded: some Collection<UInt8>) -> [String]? {
        var values: [String] = []
        for segment in segments(encoded) {
            guard let decodedName = decode(segment.name), decodedName.utf8.elementsEqual(name.utf8) else { continue }
            guard let value = decode(segment.value) else { return nil }
            values.append(value)
        }
        return values
    }

    /// Every pair decoded, in order, dropping pairs with an empty name or value (Python's `parse_qs`); `nil` when any
    /// name or value has a broken escape.
    package static func pairs(_ form: String) -> [(String, String)]? {
        var result: [(String, String)] = []
        for segment in segments(form.utf8) {
            guard let name = decode(segment.name), let value = decode(segment.value) else { return nil }
            if !name.isEmpty, !value.isEmpty { result.append((name, value)) }
        }
        return result
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
