import Foundation
import Testing

@testable import JOSE

/// The claims of a payload are located by a scan and decoded when read (`ScannedMember`): escaped names and values,
/// wide payloads and wrongly typed registered claims must give the answers a payload built whole gave.
struct ScannedClaimsTests {
    private let header: JWSHeader
    private let now: Double = 1_700_000_000

    init() throws {
        header = try JWSHeader(fields: ["alg": "HS256"])
    }

    private func claims(_ json: String) throws -> JWTClaims { try JWTClaims(json: Array(json.utf8)) }

    private func options() -> JWTValidationOptions {
        var options = JWTValidationOptions(issuers: ["https://issuer.example"], audiences: ["api"])
        options.clock = .fixed(Date(timeIntervalSince1970: now))
        return options
    }

    @Test("Registered claims whose names or values are written with escapes are found and checked by their text")
    func escapedNamesAndValues() throws {
        let escaped = try claims(
            #"{"\u0069ss":"https:\/\/issuer.example","a\u0075d":"\u0061pi","\u0065xp":1800000000,"sub":"us\u0065r","#
                + #""scop\u0065":"read\u0020write","cn\u0066":{"jkt":"x"}}"#)
        #expect(escaped.issuer == "https://issuer.example")
        #expect(escaped.audience == ["api"])
        #expect(escaped.hasAudience(in: ["api"]))
        #expect(escaped.subject == "user")
        #expect(escaped.expiresAt == Date(timeIntervalSince1970: 1_800_000_000))
        #expect(escaped.scopes == ["read", "write"])
        #expect(escaped.grantsScope("write") && !escaped.grantsScope("read write"))
        #expect(escaped.confirmation == ["jkt": "x"])
        try options().validate(header: header, claims: escaped)

        let otherIssuer = try claims(#"{"iss":"https:\/\/other.example","aud":"api","exp":1800000000}"#)
        expectJOSEError(.issuerMismatch) { try options().validate(header: header, claims: otherIssuer) }
    }

    @Test("Registered claims of the wrong type are refused, whatever their position")
    func wrongTypes() throws {
        let padding = (0..<20).map { #""p\#($0)":0,"# }.joined()
        for prefix in ["", padding] {
            for body in [
                #""iss":7,"aud":"api","exp":1800000000"#,
                #""iss":"https://issuer.example","aud":["api",1],"exp":1800000000"#,
                #""iss":"https://issuer.example","aud":{"x":"api"},"exp":1800000000"#,
                #""iss":"https://issuer.example","aud":"api","exp":"1800000000""#,
                #""iss":"https://issuer.example","aud":"api","exp":1e400"#,
                #""iss":"https://issuer.example","aud":"api","exp":1800000000,"nbf":-1"#,
                #""iss":"https://issuer.example","aud":"api","exp":1800000000,"sub":null"#,
                #""iss":"https://issuer.example","aud":"api","exp":1800000000,"jti":true"#,
            ] {
                expectJOSEError(.invalidClaim, body) {
                    try options().validate(header: header, claims: claims("{" + prefix + body + "}"))
                }
            }
        }
    }

    @Test("Times that are not integers, and claims past the sixteenth member, read as they are written")
    func numbersAndWidePayloads() throws {
        let padding = (0..<20).map { #""p\#($0)":"\#($0)","# }.joined()
        let wide = try claims(
            "{" + padding + #""iss":"https://issuer.example","aud":["web","api"],"exp":1800000000.5,"iat":1.6999e9}"#)
        #expect(wide.expiresAt == Date(timeIntervalSince1970: 1_800_000_000.5))
        #expect(wide.issuedAt == Date(timeIntervalSince1970: 1_699_900_000))
        #expect(wide.hasAudience(in: ["api"]) && !wide.hasAudience(in: ["ap"]))
        #expect(wide["p19"] == "19" && wide["p20"] == nil)
        try options().validate(header: header, claims: wide)

        let expired = try claims(#"{"iss":"https://issuer.example","aud":"api","exp":1699999999.5}"#)
        expectJOSEError(.expired) { try options().validate(header: header, claims: expired) }
    }

    @Test("A lookup by a name that is not ASCII finds a canonically equivalent member, as a dictionary key does")
    func canonicalEquivalenceInLookups() throws {
        let decomposed = try claims(#"{"e\u0301":1,"K":2}"#)
        #expect(decomposed["\u{E9}"] == 1)
        #expect(decomposed["\u{212A}"] == 2)  // KELVIN SIGN, canonically equivalent to K
        #expect(decomposed["k"] == nil)
    }
}
