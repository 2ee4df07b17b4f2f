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

    @Test("Cache-Control can be ignored")
    func ignored() {
        var configuration = RemoteJWKSConfiguration()
        configuration.honorsCacheControl = false
        #expect(configuration.cacheTime(cacheControl: "max-age=120") == .seconds(600))
    }
}
