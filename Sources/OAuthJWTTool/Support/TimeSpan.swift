import Foundation

/// Durations written as `3600`, `90s`, `15m`, `12h`, `2d`, `1w` or `2 days`.
enum TimeSpan {
    static func seconds(_ text: String) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let amount = Int64(digits) else { return nil }
        let unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        let multiplier: Int64
        switch unit {
        case "", "s", "sec", "secs", "second", "seconds": multiplier = 1
        case "m", "min", "mins", "minute", "minutes": multiplier = 60
        case "h", "hr", "hrs", "hour", "hours": multiplier = 3600
        case "d", "day", "days": multiplier = 86_400
        case "w", "week", "weeks": multiplier = 604_800
        default: return nil
        }
        let (product, overflow) = amount.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : product
    }
}
