import Foundation
import Hummingbird
import HummingbirdOAuthJWT
import HummingbirdTesting
import JOSE
import OAuthJWT
import OAuthJWTTesting
import RemoteJWKS
import Testing

/// Real HTTP into a live Hummingbird app whose keys come from a real JWKS server on 127.0.0.1.
@Suite struct LiveMiddlewareTests {
    static let invalidRequest =
        #"Bearer realm="live", error="invalid_request", error_description="Only one access token may be sent""#
    static let missingRead =
        #"Bearer realm="live", error="insufficient_scope", error_description="Token is missing some required scopes", scope="read""#
    static let missingClaims =
        #"Bearer realm="live", error="insufficient_scope", error_description="Token is missing some required claims""#

    /// Runs `body` with a JWKS server serving `issuer`'s key and a live app using it through `RemoteJWKS`.
    func withLiveApp(
        _ issuer: TestIssuer,
        configuration: BearerTokenAuthenticator.Configuration = TestIssuer.authenticatorConfiguration(),
        _ body: @escaping @Sendable (any TestClientProtocol, JWKSTestServer, RemoteJWKS) async throws -> Void
    ) async throws {
        try await JWKSTestServer.run { server in
            server.setKeys([issuer.key])
            let keys = try RemoteJWKS(url: server.jwksURL)
            try await LiveApp.test(keys: keys, configuration: configuration) { client in
                try await body(client, server, keys)
            }
        }
    }

