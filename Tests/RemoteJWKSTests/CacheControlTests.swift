import Testing

@testable import RemoteJWKS

@Suite("Cache time from Cache-Control")
struct CacheControlTests {
    let configuration = RemoteJWKSConfiguration()

    @Test(
        "max-age is honoured within [1 min, 24 h]; other headers fall back to the default",
        arguments: [
            (nil, 600), ("max-age=300", 300), ("public, max-age=7200", 7200), ("max-age=5", 60),
            ("max-age=999999999", 86_400), ("no-store", 60), ("no-cache, max-age=3000", 60), ("max-age=abc", 600),
            ("s-maxage=50", 600), ("max-age=\"120\"", 120), ("MAX-AGE = 90", 90),
        ] as [(String?, Int64)])
    func cacheTime(header: String?, seconds: Int64) {
        #expect(configuration.cacheTime(cacheControl: header) == .seconds(seconds))
    }

    @Test(
        "Malformed directives are skipped one by one; the well-formed ones still count",
        arguments: [
            ("max-age=60,=", 60), ("=", 600), (",,,", 600), ("=,max-age=120", 120), ("max-age=", 600),
            ("max-age=120,", 120), (", max-age=120 ,", 120), ("\"", 600), ("max-age=\"120", 600),
            ("max-age=120 x, max-age=300", 300), ("max-age=-5", 600), ("max-age=1.5", 600), ("max-age=\u{0661}20", 600),
            ("max-age=99999999999999999999999999", 86_400), ("max-age=120, max-age=7200", 120),
            // A comma inside a quoted string does not start a directive.
            ("private=\", max-age=7200\", max-age=120", 120), ("community=\"a, max-age=7200\"", 600),
            ("no-cache=\"set-cookie\"", 60), ("max-age=\"12\\0\"", 120), ("\u{00E9}=1, max-age=90", 90),
        ] as [(String, Int64)])
    func malformed(header: String, seconds: Int64) {
        #expect(configuration.cacheTime(cacheControl: header) == .seconds(seconds))
    }

    @Test("Every value of up to five pieces parses without trapping and stays within the bounds")
    func exhaustiveValuesNeverTrap() {
        let pieces = ["max-age", "no-store", "=", ",", "\"", "\\", " ", "\t", "7", "0", "é", "x", ";"]
        var values = [""]
        for _ in 0..<5 { values = values.flatMap { value in pieces.map { value + $0 } } }
        var outOfBounds = 0
        for value in values {
            let time = configuration.cacheTime(cacheControl: value)
            if time < .seconds(60) || time > .seconds(86_400) { outOfBounds += 1 }
        }
        #expect(values.count == 371_293)
        #expect(outOfBounds == 0)
    }

    @Test("Cache-Control can be ignored")
    func ignored() {
        var configuration = RemoteJWKSConfiguration()
        configuration.honorsCacheControl = false
        #expect(configuration.cacheTime(cacheControl: "max-age=120") == .seconds(600))
    }
}
