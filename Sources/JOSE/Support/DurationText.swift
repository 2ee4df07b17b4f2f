/// Durations written as text, node style: the one parser behind OIDCMessages' `TimeSpan`-like options and the
/// CLI's `--expires-in`.
///
/// The grammar and units are those of the `ms` package (v2.0.0), which node-jsonwebtoken uses: a decimal number
/// (`(\d+)?\.?\d+`), optional spaces, then a unit, case-insensitive: `ms`/`msec(s)`/`millisecond(s)`,
/// `s`/`sec(s)`/`second(s)`, `m`/`min(s)`/`minute(s)`, `h`/`hr(s)`/`hour(s)`, `d`/`day(s)`, `y`/`yr(s)`/`year(s)`
/// (365.25 days). Text longer than 100 characters, negative values and other units are refused.
///
/// **A number without a unit is milliseconds** (`"60"` is 0.06 s), as in `ms`. That is easy to misread, so callers
/// that are not bound to node's behaviour refuse unit-less text (see `hasUnit(_:)`).
package enum DurationText {
    /// The duration in milliseconds, or `nil` when `text` does not parse.
    package static func milliseconds(_ text: String) -> Double? {
        guard let (value, unit) = split(text) else { return nil }
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

    /// Whether `text` parses and names its unit (so it cannot be misread as seconds or milliseconds).
    package static func hasUnit(_ text: String) -> Bool {
        guard let (_, unit) = split(text) else { return false }
        return !unit.isEmpty && milliseconds(text) != nil
    }

    /// The number and the lowercased unit.
    private static func split(_ text: String) -> (Double, String)? {
        guard !text.isEmpty, text.utf8.count <= 100 else { return nil }
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count, (48...57).contains(bytes[index]) || bytes[index] == 46 { index += 1 }
        let number = String(decoding: bytes[..<index], as: UTF8.self)
        // `(?:\d+)?\.?\d+`: at most one dot, and at least one digit after it.
        let dots = number.utf8.count(where: { $0 == 46 })
        guard !number.isEmpty, dots <= 1, number.last != ".", let value = Double(number) else { return nil }
        while index < bytes.count, bytes[index] == 32 { index += 1 }
        return (value, String(decoding: bytes[index...], as: UTF8.self).lowercased())
    }
}
