/// The parts of a `Cache-Control` response header (RFC 9111 §5.2.2) that decide how long a key set is kept.
struct CacheControl: Equatable {
    /// `max-age` in seconds, when present and a valid non-negative integer.
    var maxAge: Int64?
    /// Whether `no-cache` or `no-store` is present.
    var noCache: Bool

    /// Parses a header value; `nil` when there is none or it says nothing about freshness.
    init?(_ value: String?) {
        guard let value else { return nil }
        maxAge = nil
        noCache = false
        for rawDirective in value.split(separator: ",") {
            let parts = rawDirective.split(separator: "=", maxSplits: 1)
            let name = parts[0].trimmingSpaces().lowercased()
            switch name {
            case "max-age":
                guard parts.count == 2 else { continue }
                var number = parts[1].trimmingSpaces()
                if number.hasPrefix("\""), number.hasSuffix("\""), number.count >= 2 {
                    number = String(number.dropFirst().dropLast())
                }
                // Digits only; a huge value saturates rather than failing.
                guard !number.isEmpty, number.allSatisfy({ $0.isASCII && $0.isNumber }) else { continue }
                maxAge = number.count > 12 ? 999_999_999_999 : Int64(number)
            case "no-cache", "no-store":
                noCache = true
            default:
                continue
            }
        }
        if maxAge == nil, !noCache { return nil }
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
