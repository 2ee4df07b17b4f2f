import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import OAuthJWTTesting
import RemoteJWKS
import Testing

/// How a user tests their own protected Hummingbird routes: `OAuthJWTTesting`'s issuer and loopback key server,
/// and `HTTPFields.bearer` with Hummingbird's router test client.
@Suite struct TestClientTests {
    @Test func hummingbirdTestClientWithBearerFields() async throws {
        let issuer = try TestIssuer(keyID: "client-1")
        try await JWKSTestServer.run { server in
            server.setKeys([issuer.key])
            let router = try buildRouter(
                keys: try RemoteJWKS(url: server.jwksURL), issuer: TestIssuer.issuer, audience: TestIssuer.audience)
            let app = Application(router: router)
            try await app.test(.router) { client in
                try await client.execute(uri: "/api/me", method: .get, headers: .bearer(try issuer.token())) {
                    #expect($0.status == .ok)
                    #expect(String(buffer: $0.body) == TestIssuer.subject)
                }
                let expired = try issuer.expiredToken()
                try await client.execute(uri: "/api/me", method: .get, headers: .bearer(expired)) {
                    #expect($0.status == .unauthorized)
                    #expect($0.headers[.wwwAuthenticate]?.contains(#"error="invalid_token""#) == true)
                }
                let early = try issuer.notYetValidToken()
                try await client.execute(uri: "/api/me", method: .get, headers: .bearer(early)) {
                    #expect($0.status == .unauthorized)
                }
                try await client.execute(uri: "/api/orders", method: .get, headers: .bearer(try issuer.token())) {
                    #expect($0.status == .forbidden)
                }
            }
            #expect(server.requestCount() == 1)
        }
    }
}
