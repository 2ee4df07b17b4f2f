import Foundation
import JOSE
import OAuthJWTTesting
import OIDCMessages
import Testing

/// Untrusted claims that once trapped or were accepted: huge or non-finite time claims in token profiles, and
/// identifiers that only look like the expected ones (U+212A KELVIN SIGN is canonically equivalent to `K`, so Swift's
/// `==` finds them equal; they are different bytes and different identifiers).
@Suite struct HostileClaimTests {
    static let kelvin = "https://\u{212A}.example"
    static let plainK = "https://K.example"

    /// Verifies a token with exactly `payload` (plus the profile's required `iss` and `sub` when it has none).
    func verify(_ payload: String, _ options: TokenVerifyOptions) async throws {
        let payload = payload.contains("\"iss\"") ? payload : #"{"iss":"https://op","sub":"ann","# + payload.dropFirst()
        var options = options
        options.clock = TokenVerifyErrorTests.fixedClock
        _ = try await TokenProfile.accessToken.fromJWT(
            TokenVerifyErrorTests.raw(payload), key: .key(TestIssuer.sharedKey(.hs256)), options: options)
    }

    @Test(
        "Time claims out of the NumericDate range are invalid claims, never a trap nor a token that never expires",
        arguments: [
            (#"{"iat":9223372036854775807}"#, "invalid iat value"), (#"{"iat":1e300}"#, "invalid iat value"),
            (#"{"iat":-1e300}"#, "invalid iat value"), (#"{"iat":1e400}"#, "invalid iat value"),
            (#"{"iat":1,"exp":1e400}"#, "invalid exp value"), (#"{"iat":1,"exp":1e300}"#, "invalid exp value"),
            (#"{"iat":1,"nbf":-1e400}"#, "invalid nbf value"),
        ])
    func timeClaimRange(payload: String, message: String) async {
        await expectProfileError(message, code: .invalidClaim) {
            try await verify(payload, TokenVerifyOptions(maxAge: "1h"))
        }
    }

    @Test("A token with ordinary time claims still passes")
    func ordinaryTimes() async throws {
        let now = TokenVerifyErrorTests.now
        try await verify(
            #"{"iat":\#(now - 10),"nbf":\#(now - 10),"exp":\#(now + 60)}"#, TokenVerifyOptions(maxAge: "1h"))
    }

    @Test("Token profiles compare iss, aud, sub and jti byte for byte")
    func profileIdentifiers() async {
        let payload =
            #"{"iss":"\#(Self.kelvin)","aud":"\#(Self.kelvin)","sub":"\#(Self.kelvin)","jti":"\#(Self.kelvin)","iat":1}"#
        #expect(Self.kelvin == Self.plainK)  // what `==` would have let through
        await expectProfileError("jwt issuer invalid. expected: \(Self.plainK)", code: .issuerInvalid) {
            try await verify(payload, TokenVerifyOptions(issuer: [Self.plainK]))
        }
        await expectProfileError("jwt audience invalid. expected: \(Self.plainK)", code: .audienceInvalid) {
            try await verify(payload, TokenVerifyOptions(audience: [.exact(Self.plainK)]))
        }
        await expectProfileError("jwt subject invalid. expected: \(Self.plainK)", code: .subjectInvalid) {
            try await verify(payload, TokenVerifyOptions(subject: Self.plainK))
        }
        await expectProfileError("jwt jwtid invalid. expected: \(Self.plainK)", code: .jwtidInvalid) {
            try await verify(payload, TokenVerifyOptions(jwtid: Self.plainK))
        }
    }

    @Test(
        "ID tokens compare iss, aud, azp and nonce byte for byte",
        arguments: ["iss", "aud", "azp", "nonce"])
    func idTokenIdentifiers(lookalike: String) async throws {
        let now = Int64(Date().timeIntervalSince1970)
        var claims: [String: JSONValue] = [
            "iss": .string(Self.plainK), "sub": "alice", "aud": [.string(Self.plainK), "other"],
            "azp": .string(Self.plainK), "nonce": .string(Self.plainK), "exp": .number(JSONNumber(now + 600)),
            "iat": .number(JSONNumber(now)),
        ]
        let options = VerificationOptions(issuer: Self.plainK, clientID: Self.plainK, nonce: Self.plainK)
        try await Message(OpenIDConnect.idToken, fields: claims).verify(options)  // the genuine one passes
        claims[lookalike] = lookalike == "aud" ? [.string(Self.kelvin), "other"] : .string(Self.kelvin)
        let message = try Message(OpenIDConnect.idToken, fields: claims)
        await #expect(throws: MessageError.self) { try await message.verify(options) }
    }

    @Test("A key jar finds an issuer's keys by the issuer's bytes only")
    func keyJarIssuerBytes() throws {
        var jar = KeyJar()
        try jar.addSymmetric(Array(repeating: 7, count: 32), for: Self.plainK)
        #expect(jar.bundles(for: Self.plainK).count == 1)
        #expect(jar.bundles(for: Self.kelvin).isEmpty)
        #expect(jar.bundles(for: Self.kelvin + "/").isEmpty)
        #expect(jar.issuers == [Self.plainK])
    }
}
