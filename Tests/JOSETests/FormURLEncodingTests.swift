import Testing

@testable import JOSE

/// The one form codec (queries, form bodies, OIDCMessages' form messages).
struct FormURLEncodingTests {
    @Test("Encoding as quote_plus, decoding with + and %XX, broken escapes and invalid UTF-8 refused")
    func codec() {
        #expect(FormURLEncoding.encode("a b&c=d/é~") == "a+b%26c%3Dd%2F%C3%A9~")
        #expect(FormURLEncoding.decode(Array("a+b%26c%3dd%2F%C3%A9~".utf8)) == "a b&c=d/é~")
        for broken in ["%", "%4", "%zz", "%C3", "%FF"] {
            #expect(FormURLEncoding.decode(Array(broken.utf8)) == nil, "\(broken)")
        }
    }

    @Test("values(named:) ignores other parameters' errors; pairs drops blanks and fails on any broken escape")
    func parameters() {
        let query = Array("x=%zz&access_token=a%2Bb&&access_token&other=1".utf8)
        #expect(FormURLEncoding.values(named: "access_token", in: query) == ["a+b", ""])
        #expect(FormURLEncoding.values(named: "access_token", in: Array("access_token=%".utf8)) == nil)
        #expect(FormURLEncoding.values(named: "missing", in: query) == [])
        let pairs = FormURLEncoding.pairs("a=1&b=&=2&c&d=x+y")
        #expect(pairs?.map(\.0) == ["a", "d"])
        #expect(pairs?.map(\.1) == ["1", "x y"])
        #expect(FormURLEncoding.pairs("a=1&b=%") == nil)
    }
}
