import Testing

@testable import JOSE

/// The one duration-text parser (node's `ms` grammar).
struct DurationTextTests {
    @Test("Units, spaces, decimals and case as in ms 2.0.0; a bare number is milliseconds and has no unit")
    func parsing() {
        let cases: [(String, Double?)] = [
            ("60", 60), ("60ms", 60), ("1.5s", 1500), ("2 days", 172_800_000), ("10H", 36_000_000),
            ("1y", 31_557_600_000), (".5m", 30_000), ("1w", nil), ("-1s", nil), ("1..5s", nil), ("1.s", nil), ("", nil),
            ("s", nil), (String(repeating: "1", count: 101), nil),
        ]
        for (text, expected) in cases {
            #expect(DurationText.milliseconds(text) == expected, "\(text)")
        }
        #expect(!DurationText.hasUnit("60"))
        #expect(DurationText.hasUnit("60s"))
        #expect(!DurationText.hasUnit("60 fortnights"))
    }

    @Test("Durations read as seconds and nanoseconds, saturating")
    func durationSeconds() {
        #expect(Duration.milliseconds(1500).inSeconds == 1.5)
        #expect(Duration.seconds(2).inNanoseconds == 2_000_000_000)
        #expect(Duration.seconds(Int64.max).inNanoseconds == .max)
    }
}
