import OAuthJWTTesting
import RemoteJWKS
import Testing

/// The README's Vapor snippet protects real routes.
@Suite struct ReadmeSnippetTests {
    @Test func snippetProtectsRoutes() async throws {
        let issuer = try TestIssuer(keyID: "live-1")
        try await JWKSTestServer.run { server in
            server.setKeys([issuer.key])
            try await VaporLiveApp.run(
                routes: { app in
                    try routes(
                        app, keys: try RemoteJWKS(url: server.jwksURL), issuer: TestIssuer.issuer,
                        audience: TestIssuer.audience)
                },
                test: { base in
                    let bearer = [("Authorization", "Bearer \(try issuer.token())")]
                    #expect(try await HTTP.call(base + "/api/me", headers: bearer).body == "alice")
                    let anonymous = try await HTTP.call(base + "/api/me")
                    #expect(anonymous.header("WWW-Authenticate") == #"Bearer realm="orders""#)
                    let reader = [("Authorization", "Bearer \(try issuer.token(["scope": "orders:read"]))")]
                    #expect(try await HTTP.call(base + "/api/orders", headers: reader).body == "orders of alice")
                    #expect(try await HTTP.call(base + "/api/orders", headers: bearer).status == 403)
                })
        }
    }
}
