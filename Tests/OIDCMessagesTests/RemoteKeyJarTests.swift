import Foundation
import JOSE
import OAuthJWTTesting
import OIDCMessages
import RemoteJWKS
import Testing

/// KeyJar selection across two issuers, one of them a remote bundle served by RemoteJWKS (with its cache) from a
/// real HTTP server on 127.0.0.1.
@Suite struct RemoteKeyJarTests {
    static let localIssuer = "https://b.example"

    static func sign(_ issuer: String, with key: JWSKey, extra: [String: JSONValue] = [:]) throws(JOSEError) -> String {
        var claims: [String: JSONValue] = ["iss": .string(issuer), "sub": "ann", "exp": 4_000_000_000]
        claims.merge(extra) { $1 }
        return try JWTSigner.sign(JWTClaims(claims), with: key)
    }

    @Test func selectionAcrossTwoIssuersWithARemoteBundle() async throws {
        try await JWKSTestServer.run { server in
            server.setKeys([TestIssuer.sharedKey(.rs256), TestIssuer.sharedKey(.es256)])
            let remoteIssuer = server.baseURL
            let remote = try RemoteJWKS(url: server.jwksURL)
            var jar = OIDCMessages.KeyJar()
            jar.add(.remote(remote, url: server.jwksURL.absoluteString), for: remoteIssuer)
            jar.add(KeyBundle(keys: [TestIssuer.sharedPublicKey(.rs256, 2)]), for: Self.localIssuer)
            let verifier = JWTVerifier(keys: jar)

            // The local issuer never touches the network.
            let local = try await verifier.verify(
                try Self.sign(Self.localIssuer, with: TestIssuer.sharedKey(.rs256, 2)))
            #expect(local.key.keyID == "RS256-2")
            #expect(server.requestCount() == 0)

            // An unknown issuer is refused before any fetch.
            await #expect(throws: JOSEError.self) {
                _ = try await verifier.verify(try Self.sign("https://evil.example", with: TestIssuer.sharedKey(.rs256)))
            }
            #expect(server.requestCount() == 0)

            // The remote issuer's tokens are verified with keys fetched once and then served from the cache.
            #expect(
                try await verifier.verify(try Self.sign(remoteIssuer, with: TestIssuer.sharedKey(.rs256))).key.keyID
                    == "RS256-1")
            #expect(
                try await verifier.verify(try Self.sign(remoteIssuer, with: TestIssuer.sharedKey(.es256))).key.keyID
                    == "ES256-1")
            #expect(server.requestCount() == 1)

            // Keys do not cross issuers: the local issuer's key cannot sign for the remote issuer, nor the reverse.
            do throws(JOSEError) {
                _ = try await verifier.verify(try Self.sign(remoteIssuer, with: TestIssuer.sharedKey(.rs256, 2)))
                Issue.record("expected noMatchingKey")
            } catch { #expect(error.code == .noMatchingKey) }
            do throws(JOSEError) {
                _ = try await verifier.verify(try Self.sign(Self.localIssuer, with: TestIssuer.sharedKey(.rs256)))
                Issue.record("expected noMatchingKey")
            } catch { #expect(error.code == .noMatchingKey) }

            // The same jar verifies an ID token inside an OpenID Connect token response.
            let now = JWTClock.system.wholeSeconds
            let idToken = try Message(
                OpenIDConnect.idToken,
                [
                    "iss": .string(remoteIssuer), "sub": "ann", "aud": "rp", "iat": .number(JSONNumber(now)),
                    "exp": .number(JSONNumber(now + 300)),
                ]
            ).jwt(signedWith: TestIssuer.sharedKey(.es256), algorithm: .es256)
            let response = try Message(
                OpenIDConnect.accessTokenResponse,
                ["access_token": "a", "token_type": "Bearer", "id_token": .string(idToken)])
            let verified = try await response.verify(
                VerificationOptions(issuer: remoteIssuer, clientID: "rp", keys: jar))
            #expect(verified["id_token"]?.string("sub") == "ann")

            // A token profile verified through the jar.
            let profileToken = try TokenProfile.accessToken.toJWT(
                ["iss": .string(remoteIssuer), "sub": "ann"], key: .key(TestIssuer.sharedKey(.rs256)),
                options: TokenSignOptions(algorithm: "RS256", expiresIn: "5m"))
            let claims = try await TokenProfile.accessToken.fromJWT(
                profileToken, key: .keySource(jar), options: TokenVerifyOptions(issuer: [remoteIssuer]))
            #expect(claims.subject == "ann")
            #expect(server.requestCount() == 1)

            // When the remote set stops being reachable, a cold jar reports the key source as unavailable.
            server.setMode(.status(500))
            var cold = OIDCMessages.KeyJar()
            cold.add(.remote(try RemoteJWKS(url: server.jwksURL)), for: remoteIssuer)
            do throws(JOSEError) {
                _ = try await cold.keys(
                    for: UnverifiedJWT(parsing: try Self.sign(remoteIssuer, with: TestIssuer.sharedKey(.rs256))))
                Issue.record("expected keySourceUnavailable")
            } catch { #expect(error.code == .keySourceUnavailable) }
        }
    }
}
