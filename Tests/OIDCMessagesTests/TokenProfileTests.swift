import Foundation
import JOSE
import OAuthJWTTesting
import OIDCMessages
import Testing

@Suite struct TokenProfileKnownAnswerTests {
    static let expected =
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL215LmF1dGguc2VydmVyIiwic3ViIjoic3ViamVjdCIsImlhdCI6MTAwMDAwMDAwMCwianRpIjoianRpIiwiYXVkIjoibXlDbGllbnRJZCIsImV4cCI6MTAwMDAwMzYwMH0.mq83UORyHAgsWaCllg0XoNwH8HBCavhR4amEA26u6V8"

    /// Spec §3.2: `BasicIdToken.toJWT({iss, sub, iat, jti, exp, aud}, 'secret', {algorithm: 'HS256'})`.
    @Test func basicIdTokenHS256ByteForByte() throws {
        let token = try TokenProfile.basicIdToken.toJWT(
            [
                "iss": "https://my.auth.server", "sub": "subject", "iat": 1_000_000_000, "jti": "jti",
                "exp": 1_000_003_600, "aud": "myClientId",
            ], key: .insecureShortHMACSecret(Array("secret".utf8)), options: TokenSignOptions(algorithm: "HS256"))
        #expect(token == Self.expected)
    }

    @Test func knownAnswerVerifies() async throws {
        let claims = try await TokenProfile.basicIdToken.fromJWT(
            Self.expected, key: .insecureShortHMACSecret(Array("secret".utf8)),
            options: TokenVerifyOptions(
                audience: ["myClientId"], issuer: ["https://my.auth.server"],
                clock: .fixed(secondsSinceEpoch: 1_000_000_100)))
        #expect(claims.subject == "subject")
        await expectProfileError("invalid signature", code: .invalidSignature) {
            _ = try await TokenProfile.basicIdToken.fromJWT(
                Self.expected, key: .insecureShortHMACSecret(Array("secreT".utf8)),
                options: TokenVerifyOptions(clock: .fixed(secondsSinceEpoch: 1_000_000_100)))
        }
    }

    @Test func shortSecretIsRefusedByJOSEKeys() {
        #expect(throws: JOSEError.self) { try JWSKey(hmacSecret: Array("secret".utf8)) }
    }
}

@Suite struct TokenProfileRoundTripTests {
    static let now: Int64 = 1_700_000_000

    static func payload(for profile: TokenProfile) -> KeyValuePairs<String, JSONValue> {
        switch profile.name {
        case "GoogleIdToken", "ExtendedIdToken":
            [
                "name": "Ann", "email": "ann@example.com", "picture": "https://p/ann.png", "iss": "https://op",
                "sub": "ann",
            ]
        case "FacebookIdToken": ["user_id": "u1", "app_id": "a1"]
        case "RefreshToken": ["refresh_token": "r1", "access_token": "a1"]
        case "ScopedAccessToken": ["iss": "https://op", "sub": "ann", "scope": "read write"]
        case "BasicIdToken", "RiscToken": ["iss": "https://op", "sub": "ann", "jti": "id-1"]
        default: ["iss": "https://op", "sub": "ann"]
        }
    }

    static let keys: [(String, JWSKey)] = [
        ("RS256", TestIssuer.sharedKey(.rs256)), ("ES256", TestIssuer.sharedKey(.es256)),
        ("HS256", TestIssuer.sharedKey(.hs256)),
    ]