    @Test func everyRowOfTheTable() async throws {
        let issuer = try TestIssuer(keyID: "live-1")
        try await withLiveApp(issuer) { client, _, _ in
            // 200, with the claims in the request context.
            let ok = try await client.get("/any", token: try issuer.token())
            #expect(ok.status == .ok)
            #expect(ok.text == "user=alice")
            // 401, plain challenge.
            let none = try await client.get("/any")
            #expect(none.status == .unauthorized)
            #expect(none.challenge == #"Bearer realm="live""#)
            #expect(none.text == #"{"error":"unauthorized"}"#)
            // 400 invalid_request.
            let malformed = try await client.get("/any", authorization: ["Bearer not a token"])
            #expect(malformed.status == .badRequest)
            #expect(
                malformed.challenge
                    == #"Bearer realm="live", error="invalid_request", error_description="The bearer token is malformed""#
            )
            // 401 invalid_token.
            let expired = try await client.get("/any", token: try issuer.token(now: Date().addingTimeInterval(-7200)))
            #expect(expired.status == .unauthorized)
            #expect(
                expired.challenge
                    == #"Bearer realm="live", error="invalid_token", error_description="The access token expired""#)
            // 403 insufficient_scope with the needed scope.
            let noScope = try await client.get("/read", token: try issuer.token(["scope": "write"]))
            #expect(noScope.status == .forbidden)
            #expect(noScope.challenge == Self.missingRead)
            // 403 claim rule.
            let noClaim = try await client.get("/claim", token: try issuer.token())
            #expect(noClaim.status == .forbidden)
            #expect(noClaim.challenge == Self.missingClaims)
        }
    }

    @Test func keyServerDownWithNoCachedKeyIs503() async throws {
        let issuer = try TestIssuer(keyID: "live-1")
        try await withLiveApp(issuer) { client, server, _ in
            server.setMode(.status(500))
            let response = try await client.get("/any", token: try issuer.token())
            #expect(response.status == .serviceUnavailable)
            #expect(response.headers[values: .wwwAuthenticate] == [])
            #expect(response.headers[.retryAfter] == "30")
            #expect(response.text.contains("temporarily_unavailable"))
        }
    }

    @Test func badTokensAreInvalidTokens() async throws {
        let issuer = try TestIssuer(keyID: "live-1")
        try await withLiveApp(issuer) { client, _, _ in
            let forged = try await client.get("/any", token: try TestIssuer(keyID: "live-1").token())
            #expect(forged.challenge?.contains(#"error_description="The access token signature is invalid""#) == true)
            let unknownKid = try await client.get("/any", token: try TestIssuer(keyID: "other").token())
            #expect(unknownKid.status == .unauthorized)
            #expect(unknownKid.challenge?.contains("signed with an unknown key") == true)
            let wrongAudience = try await client.get("/any", token: try issuer.token(["aud": "api://else"]))
            #expect(wrongAudience.challenge?.contains("audience is not accepted") == true)
            let wrongIssuer = try await client.get("/any", token: try issuer.token(["iss": "https://evil.test"]))
            #expect(wrongIssuer.challenge?.contains("issuer is not accepted") == true)
        }
    }

    @Test func scopeIsMatchedByExactToken() async throws {
        let issuer = try TestIssuer(keyID: "live-1")
        try await withLiveApp(issuer) { client, _, _ in
            func get(_ path: String, _ claims: [String: JSONValue]) async throws -> TestResponse {
                try await client.get(path, token: try issuer.token(claims))
            }
            let readonly = try await get("/read", ["scope": "readonly"])
            #expect(readonly.challenge == Self.missingRead)
            for claims: [String: JSONValue] in [
                ["scope": "write read"], ["scope": ["write", "read"]], ["scp": "read"], ["scp": ["read"]],
            ] {
                let response = try await get("/read", claims)
                #expect(response.status == .ok, "\(claims)")
            }
            let scpReadonly = try await get("/read", ["scp": ["readonly"]])
            #expect(scpReadonly.status == .forbidden)
            let admin = try await get("/readOrAdmin", ["scope": "admin"])
            #expect(admin.status == .ok)
            let adm = try await get("/readOrAdmin", ["scope": "adm"])
            #expect(adm.status == .forbidden)
        }
    }

    @Test func claimRules() async throws {
        let issuer = try TestIssuer(keyID: "live-1")
        try await withLiveApp(issuer) { client, _, _ in
            let present = try await client.get("/claim", token: try issuer.token(["myClaim": "someRequiredValue"]))
            #expect(present.status == .ok)
            #expect(present.text == "user=alice")
            // First rule (sub present) holds, the second (value) fails.
            let wrongValue = try await client.get("/claim", token: try issuer.token(["myClaim": "other"]))
            #expect(wrongValue.challenge == Self.missingClaims)
            #expect(try await client.get("/role", token: try issuer.token(["roles": ["user", "admin"]])).status == .ok)
            #expect(
                try await client.get("/role", token: try issuer.token(["roles": ["user"]])).challenge
                    == Self.missingClaims)
        }
    }

    @Test func twoAuthorizationHeadersAre400() async throws {
        let issuer = try TestIssuer(keyID: "live-1")
        try await withLiveApp(issuer) { client, _, _ in
            let token = try issuer.token()
            let response = try await client.get("/any", authorization: ["Bearer \(token)", "Bearer \(token)"])
            #expect(response.status == .badRequest)
            #expect(response.challenge == Self.invalidRequest)
        }
    }

    @Test func lowercaseBearerIsAcceptedAndBasicGetsPlainChallenge() async throws {
        let issuer = try TestIssuer(keyID: "live-1")
        try await withLiveApp(issuer) { client, _, _ in
            #expect(try await client.get("/any", authorization: ["bearer \(try issuer.token())"]).status == .ok)
            let basic = try await client.get("/any", authorization: ["Basic dXNlcjpwYXNzd29yZA=="])
            #expect(basic.status == .unauthorized)
            #expect(basic.challenge == #"Bearer realm="live""#)
        }
    }

    @Test func realmWithQuoteIsEscaped() async throws {
        let issuer = try TestIssuer(keyID: "live-1")
        var configuration = TestIssuer.authenticatorConfiguration()
        configuration.realm = #"the "live" \ realm"#
        try await withLiveApp(issuer, configuration: configuration) { client, _, _ in
            let response = try await client.get("/any")
            #expect(response.challenge == #"Bearer realm="the \"live\" \\ realm""#)
        }
    }

    @Test func cacheNeverServesAnExpiredToken() async throws {
        let issuer = try TestIssuer(keyID: "live-1")
        let clock = ManualClock()
        try await withLiveApp(issuer, configuration: TestIssuer.authenticatorConfiguration(clock: clock.jwtClock)) {
            client, _, _ in
            let token = try issuer.token(lifetime: .seconds(60))
            #expect(try await client.get("/any", token: token).status == .ok)
            #expect(try await client.get("/any", token: token).status == .ok)  // from the cache
            // The manual clock stopped when it was made, before the app started and the token was minted: moving it
            // two minutes on passes the token's 60-second lifetime whatever the start-up took (under a minute).
            clock.advance(by: .seconds(120))
            let response = try await client.get("/any", token: token)
            #expect(response.status == .unauthorized)
            #expect(response.challenge?.contains("The access token expired") == true)
        }
    }

    @Test func cacheDropsATokenWhoseKeyLeftTheJWKS() async throws {
        let issuer = try TestIssuer(keyID: "live-1")
        try await withLiveApp(issuer) { client, server, keys in
            let token = try issuer.token()
            #expect(try await client.get("/any", token: token).status == .ok)
            #expect(try await client.get("/any", token: token).status == .ok)  // from the cache
            server.setKeys([try TestIssuer(keyID: "live-2").key])
            try await keys.refresh()
            let response = try await client.get("/any", token: token)
            #expect(response.status == .unauthorized)
            #expect(response.challenge?.contains("signed with an unknown key") == true)
        }
    }

    @Test func formBodyTokenReachesTheHandlerWhenEnabled() async throws {
        let issuer = try TestIssuer(keyID: "live-1")
        var configuration = TestIssuer.authenticatorConfiguration()
        configuration.tokenLocations = [.authorizationHeader, .formBody, .query]
        let locations = configuration
        try await JWKSTestServer.run { server in
            server.setKeys([issuer.key])
            let keys = try RemoteJWKS(url: server.jwksURL)
            let authenticator = try BearerTokenAuthenticator(keys: keys, configuration: locations)
            let router = Router(context: LiveApp.Context.self)
            // The middleware reads the form body; the handler still gets all of it.
            router.group("form").add(middleware: OAuthJWTAuthenticator<LiveApp.Context>(authenticator))
                .post { request, context in
                    var request = request
                    let body = try await request.collectBody(upTo: 1 << 16)
                    return "user=\(try context.requireIdentity().claims.subject ?? "-") body=\(body.readableBytes)"
                }
            router.get("query", use: authenticator.secure { _, _, token in "user=\(token.claims.subject ?? "-")" })
            let app = Application(
                router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)))
            try await app.test(.live) { client in
                let token = try issuer.token()
                let form = "access_token=\(token)"
                let response = try await client.execute(
                    uri: "/form", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: form))
                #expect(response.text == "user=alice body=\(form.utf8.count)")
                #expect(try await client.get("/query?access_token=\(token)").text == "user=alice")
                #expect(try await client.get("/query?access_token=\(token)", token: token).status == .badRequest)
            }
        }
    }
}
