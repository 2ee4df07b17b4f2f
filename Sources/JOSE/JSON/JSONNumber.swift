/// A JSON number that keeps its exact textual form.
///
/// JSON (RFC 8259) puts no limit on the size or precision of numbers, so a parsed number keeps
/// the literal exactly as it appeared in the document: `12345678901234567890` stays
/// `12345678901234567890` and is written back unchanged. `int64Value` gives the exact value
/// when the literal is an integer that fits `Int64`; `doubleValue` always gives the nearest
/// `Double`.
///
/// Two numbers are equal when they have the same exact decimal value, whatever their size or precision:
/// `1`, `1.0`, `10e-1` and `1e0` are all equal and hash alike, while `12345678901234567890` and
/// `12345678901234567891`, or `0.1` and `0.10000000000000000001`, are not (their `Double`s are).
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The exact textual form: as parsed, or the canonical form for numbers made from
    /// `Int64` or `Double` values. It always matches the RFC 8259 number grammar.
    public let literal: String

    /// The exact value, when `literal` is an integer (no fraction or exponent) that fits `Int64`.
    ///
    /// `nil` for literals such as `1.5`, `1e3`, `1.0` or `12345678901234567890`.
    public let int64Value: Int64?

    /// The value as the nearest `Double`.
    ///
    /// Literals too large for a `Double` give an infinity, tiny ones round to zero.
    public let doubleValue: Double

    /// Creates a number from an integer; its `literal` is the decimal form, such as `-42`.
    public init(_ value: Int64) {
        self.literal = String(value)
        self.int64Value = value
        self.doubleValue = Double(value)
    }

    /// Creates a number from a `Double`, or `nil` when the value is NaN or infinite.
    ///
    /// An integral value in the range of `Int64` gets an integer `literal` (`3.0` becomes `3`),
    /// so timestamps are written as plain integers; any other value gets the shortest form that
    /// reads back as the same `Double` (for example `0.1` or `1e+20`).
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        // In -2^63 ..< 2^63 the conversion to Int64 cannot trap; it truncates, so converting back
        // gives the same value exactly when the value is integral.
        if value >= -9.223_372_036_854_775_808e18, value < 9.223_372_036_854_775_808e18,
            !(value == 0 && value.sign == .minus)
        {
            let integer = Int64(value)
            if Double(integer) == value {
                self.init(integer)
                return
            }
        }
        self.init(literal: value.description, int64Value: nil, doubleValue: value)
    }

    private init(literal: String, int64Value: Int64?, doubleValue: Double) {
        self.literal = literal
        self.int64Value = int64Value
        self.doubleValue = doubleValue
    }

    /// Creates a number from its textual form, or `nil` when `literal` does not match the
    /// RFC 8259 number grammar exactly (no surrounding whitespace, no `+`, no leading zeros,
    /// digits required before and after `.` and after the exponent marker).
    public init?(literal: String) {
        var text = literal
        let scanned = text.withUTF8 { buffer -> JSONNumberScanner.Result? in
            guard let result = JSONNumberScanner.scan(buffer, from: 0), result.end == buffer.count else {
                return nil
            }
            return result
        }
        guard let scanned else { return nil }
        self.init(validatedLiteral: literal, int64Value: scanned.int64Value)
    }

    /// Creates a number from a literal already checked against the number grammar.
    init(validatedLiteral literal: String, int64Value: Int64?) {
        self.literal = literal
        self.int64Value = int64Value
        if let int64Value {
            self.doubleValue = Double(int64Value)
        } else {
            // A literal that matches the JSON grammar is always accepted by the standard
            // library's parser (overflow gives an infinity); the fallback is never used.
            self.doubleValue = Double(literal) ?? (literal.utf8.first == UInt8(ascii: "-") ? -.infinity : .infinity)
        }
    }

    /// The exact textual form, the same as `literal`.
    /// The text form.
    public var description: String { literal }

    /// Numeric equality by exact decimal value (see the type's description); never through `Double`.
    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        if let left = lhs.int64Value, let right = rhs.int64Value {
            return left == right
        }
        return ExactDecimal(lhs.literal) == ExactDecimal(rhs.literal)
    }

    /// Hashes the exact decimal value, consistently with `==(_:_:)`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(ExactDecimal(literal))
    }
}

