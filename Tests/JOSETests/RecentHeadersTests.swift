import OAuthJWTTesting
import Testing

@testable import JOSE

/// The verifier's memory of recently parsed protected headers: a hit must need every byte, and only headers that
/// passed their checks are remembered.
struct RecentHeadersTests {
    /// Looks `header` (JSON text) up, counting how often it had to be parsed.
    private func lookUp(_ header: String, in recent: RecentHeaders, parses: inout Int) throws(JOSEError) -> JWSHeader {
        let encoded = Array(Base64URL.encode(Array(header.utf8)).utf8)
        return try encoded.withUnsafeBufferPointer { buffer throws(JOSEError) in
            try recent.header(encoded: buffer) { segment throws(JOSEError) in
                parses += 1
                let fields = try JSONValue(parsing: try Base64URL.decode(bytes: segment)).objectValue ?? [:]
                return try JWSHeader(fields: fields)
            }
        }
    }

    @Test("A segment seen before is not parsed again; one that differs in a single byte is")
    func hitsNeedEveryByte() throws {
        let recent = RecentHeaders()
        var parses = 0
        let first = try lookUp(#"{"alg":"HS256","kid":"k1"}"#, in: recent, parses: &parses)
        let again = try lookUp(#"{"alg":"HS256","kid":"k1"}"#, in: recent, parses: &parses)
        #expect(parses == 1)
        #expect(again == first)
        let other = try lookUp(#"{"alg":"HS256","kid":"k2"}"#, in: recent, parses: &parses)
        #expect(parses == 2)
        #expect(other.keyID == "k2")
        #expect(try lookUp(#"{"alg":"HS256","kid":"k1"}"#, in: recent, parses: &parses).keyID == "k1")
        #expect(parses == 2)
    }

    @Test("Past its capacity the oldest header gives way, and every lookup still gets its own header")
    func replacesTheOldest() throws {
        let recent = RecentHeaders()
        var parses = 0
        let kids = (0...RecentHeaders.capacity).map { "key-\($0)" }
        for kid in kids {
            #expect(try lookUp(#"{"alg":"RS256","kid":"\#(kid)"}"#, in: recent, parses: &parses).keyID == kid)
        }
        #expect(parses == kids.count)
        // The first was replaced by the last; the second is still kept.
        #expect(try lookUp(#"{"alg":"RS256","kid":"\#(kids[1])"}"#, in: recent, parses: &parses).keyID == kids[1])
        #expect(parses == kids.count)
        #expect(try lookUp(#"{"alg":"RS256","kid":"\#(kids[0])"}"#, in: recent, parses: &parses).keyID == kids[0])
        #expect(parses == kids.count + 1)
    }

    @Test("A refused header is refused every time, and an oversized one is never kept")
    func keepsOnlyCheckedSmallHeaders() throws {
        let recent = RecentHeaders()
        var parses = 0
        for _ in 0..<2 {
            #expect(throws: JOSEError.self) {
                try lookUp(#"{"alg":"HS256","crit":["exp"],"exp":1}"#, in: recent, parses: &parses)
            }
        }
        #expect(parses == 2)
        let large = #"{"alg":"HS256","x":""# + String(repeating: "a", count: RecentHeaders.maximumEncodedSize) + #""}"#
        _ = try lookUp(large, in: recent, parses: &parses)
        _ = try lookUp(large, in: recent, parses: &parses)
        #expect(parses == 4)
    }

    @Test("Through a verifier: a token whose header names another key is not taken for the header seen before")
    func verifierKeepsKeysApart() async throws {
        let first = try JWSKey(hmacSecret: Array(repeating: 1, count: 32), keyID: "k1")
        let second = try JWSKey(hmacSecret: Array(repeating: 2, count: 32), keyID: "k2")
        let resolver = StaticKeySource(keySet: JWKSet(keys: [first, second]))
        let verifier = JWTVerifier(keys: resolver)
        let claims = TestIssuer.shared(.es256).claims()
        let byFirst = try JWTSigner.sign(claims, with: first, algorithm: .hs256)
        let bySecond = try JWTSigner.sign(claims, with: second, algorithm: .hs256)
        #expect(try verifier.verify(byFirst, using: resolver).header.keyID == "k1")
        #expect(try verifier.verify(bySecond, using: resolver).header.keyID == "k2")
        #expect(try verifier.verify(byFirst, using: resolver).key.keyID == "k1")
        // Signed by the first key under a header naming the second, whose segment has the same length as the
        // remembered one: it must be checked against the second key, and fail.
        var misnamed = first
        misnamed.keyID = "k2"
        let forged = try JWTSigner.sign(claims, with: misnamed, algorithm: .hs256)
        expectJOSEError(.invalidSignature) { try verifier.verify(forged, using: resolver) }
    }
}
