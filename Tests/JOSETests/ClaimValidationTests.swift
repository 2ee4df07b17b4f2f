import Foundation
import Testing

@testable import JOSE

struct ClaimValidationTests {
    private let header = try! JWSHeader(fields: ["alg": "RS256", "typ": "at+jwt"])
    private let now: Double = 1_700_000_000

    private func claims(_ json: String) throws -> JWTClaims { try JWTClaims(json: Array(json.utf8)) }

    private func options(_ configure: (inout JWTValidationOptions) -> Void = { _ in }) -> JWTValidationOptions {
        var options = JWTValidationOptions(clock: .fixed(Date(timeIntervalSince1970: now)))
        configure(&options)
        return options
    }

    @Test("exp: required by default, expired at exp, leeway extends it")
    func expiration() throws {
        try options().validate(header: header, claims: claims(#"{"exp":1700000001}"#))
        expectJOSEError(.expired) { try options().validate(header: header, claims: claims(#"{"exp":1700000000}"#)) }
        expectJOSEError(.missingClaim) { try options().validate(header: header, claims: claims("{}")) }
        try options { $0.requireExpiration = false }.validate(header: header, claims: claims("{}"))
        try options { $0.leeway = .seconds(30) }.validate(header: header, claims: claims(#"{"exp":1699999980}"#))
        expectJOSEError(.expired, "beyond leeway") {
            try options { $0.leeway = .seconds(30) }.validate(header: header, claims: claims(#"{"exp":1699999970}"#))
        }
    }

    @Test("nbf with leeway")
    func notBefore() throws {
        expectJOSEError(.notYetValid) {
            try options().validate(header: header, claims: claims(#"{"exp":1800000000,"nbf":1700000010}"#))
        }
        try options { $0.leeway = .seconds(10) }.validate(
            header: header, claims: claims(#"{"exp":1800000000,"nbf":1700000010}"#))
        try options().validate(header: header, claims: claims(#"{"exp":1800000000,"nbf":1700000000}"#))
    }

    @Test("maximum age from iat, iat required with it, iat in the future refused")
    func maximumAge() throws {
        let withAge = options { $0.maximumAge = .seconds(60) }
        try withAge.validate(header: header, claims: claims(#"{"exp":1800000000,"iat":1699999950}"#))
        expectJOSEError(.tooOld) {
            try withAge.validate(header: header, claims: claims(#"{"exp":1800000000,"iat":1699999900}"#))
        }
        expectJOSEError(.missingClaim) { try withAge.validate(header: header, claims: claims(#"{"exp":1800000000}"#)) }
        expectJOSEError(.issuedInFuture) {
            try withAge.validate(header: header, claims: claims(#"{"exp":1800000000,"iat":1700000100}"#))
        }
    }

    @Test("issuer one-of, audience any-of with exact strings")
    func issuerAndAudience() throws {
        let checked = options {
            $0.issuers = ["https://a.example", "https://b.example"]
            $0.audiences = ["api", "other"]
        }
        try checked.validate(
            header: header, claims: claims(#"{"exp":1800000000,"iss":"https://b.example","aud":["x","api"]}"#))
        try checked.validate(
            header: header, claims: claims(#"{"exp":1800000000,"iss":"https://a.example","aud":"other"}"#))
        expectJOSEError(.issuerMismatch) {
            try checked.validate(
                header: header, claims: claims(#"{"exp":1800000000,"iss":"https://a.example/","aud":"api"}"#))
        }
        expectJOSEError(.missingClaim, "no iss") {
            try checked.validate(header: header, claims: claims(#"{"exp":1800000000,"aud":"api"}"#))
        }
        expectJOSEError(.audienceMismatch, "prefix is not a match") {
            try checked.validate(
                header: header, claims: claims(#"{"exp":1800000000,"iss":"https://a.example","aud":"apis"}"#))
        }
        expectJOSEError(.missingClaim, "no aud") {
            try checked.validate(header: header, claims: claims(#"{"exp":1800000000,"iss":"https://a.example"}"#))
        }
    }

    @Test(
        "typ matching: ASCII case folded, application/ restored where there is no slash, nothing else",
        arguments: [
            ("at+jwt", "at+jwt", true), ("AT+JWT", "at+jwt", true), ("application/at+jwt", "at+jwt", true),
            ("at+jwt", "Application/AT+JWT", true), ("application/at+jwt", "application/at+jwt", true),
            ("text/at+jwt", "at+jwt", false), ("at+jwt", "at+jwtx", false), ("at+jw", "at+jwt", false),
            ("applicationat+jwt", "at+jwt", false), ("application/", "", true), ("", "application/", true),
            ("", "at+jwt", false), ("\u{212A}", "k", false), ("é", "É", false),
        ])
    func mediaTypeMatching(typ: String, expected: String, matches: Bool) throws {
        let header = try JWSHeader(fields: ["alg": "RS256", "typ": .string(typ)])
        #expect(header.hasType(expected) == matches)
        #expect(try JWSHeader(fields: ["alg": "RS256", "typ": .string(expected)]).hasType(typ) == matches)
    }

    @Test("typ compared as RFC 7515 says; required claims")
    func typeAndRequiredClaims() throws {
        try options { $0.type = "at+jwt" }.validate(header: header, claims: claims(#"{"exp":1800000000}"#))
        try options { $0.type = "application/AT+JWT" }.validate(header: header, claims: claims(#"{"exp":1800000000}"#))
        expectJOSEError(.typeMismatch) {
            try options { $0.type = "JWT" }.validate(header: header, claims: claims(#"{"exp":1800000000}"#))
        }
        let untyped = try JWSHeader(fields: ["alg": "RS256"])
        expectJOSEError(.typeMismatch, "absent typ") {
            try options { $0.type = "at+jwt" }.validate(header: untyped, claims: claims(#"{"exp":1800000000}"#))
        }
        expectJOSEError(.missingClaim) {
            try options { $0.requiredClaims = ["sub", "jti"] }.validate(
                header: header, claims: claims(#"{"exp":1800000000,"sub":"a"}"#))
        }
    }

    @Test("error messages never contain token content")
    func messagesAreFixed() throws {
        let secretValue = "very-secret-issuer-value"
        let checked = options { $0.issuers = ["https://a.example"] }
        let error = expectJOSEError(.issuerMismatch) {
            try checked.validate(header: header, claims: claims(#"{"exp":1800000000,"iss":"\#(secretValue)"}"#))
        }
        #expect(error.map { !$0.description.contains(secretValue) } == true)
    }

    @Test("The verifier checks times with its own options' leeway and maximum age (made once, not per token)")
    func verifierUsesItsTimeRules() throws {
        let key = try JWSKey.generate(for: .hs256, keyID: "times")
        let source = StaticKeySource(key: key)
        func verify(_ json: String, _ configure: (inout JWTValidationOptions) -> Void) throws -> VerifiedJWT {
            let token = try JWTSigner.sign(claims(json), with: key)
            return try JWTVerifier(keys: source, options: options(configure)).verify(token, using: source)
        }
        let expiredRecently = #"{"exp":1699999980}"#
        expectJOSEError(.expired) { try verify(expiredRecently) { _ in } }
        _ = try verify(expiredRecently) { $0.leeway = .seconds(30) }
        let issuedLongAgo = #"{"exp":1800000000,"iat":1699999000}"#
        _ = try verify(issuedLongAgo) { _ in }
        expectJOSEError(.tooOld) { try verify(issuedLongAgo) { $0.maximumAge = .seconds(600) } }
    }
}
