import OAuthJWTTesting
import RemoteJWKS
import Testing
import Vapor
import VaporTesting

/// How a user tests their own protected Vapor routes: `OAuthJWTTesting`'s issuer and loopback key server, and
/// `HTTPHeaders.bearer` with Vapor's in-memory test client.
@Suite struct TestClientTests {
    @Test func vaporTestClientWithBearerHeaders() async throws {
        let issuer = try TestIssuer(keyID: "client-1")
        try await JWKSTestServer.run { server in
            server.setKeys([issuer.key])
            try await withApp { app in
                try routes(
                    app, keys: try RemoteJWKS(url: server.jwksURL), issuer: TestIssuer.issuer,
                    audience: TestIssuer.audience)
                let tester = try app.testing()
                try await tester.test(.GET, "api/me", headers: .bearer(try issuer.token())) { response in
                    #expect(response.status == .ok)
                    #expect(response.body.string == TestIssuer.subject)
                }
                try await tester.test(.GET, "api/me", headers: .bearer(try issuer.expiredToken())) { response in
                    #expect(response.status == .unauthorized)
                    #expect(response.headers.first(name: .wwwAuthenticate)?.contains(#"error="invalid_token""#) == true)
                }
                try await tester.test(.GET, "api/me", headers: .bearer(try issuer.notYetValidToken())) { response in
                    #expect(response.status == .unauthorized)
                }
                try await tester.test(.GET, "api/orders", headers: .bearer(try issuer.token())) { response in
                    #expect(response.status == .forbidden)
                }
            }
            #expect(server.requestCount() == 1)
        }
    }

    private func withApp(_ body: (Application) async throws -> Void) async throws {
        var logger = Logger(label: "vapor-test-client")
        logger.logLevel = .warning
        let app = try await Application.make(.testing, logger: logger)
        do {
            try await body(app)
        } catch {
            try await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
