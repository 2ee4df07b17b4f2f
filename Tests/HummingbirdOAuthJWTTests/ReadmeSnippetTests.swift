import Hummingbird
import HummingbirdTesting
import OAuthJWTTesting
import RemoteJWKS
import Testing

/// The README's snippet protects real routes.
@Suite struct ReadmeSnippetTests {
    @Test func snippetProtectsRoutes() async throws {
        let issuer = try TestIssuer(keyID: "live-1")
        try await JWKSTestServer.run { server in
            server.setKeys([issuer.key])
            let router = try buildRouter(
                keys: try RemoteJWKS(url: server.jwksURL), issuer: TestIssuer.issuer, audience: TestIssuer.audience)
            let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
            try await app.test(.live) { client in
                let me = try await client.get("/api/me", token: try issuer.token())
                #expect(me.text == "alice")
                let anonymous = try await client.get("/api/me")
                #expect(anonymous.challenge == #"Bearer realm="orders""#)
                let orders = try await client.get("/api/orders", token: try issuer.token(["scope": "orders:read"]))
                #expect(orders.text == "orders of alice")
                let noScope = try await client.get("/api/orders", token: try issuer.token())
                #expect(noScope.status == .forbidden)
            }
        }
    }

    @Test func snippetApplicationWarmsTheKeysBeforeTheFirstRequest() async throws {
        try await JWKSTestServer.run { server in
            let issuer = try TestIssuer(keyID: "warm-1", issuer: server.baseURL)
            server.setKeys([issuer.key])
            server.setDiscoveryDocument()
            let app = try buildApplication(issuer: server.baseURL, audience: TestIssuer.audience)
            try await app.test(.live) { client in
                for _ in 0..<400 where server.requestCount() == 0 { try await Task.sleep(for: .milliseconds(50)) }
                #expect(server.requestCount("/.well-known/openid-configuration") == 1)
                #expect(server.requestCount() == 1)
                let me = try await client.get("/api/me", token: try issuer.token())
                #expect(me.text == "alice")
                #expect(server.requestCount() == 1)
            }
        }
    }
}
