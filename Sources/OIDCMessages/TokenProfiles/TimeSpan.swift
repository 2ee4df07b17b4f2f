/// A duration as node-jsonwebtoken takes it: a number of seconds, or a string such as `"2 days"`, `"10h"`,
/// `"1.5y"` parsed like the `ms` package (v2.0.0).
///
/// String units, case-insensitive, with optional spaces before them: `ms`/`msec(s)`/`millisecond(s)`,
/// `s`/`sec(s)`/`second(s)`, `m`/`min(s)`/`minute(s)`, `h`/`hr(s)`/`hour(s)`, `d`/`day(s)`,
/// `y`/`yr(s)`/`year(s)` (365.25 days). No unit means **milliseconds** (`"60"` is 0.06 s). There is no week unit
/// and no negative value; strings longer than 100 characters are invalid.
public enum TimeSpan: Sendable, Hashable, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
    /// Whole seconds.
    case seconds(Int64)
    /// A textual span such as `"2 days"`.
    case text(String)

    /// Creates ``seconds(_:)``.
    public init(integerLiteral value: Int64) { self = .seconds(value) }
    /// Creates ``text(_:)``.
    public init(stringLiteral value: String) { self = .text(value) }

    /// The time `base` plus this span, in whole seconds (rounded down), or `nil` when the text does not parse.
    public func added(to base: Int64) -> Int64? {
        switch self {
        case .seconds(let seconds): return base + seconds
        case .text(let text):
            guard let milliseconds = Self.milliseconds(text) else { return nil }
            return Int64((Double(base) + milliseconds / 1000).rounded(.down))
        }
    }

    static func milliseconds(_ text: String) -> Double? {
        guard !text.isEmpty, text.utf8.count <= 100 else { return nil }
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count, (48...57).contains(bytes[index]) || bytes[index] == 46 { index += 1 }
        let number = String(decoding: bytes[..<index], as: UTF8.self)
        // `(?:\d+)?\.?\d+`: at most one dot, and at least one digit after it.
        let dots = number.filter { $0 == "." }.count
        guard !number.isEmpty, dots <= 1, number.last != ".", let value = Double(number) else { return nil }
        while index < bytes.count, bytes[index] == 32 { index += 1 }
        let unit = String(decoding: bytes[index...], as: UTF8.self).lowercased()
        let second = 1000.0
        let factor: Double
        switch unit {
        case "", "ms", "msec", "msecs", "millisecond", "milliseconds": factor = 1
        case "s", "sec", "secs", "second", "seconds": factor = second
        case "m", "min", "mins", "minute", "minutes": factor = 60 * second
        case "h", "hr", "hrs", "hour", "hours": factor = 3600 * second
        case "d", "day", "days": factor = 86400 * second
        case "y", "yr", "yrs", "year", "years": factor = 365.25 * 86400 * second
        default: return nil
        }
        return value * factor
    }
}
