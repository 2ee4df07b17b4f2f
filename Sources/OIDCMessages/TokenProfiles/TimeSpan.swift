import JOSE

/// A duration as node-jsonwebtoken takes it: a number of seconds, or a string such as `"2 days"`, `"10h"`,
/// `"1.5y"` parsed like the `ms` package (v2.0.0) by JOSE's one duration-text parser.
///
/// String units, case-insensitive, with optional spaces before them: `ms`/`msec(s)`/`millisecond(s)`,
/// `s`/`sec(s)`/`second(s)`, `m`/`min(s)`/`minute(s)`, `h`/`hr(s)`/`hour(s)`, `d`/`day(s)`,
/// `y`/`yr(s)`/`year(s)` (365.25 days). As in node, a string without a unit means **milliseconds** (`"60"` is
/// 0.06 s) while the integer `60` is 60 seconds. There is no week unit and no negative value; strings longer than 100
/// characters are invalid.
public enum TimeSpan: Sendable, Hashable, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
    /// Whole seconds.
    case seconds(Int64)
    /// A textual span such as `"2 days"`.
    case text(String)

    /// Creates `seconds(_:)`.
    public init(integerLiteral value: Int64) { self = .seconds(value) }
    /// Creates `text(_:)`.
    public init(stringLiteral value: String) { self = .text(value) }

    /// The time `base` plus this span, in whole seconds (rounded down), or `nil` when the text does not parse.
    public func added(to base: Int64) -> Int64? {
        switch self {
        case .seconds(let seconds): return base + seconds
        case .text(let text):
            guard let milliseconds = DurationText.milliseconds(text) else { return nil }
            return Int64((Double(base) + milliseconds / 1000).rounded(.down))
        }
    }

}
