import Foundation
import JOSE
import OAuthJWTTesting
import OIDCMessages
import Testing

/// Every `fromJWT` failure, with the node-jsonwebtoken v8 message, in the order node checks them.
@Suite struct TokenVerifyErrorTests {
    static let now: Int64 = 2_000_000
    static let fixedClock = JWTClock.fixed(secondsSinceEpoch: now)
    static let profile = TokenProfile.accessToken

    static func token(
        _ payload: KeyValuePairs<String, JSONValue> = ["iss": "https://op", "sub": "ann"],
        _ options: TokenSignOptions = TokenSignOptions(), key: JWSKey = TestIssuer.sharedKey(.hs256)
    ) -> String {
        var options = options
        options.clock = .fixed(secondsSinceEpoch: now)
        if options.algorithm == "HS256", case .rsa = key.type { options.algorithm = "RS256" }
        return try! profile.toJWT(payload, key: .key(key), options: options)
    }

    /// A token with exactly this payload text, signed with the HMAC test key.
    static func raw(_ payload: String) -> String {
        let input =
            Base64URL.encode(Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8)) + "." + Base64URL.encode(Array(payload.utf8))
        return input + "."
            + Base64URL.encode(try! TestIssuer.sharedKey(.hs256).sign(Array(input.utf8), algorithm: .hs256))
    }

    func verify(
        _ token: String, key: TokenVerificationKey = .key(TestIssuer.sharedKey(.hs256)),
        _ options: TokenVerifyOptions = TokenVerifyOptions(clock: Self.fixedClock)
    ) async throws {
        _ = try await Self.profile.fromJWT(token, key: key, options: options)
    }

    @Test func structure() async {
        await expectProfileError("jwt must be provided", code: .malformed) { try await verify("") }
        await expectProfileError("jwt malformed", code: .malformed) { try await verify("a.b") }
        await expectProfileError("jwt malformed") { try await verify("a.b.c.d") }
        await expectProfileError("jwt signature is required", code: .keyOrSignatureMissing) { try await verify("a.b.") }
        await expectProfileError("secret or public key must be provided", code: .keyOrSignatureMissing) {
            try await verify(Self.token(), key: .none)
        }
        await expectProfileError("invalid token", code: .malformed) { try await verify("a.b.c") }
        // The key check comes before decoding, as in node-jsonwebtoken.
        await expectProfileError("secret or public key must be provided") { try await verify("a.b.c", key: .none) }
        let header = Base64URL.encode(Array(#"{"alg":"HS256"}"#.utf8))
        let notObject = header + "." + Base64URL.encode(Array("[1]".utf8)) + ".c2ln"
        await expectProfileError("invalid token") { try await verify(notObject) }
        let padded = Self.token() + "="
        await expectProfileError("invalid token") { try await verify(padded) }
        // A critical header extension JOSE does not understand.
        let crit =
            Base64URL.encode(Array(#"{"alg":"HS256","crit":["x"],"x":1}"#.utf8)) + "."
            + Base64URL.encode(Array(#"{"iss":"https://op","sub":"ann","iat":1}"#.utf8))
        let critToken =
            crit + "." + Base64URL.encode(try! TestIssuer.sharedKey(.hs256).sign(Array(crit.utf8), algorithm: .hs256))
        await expectProfileError("invalid token") { try await verify(critToken) }
    }

    @Test func algorithmsAndSignature() async {
        await expectProfileError("invalid algorithm", code: .invalidAlgorithm) {
            try await verify(Self.token(), TokenVerifyOptions(algorithms: ["RS256"], clock: Self.fixedClock))
        }
        // The default allow-list follows the key: an HMAC token is refused for an RSA key before any crypto.
        await expectProfileError("invalid algorithm") {
            try await verify(Self.token(), key: .key(TestIssuer.sharedPublicKey(.rs256)))
        }
        // An explicit allow-list cannot make a key verify a foreign algorithm (alg confusion).
        await expectProfileError("invalid signature", code: .invalidSignature) {
            try await verify(
                Self.token(), key: .key(TestIssuer.sharedPublicKey(.rs256)),
                TokenVerifyOptions(algorithms: ["HS256"], clock: Self.fixedClock))
        }
        var tampered = Self.token()
        tampered.removeLast(2)
        tampered += tampered.hasSuffix("A") ? "BA" : "AA"
        await expectProfileError("invalid signature") { try await verify(tampered) }
        await expectProfileError("invalid signature") {
            try await verify(Self.token(), key: .key(TestIssuer.sharedKey(.hs256, 2)))
        }
        let resolverFailure = StaticKeySource(key: TestIssuer.sharedKey(.rs256, 2))
        await expectProfileError(
            "error in secret or public key callback: No key matches the token", code: .keyResolution
        ) {
            try await verify(Self.token(key: TestIssuer.sharedKey(.rs256)), key: .keySource(resolverFailure))
        }
        try? await verify(
            Self.token(key: TestIssuer.sharedKey(.rs256)),
            key: .keySource(StaticKeySource(key: TestIssuer.sharedPublicKey(.rs256))))
    }

    @Test func malformedUnsecuredTokens() async {
        let payload = Base64URL.encode(Array(#"{"iss":"https://op","sub":"ann","iat":1}"#.utf8))
        for header in [#"{"alg":"NONE"}"#, #"{"alg":"none","crit":["x"],"x":1}"#] {
            let token = Base64URL.encode(Array(header.utf8)) + "." + payload + "."
            await expectProfileError("invalid token", code: .malformed) {
                try await verify(
                    token, key: .none,
                    TokenVerifyOptions(algorithms: ["none", "NONE"], allowUnsecured: true, clock: Self.fixedClock))
            }
        }
    }

    @Test func requiredClaims() async {
        let unsigned =
            Base64URL.encode(Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8)) + "."
            + Base64URL.encode(Array(#"{"iss":"https://op","iat":1}"#.utf8))
        let token =
            unsigned + "."
            + Base64URL.encode(try! TestIssuer.sharedKey(.hs256).sign(Array(unsigned.utf8), algorithm: .hs256))
        await expectProfileError("jwt missing required claim: sub", code: .missingClaim) { try await verify(token) }
    }

    @Test func notBefore() async throws {
        await expectProfileError("invalid nbf value", code: .invalidClaim) {
            try await verify(Self.raw(#"{"iss":"https://op","sub":"ann","iat":1,"nbf":"soon"}"#))
        }
        let future = Self.token(["iss": "https://op", "sub": "ann"], TokenSignOptions(notBefore: 100))
        await expectProfileError("jwt not active", code: .notActive, name: .notBeforeError) { try await verify(future) }
        try await verify(future, TokenVerifyOptions(clockTolerance: .seconds(100), clock: Self.fixedClock))
        try await verify(future, TokenVerifyOptions(ignoreNotBefore: true, clock: Self.fixedClock))
        await expectProfileError("jwt not active", name: .notBeforeError) {
            try await verify(future, TokenVerifyOptions(clockTolerance: .seconds(99), clock: Self.fixedClock))
        }
    }

    @Test func expiration() async throws {
        await expectProfileError("invalid exp value", code: .invalidClaim) {
            try await verify(Self.raw(#"{"iss":"https://op","sub":"ann","iat":1,"exp":"later"}"#))
        }
        let token = Self.token(["iss": "https://op", "sub": "ann"], TokenSignOptions(expiresIn: 60))
        try await verify(token, TokenVerifyOptions(clock: .fixed(secondsSinceEpoch: Self.now + 59)))
        await expectProfileError("jwt expired", code: .expired, name: .tokenExpiredError) {
            try await verify(token, TokenVerifyOptions(clock: .fixed(secondsSinceEpoch: Self.now + 60)))
        }
        try await verify(
            token, TokenVerifyOptions(clockTolerance: .seconds(5), clock: .fixed(secondsSinceEpoch: Self.now + 64)))
        try await verify(
            token, TokenVerifyOptions(ignoreExpiration: true, clock: .fixed(secondsSinceEpoch: Self.now + 6000)))
    }

    @Test func audience() async throws {
        let token = Self.token(["iss": "https://op", "sub": "ann", "aud": ["a1", "a2"]])
        try await verify(token, TokenVerifyOptions(audience: ["x", "a2"], clock: Self.fixedClock))
        try await verify(token, TokenVerifyOptions(audience: [.pattern("^a[0-9]$")], clock: Self.fixedClock))
        await expectProfileError("jwt audience invalid. expected: x or /^b/", code: .audienceInvalid) {
            try await verify(token, TokenVerifyOptions(audience: ["x", .pattern("^b")], clock: Self.fixedClock))
        }
        await expectProfileError("jwt audience invalid. expected: a1") {
            try await verify(Self.token(), TokenVerifyOptions(audience: ["a1"], clock: Self.fixedClock))
        }
    }

    @Test func issuerSubjectJwtid() async throws {
        let token = Self.token(["iss": "https://op", "sub": "ann", "jti": "j1"])
        try await verify(
            token,
            TokenVerifyOptions(
                issuer: ["https://other", "https://op"], subject: "ann", jwtid: "j1", clock: Self.fixedClock))
        await expectProfileError("jwt issuer invalid. expected: https://a,https://b", code: .issuerInvalid) {
            try await verify(token, TokenVerifyOptions(issuer: ["https://a", "https://b"], clock: Self.fixedClock))
        }
        await expectProfileError("jwt subject invalid. expected: bob", code: .subjectInvalid) {
            try await verify(token, TokenVerifyOptions(subject: "bob", clock: Self.fixedClock))
        }
        await expectProfileError("jwt jwtid invalid. expected: j2", code: .jwtidInvalid) {
            try await verify(token, TokenVerifyOptions(jwtid: "j2", clock: Self.fixedClock))
        }
        await expectProfileError("jwt jwtid invalid. expected: j2") {
            try await verify(Self.token(), TokenVerifyOptions(jwtid: "j2", clock: Self.fixedClock))
        }
    }

    @Test func maxAge() async throws {
        let token = Self.token()
        try await verify(token, TokenVerifyOptions(maxAge: "1h", clock: .fixed(secondsSinceEpoch: Self.now + 3599)))
        await expectProfileError("maxAge exceeded", code: .maxAgeExceeded, name: .tokenExpiredError) {
            try await verify(token, TokenVerifyOptions(maxAge: "1h", clock: .fixed(secondsSinceEpoch: Self.now + 3600)))
        }
        try await verify(
            token,
            TokenVerifyOptions(
                clockTolerance: .seconds(10), maxAge: 3600, clock: .fixed(secondsSinceEpoch: Self.now + 3605)))
        await expectProfileError(
            "\"maxAge\" should be a number of seconds or string representing a timespan eg: \"1d\", \"20h\", 60"
        ) { try await verify(token, TokenVerifyOptions(maxAge: "a while", clock: Self.fixedClock)) }
        let noIat = Self.token(["iss": "https://op", "sub": "ann"], TokenSignOptions(noTimestamp: true))
        // AccessToken requires iat, so use a profile without it to reach the maxAge check.
        await expectProfileError("iat required when maxAge is specified", code: .invalidClaim) {
            _ = try await TokenProfile.refreshToken.fromJWT(
                Self.token(
                    ["iss": "https://op", "sub": "ann", "refresh_token": "r", "access_token": "a"],
                    TokenSignOptions(noTimestamp: true)),
                key: .key(TestIssuer.sharedKey(.hs256)), options: TokenVerifyOptions(maxAge: 10, clock: Self.fixedClock)
            )
        }
        await expectProfileError("jwt missing required claim: iat", code: .missingClaim) { try await verify(noIat) }
    }

    @Test func errorDescriptionsCarryNoTokenContent() async {
        let token = Self.token(
            ["iss": "https://secret-issuer", "sub": "secret-subject"], TokenSignOptions(expiresIn: 1))
        do {
            try await verify(token, TokenVerifyOptions(clock: .fixed(secondsSinceEpoch: Self.now + 10)))
        } catch let error as TokenProfileError {
            #expect(!error.description.contains("secret"))
            #expect(error.description == "TokenExpiredError: jwt expired")
        } catch { Issue.record("\(error)") }
    }
}
