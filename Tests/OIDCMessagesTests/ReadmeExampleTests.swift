import JOSE
import OIDCMessages
import Testing

/// The code of `Documentation/OIDCMessages.md`, kept compiling and passing.
@Suite struct ReadmeExampleTests {
    @Test func messageRoundTrip() async throws {
        // Documentation/OIDCMessages.md: message round trip
        let request = try Message(
            OpenIDConnect.authorizationRequest,
            [
                "response_type": "code",
                "client_id": "s6BhdRkqt3",
                "scope": ["openid", "email"],
                "redirect_uri": "https://client.example.org/cb",
                "state": "af0ifjsldkj",
            ])
        let form = try request.urlEncoded()
        // response_type=code&client_id=s6BhdRkqt3&scope=openid+email&redirect_uri=https%3A%2F%2Fclient.example.org%2Fcb&state=af0ifjsldkj

        let received = try Message(OpenIDConnect.authorizationRequest, urlEncoded: form)
        try await received.verify()  // required parameters, allowed values, openid in scope, nonce rules, ...
        let json = received.jsonString()
        // {"response_type":"code","client_id":"s6BhdRkqt3","scope":"openid email","redirect_uri":"https://client.example.org/cb","state":"af0ifjsldkj"}
        // Documentation/OIDCMessages.md: end

        #expect(received == request)
        #expect(
            form
                == "response_type=code&client_id=s6BhdRkqt3&scope=openid+email&redirect_uri=https%3A%2F%2Fclient.example.org%2Fcb&state=af0ifjsldkj"
        )
        #expect(
            json
                == #"{"response_type":"code","client_id":"s6BhdRkqt3","scope":"openid email","redirect_uri":"https://client.example.org/cb","state":"af0ifjsldkj"}"#
        )
    }

    @Test func tokenProfile() async throws {
        // Documentation/OIDCMessages.md: token profile
        let signingKey = try JWSKey.generate(for: .es256, keyID: "2026-11")
        let token = try TokenProfile.scopedAccessToken.toJWT(
            ["iss": "https://op.example", "sub": "alice", "scope": "read write"],
            key: .key(signingKey),
            options: TokenSignOptions(algorithm: "ES256", expiresIn: "10m", audience: "https://api.example"))

        let claims = try await TokenProfile.scopedAccessToken.fromJWT(
            token, key: .key(try signingKey.publicKey()),
            options: TokenVerifyOptions(
                audience: ["https://api.example"], issuer: ["https://op.example"], maxAge: "1h"))
        print(claims.scopes)  // ["read", "write"]

        do {
            _ = try await TokenProfile.scopedAccessToken.fromJWT(
                token, key: .key(try signingKey.publicKey()),
                options: TokenVerifyOptions(issuer: ["https://other.example"]))
        } catch let error as TokenProfileError {
            print(error.message)  // jwt issuer invalid. expected: https://other.example
        }
        // Documentation/OIDCMessages.md: end
        #expect(claims.scopes == ["read", "write"])
    }

    @Test func keyJar() async throws {
        let opKey = try JWSKey.generate(for: .rs256, keyID: "op-1")
        let opJWKS = try JWKSet(keys: [opKey]).publicJSON()
        let idToken = try Message(
            OpenIDConnect.idToken,
            [
                "iss": "https://op.example", "sub": "alice", "aud": "s6BhdRkqt3", "nonce": "n-0S6_WzA2Mj",
                "iat": .number(JSONNumber(JWTClock.system.wholeSeconds)),
                "exp": .number(JSONNumber(JWTClock.system.wholeSeconds + 300)),
            ]
        ).jwt(signedWith: opKey, algorithm: .rs256)
        let body = #"{"access_token":"SlAV32hkKG","token_type":"Bearer","expires_in":3600,"id_token":"\#(idToken)"}"#

        // Documentation/OIDCMessages.md: key jar
        var jar = KeyJar()
        try jar.importJWKS(opJWKS, for: "https://op.example")  // or .remote(RemoteJWKS(...)) for a jwks_uri
        let response = try Message(OpenIDConnect.accessTokenResponse, jsonString: body)
        let verified = try await response.verify(
            VerificationOptions(issuer: "https://op.example", clientID: "s6BhdRkqt3", nonce: "n-0S6_WzA2Mj", keys: jar))
        let subject = verified["id_token"]?.string("sub")  // "alice"
        // Documentation/OIDCMessages.md: end
        #expect(subject == "alice")
    }
}