    @Test(arguments: TokenProfile.all, ["RS256", "ES256", "HS256"])
    func roundTrip(profile: TokenProfile, algorithm: String) async throws {
        let key = Self.keys.first { $0.0 == algorithm }!.1
        let token = try profile.toJWT(
            Self.payload(for: profile), key: .key(key),
            options: TokenSignOptions(
                algorithm: algorithm, expiresIn: "1h", audience: "client-1", clock: .fixed(secondsSinceEpoch: Self.now))
        )
        let claims = try await profile.fromJWT(
            token, key: .key((try TestIssuer(key: key).publicKey)),
            options: TokenVerifyOptions(
                audience: ["client-1"], maxAge: "2h", clock: .fixed(secondsSinceEpoch: Self.now + 10)))
        for (name, value) in Self.payload(for: profile) { #expect(claims[name] == value) }
        if profile.requiredClaims.contains("iat") { #expect(claims["iat"] == .number(JSONNumber(Self.now))) }
        #expect(claims["exp"] == .number(JSONNumber(Self.now + 3600)))
        #expect(claims["aud"] == "client-1")
        let header = try CompactJWS(parsing: token).header
        #expect(header.algorithm.rawValue == algorithm)
        #expect(header.type == "JWT")
        #expect(header.keyID == key.keyID)
        // Another key of the same type does not verify it.
        let other = [
            TestIssuer.sharedKey(.rs256, 2), TestIssuer.sharedKey(.es256, 2), TestIssuer.sharedKey(.hs256, 2),
        ][
            Self.keys.firstIndex { $0.0 == algorithm }!]
        await expectProfileError("invalid signature") {
            _ = try await profile.fromJWT(
                token, key: .key((try TestIssuer(key: other).publicKey)),
                options: TokenVerifyOptions(clock: .fixed(secondsSinceEpoch: Self.now)))
        }
    }

    @Test func claimOrderIsRequiredThenKnownOptionalThenOthers() throws {
        let token = try TokenProfile.basicIdToken.toJWT(
            ["custom": 1, "nbf": 5, "aud": "a", "jti": "j", "sub": "s", "iss": "i", "iat": 3, "nonce": "n"],
            key: .key(TestIssuer.sharedKey(.hs256)))
        let payload = String(decoding: try Base64URL.decode(token.split(separator: ".")[1]), as: UTF8.self)
        #expect(payload == #"{"iss":"i","sub":"s","iat":3,"jti":"j","aud":"a","nbf":5,"custom":1,"nonce":"n"}"#)
    }

    @Test func googleAccessTokenIsAccessToken() {
        #expect(TokenProfile.googleAccessToken == TokenProfile.accessToken)
        #expect(TokenProfile.accessToken.requiredClaims == ["iss", "sub", "iat"])
    }
}

@Suite struct TokenSignOptionTests {
    static let now: Int64 = 1_000_000
    static let key = TokenSigningKey.key(TestIssuer.sharedKey(.hs256))

    func sign(
        _ payload: KeyValuePairs<String, JSONValue> = ["iss": "i", "sub": "s"], profile: TokenProfile = .accessToken,
        key: TokenSigningKey = key, options: TokenSignOptions = TokenSignOptions()
    ) throws -> (header: JSONValue, payload: JSONValue) {
        var options = options
        options.clock = .fixed(secondsSinceEpoch: Self.now)
        let token = try profile.toJWT(payload, key: key, options: options)
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        return (try JSONValue(parsing: Base64URL.decode(parts[0])), try JSONValue(parsing: Base64URL.decode(parts[1])))
    }

    @Test func optionsBecomeClaims() throws {
        let (_, payload) = try sign(
            [:], options: TokenSignOptions(audience: ["a", "b"], issuer: "https://op", subject: "ann", jwtid: "j1"))
        #expect(payload["aud"] == ["a", "b"])
        #expect(payload["iss"] == "https://op")
        #expect(payload["sub"] == "ann")
        #expect(payload["jti"] == "j1")
        #expect(payload["iat"] == .number(JSONNumber(Self.now)))
    }

    @Test func timeSpans() throws {
        #expect(try sign(options: TokenSignOptions(expiresIn: 60)).payload["exp"] == .number(JSONNumber(Self.now + 60)))
        #expect(
            try sign(options: TokenSignOptions(expiresIn: "2 days")).payload["exp"]
                == .number(JSONNumber(Self.now + 172_800)))
        #expect(
            try sign(options: TokenSignOptions(expiresIn: "10h")).payload["exp"]
                == .number(JSONNumber(Self.now + 36_000)))
        #expect(
            try sign(options: TokenSignOptions(notBefore: "1.5m")).payload["nbf"] == .number(JSONNumber(Self.now + 90)))
        // exp is relative to the payload's iat, nbf to now.
        let relative = try sign(
            ["iss": "i", "sub": "s", "iat": 500], options: TokenSignOptions(expiresIn: 10, notBefore: 10))
        #expect(relative.payload["exp"] == 510)
        #expect(relative.payload["nbf"] == .number(JSONNumber(Self.now + 10)))
    }

    @Test func timeSpanParsing() {
        #expect(TimeSpan.text("60").added(to: 0) == 0)  // bare numeric string = milliseconds
        #expect(TimeSpan.text("1500").added(to: 0) == 1)
        #expect(TimeSpan.text("1 y").added(to: 0) == 31_557_600)
        #expect(TimeSpan.text("3 MINS").added(to: 0) == 180)
        #expect(TimeSpan.text(".5s").added(to: 0) == 0)
        #expect(TimeSpan.text("1w").added(to: 0) == nil)
        #expect(TimeSpan.text("-1d").added(to: 0) == nil)
        #expect(TimeSpan.text("1.d").added(to: 0) == nil)
        #expect(TimeSpan.text("").added(to: 0) == nil)
        #expect(TimeSpan.text(String(repeating: "1", count: 101)).added(to: 0) == nil)
    }

    @Test func noTimestampHeaderAndKeyID() throws {
        let signed = try sign(
            ["iss": "i", "sub": "s", "iat": 7], profile: .accessToken,
            options: TokenSignOptions(
                noTimestamp: true, header: ["typ": "at+jwt", "x5t": "abc", "alg": "RS256"], keyid: "k9"))
        #expect(signed.payload["iat"] == nil)
        #expect(signed.header == ["alg": "HS256", "typ": "at+jwt", "kid": "k9", "x5t": "abc"])
    }

    @Test func headerOrderIsAlgTypKid() throws {
        let token = try TokenProfile.accessToken.toJWT(
            ["iss": "i", "sub": "s", "iat": 1], key: .key(TestIssuer.sharedKey(.hs256)))
        #expect(
            String(decoding: try Base64URL.decode(token.split(separator: ".")[0]), as: UTF8.self)
                == #"{"alg":"HS256","typ":"JWT","kid":"HS256-1"}"#)
    }

    @Test func signErrors() async {
        let cases: [(String, () throws -> Void)] = [
            ("\"iat\" should be a number of seconds", { _ = try sign(["iss": "i", "sub": "s", "iat": "x"]) }),
            ("\"exp\" should be a number of seconds", { _ = try sign(["iss": "i", "sub": "s", "exp": "x"]) }),
            ("\"nbf\" should be a number of seconds", { _ = try sign(["iss": "i", "sub": "s", "nbf": true]) }),
            ("\"audience\" must be a string or array", { _ = try sign(["iss": "i", "sub": "s", "aud": 1]) }),
            ("\"subject\" must be a string", { _ = try sign(["iss": "i", "sub": 5]) }),
            ("\"jwtid\" must be a string", { _ = try sign(["iss": "i", "sub": "s", "jti": 5]) }),
            (
                "\"algorithm\" must be a valid string enum value",
                { _ = try sign(options: TokenSignOptions(algorithm: "HS999")) }
            ),
            (
                "\"algorithm\" must be a valid string enum value",
                { _ = try sign(options: TokenSignOptions(algorithm: "NONE", allowUnsecured: true)) }
            ),
            (
                "Cannot use none algorithm unless specified",
                { _ = try sign(key: .unsecured, options: TokenSignOptions(algorithm: "none")) }
            ),
            (
                "secretOrPrivateKey must have a value",
                { _ = try sign(key: .unsecured, options: TokenSignOptions(algorithm: "HS256")) }
            ),
            (
                "Bad \"options.expiresIn\" option the payload already has an \"exp\" property.",
                { _ = try sign(["iss": "i", "sub": "s", "exp": 1], options: TokenSignOptions(expiresIn: 10)) }
            ),
            (
                "Bad \"options.notBefore\" option the payload already has an \"nbf\" property.",
                { _ = try sign(["iss": "i", "sub": "s", "nbf": 1], options: TokenSignOptions(notBefore: 10)) }
            ),
            (
                "\"expiresIn\" should be a number of seconds or string representing a timespan eg: \"1d\", \"20h\", 60",
                { _ = try sign(options: TokenSignOptions(expiresIn: "soon")) }
            ),
            (
                "\"notBefore\" should be a number of seconds or string representing a timespan eg: \"1d\", \"20h\", 60",
                { _ = try sign(options: TokenSignOptions(notBefore: "1 week")) }
            ),
            (
                "Bad \"options.audience\" option. The payload already has an \"aud\" property.",
                { _ = try sign(["iss": "i", "sub": "s", "aud": "x"], options: TokenSignOptions(audience: "y")) }
            ),
            (
                "Bad \"options.issuer\" option. The payload already has an \"iss\" property.",
                { _ = try sign(options: TokenSignOptions(issuer: "y")) }
            ),
            (
                "Bad \"options.subject\" option. The payload already has an \"sub\" property.",
                { _ = try sign(options: TokenSignOptions(subject: "y")) }
            ),
            (
                "Bad \"options.jwtid\" option. The payload already has an \"jti\" property.",
                { _ = try sign(["iss": "i", "sub": "s", "jti": "x"], options: TokenSignOptions(jwtid: "y")) }
            ),
            ("You are missing a required parameter: iss", { _ = try sign(["sub": "s"]) }),
            (
                "You are missing a required parameter: jti",
                { _ = try sign(["iss": "i", "sub": "s"], profile: .basicIdToken) }
            ),
            ("You are missing a required parameter: scope", { _ = try sign(profile: .scopedAccessToken) }),
        ]
        for (message, body) in cases {
            await expectProfileError(message) { try body() }
        }
        // A key that cannot sign the algorithm.
        do {
            _ = try sign(key: .key(TestIssuer.sharedKey(.es256)), options: TokenSignOptions(algorithm: "RS256"))
            Issue.record("expected a signing failure")
        } catch let error as TokenProfileError {
            #expect(error.code == .signingFailed)
        } catch { Issue.record("\(error)") }
    }

    @Test func unsecuredOnlyWithOptIn() async throws {
        let token = try TokenProfile.accessToken.toJWT(
            ["iss": "i", "sub": "s"], key: .unsecured,
            options: TokenSignOptions(
                algorithm: "none", allowUnsecured: true, clock: .fixed(secondsSinceEpoch: Self.now)))
        #expect(token.hasSuffix("."))
        #expect(
            String(decoding: try Base64URL.decode(token.split(separator: ".")[0]), as: UTF8.self)
                == #"{"alg":"none","typ":"JWT"}"#)
        let claims = try await TokenProfile.accessToken.fromJWT(
            token, key: .none, options: TokenVerifyOptions(allowUnsecured: true))
        #expect(claims.subject == "s")
        await expectProfileError("Cannot use none algorithm unless explicitly set", code: .unsecuredNotAllowed) {
            _ = try await TokenProfile.accessToken.fromJWT(token, key: .none)
        }
        // With a key an unsigned token never passes, even with the opt-in.
        await expectProfileError("jwt signature is required") {
            _ = try await TokenProfile.accessToken.fromJWT(
                token, key: .key(TestIssuer.sharedKey(.hs256)), options: TokenVerifyOptions(allowUnsecured: true))
        }
        // An allow-list without none refuses it.
        await expectProfileError("invalid algorithm") {
            _ = try await TokenProfile.accessToken.fromJWT(
                token, key: .none, options: TokenVerifyOptions(algorithms: ["HS256"], allowUnsecured: true))
        }
    }
}