/// The exact value of a JSON number literal as `sign × digits × 10^exponent`, with `digits` free of leading and
/// trailing zeros, so equal values have equal forms (zero is always positive with no digits).
struct ExactDecimal: Hashable {
    private var negative = false
    private var digits: [UInt8] = []
    private var exponent = 0
    /// An exponent too large to add to exactly (more than 15 digits): such literals are equal only to themselves.
    private var unrepresentable: String?

    /// The value of `literal`, which matches the RFC 8259 number grammar.
    init(_ literal: String) {
        var bytes = Array(literal.utf8)[...]
        if bytes.first == UInt8(ascii: "-") {
            negative = true
            bytes = bytes.dropFirst()
        }
        var fractionDigits = 0
        var inFraction = false
        while let byte = bytes.first, byte != UInt8(ascii: "e"), byte != UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if byte == UInt8(ascii: ".") {
                inFraction = true
            } else {
                if inFraction { fractionDigits += 1 }
                if !(digits.isEmpty && byte == UInt8(ascii: "0")) { digits.append(byte) }
            }
        }
        var written = 0
        if !bytes.isEmpty {
            bytes = bytes.dropFirst()  // the marker
            var exponentNegative = false
            if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                exponentNegative = sign == UInt8(ascii: "-")
                bytes = bytes.dropFirst()
            }
            let significant = bytes.drop { $0 == UInt8(ascii: "0") }
            guard significant.count <= 15 else {
                if !digits.isEmpty { unrepresentable = literal }
                negative = negative && !digits.isEmpty
                return
            }
            for byte in significant { written = written * 10 + Int(byte - UInt8(ascii: "0")) }
            if exponentNegative { written = -written }
        }
        // Leading zeros were skipped; count the trailing ones into the exponent.
        var trailingZeros = 0
        while digits.last == UInt8(ascii: "0") {
            digits.removeLast()
            trailingZeros += 1
        }
        if digits.isEmpty {
            negative = false
            return
        }
        exponent = written - fractionDigits + trailingZeros
    }
}

/// Matches the RFC 8259 number grammar on UTF-8 bytes.
enum JSONNumberScanner {
    /// The outcome of a successful scan.
    struct Result {
        /// The index just past the last byte of the number.
        var end: Int
        /// The exact value, when the number is an integer that fits `Int64`.
        var int64Value: Int64?
    }

    /// Scans the longest number starting at `start`:
    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    ///
    /// Returns `nil` when the bytes at `start` do not begin a valid number. The caller must check
    /// what follows `end` (for example, in `01` the number ends after `0`).
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Result? {
        var index = start
        func byte(_ at: Int) -> UInt8? { at >= 0 && at < bytes.count ? bytes[at] : nil }
        func isDigit(_ value: UInt8?) -> Bool {
            guard let value else { return false }
            return value >= UInt8(ascii: "0") && value <= UInt8(ascii: "9")
        }

        var negative = false
        if byte(index) == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        guard let first = byte(index), isDigit(first) else { return nil }

        // Accumulate negatively so that Int64.min is representable.
        var accumulator: Int64 = 0
        var fits = true
        if first == UInt8(ascii: "0") {
            index += 1
        } else {
            while let digit = byte(index), isDigit(digit) {
                if fits {
                    let (shifted, overflow1) = accumulator.multipliedReportingOverflow(by: 10)
                    let (next, overflow2) = shifted.subtractingReportingOverflow(Int64(digit &- UInt8(ascii: "0")))
                    if overflow1 || overflow2 {
                        fits = false
                    } else {
                        accumulator = next
                    }
                }
                index += 1
            }
        }

        var isInteger = true
        if byte(index) == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard isDigit(byte(index)) else { return nil }
            while isDigit(byte(index)) { index += 1 }
        }
        if let marker = byte(index), marker == UInt8(ascii: "e") || marker == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if let sign = byte(index), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                index += 1
            }
            guard isDigit(byte(index)) else { return nil }
            while isDigit(byte(index)) { index += 1 }
        }

        var exact: Int64?
        if isInteger && fits {
            if negative {
                exact = accumulator
            } else if accumulator != .min {
                exact = -accumulator
            }
        }
        return Result(end: index, int64Value: exact)
    }
}
