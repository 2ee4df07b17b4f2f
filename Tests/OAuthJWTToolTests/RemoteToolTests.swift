import Foundation
import JOSE
import OAuthJWTTesting
import Testing

/// `oauth-jwt verify` with remote key sources against a real HTTP server on 127.0.0.1.
@Suite(.serialized)
struct RemoteToolTests {
    @Test("--jwks-uri and --issuer-url verify against a live JWKS server; an outage exits 2")
    func remoteKeySources() async throws {
        let tool = try ToolRunner()
        let key = try JWSKey.generate(for: .rs256, keyID: "remote-1")
        try await JWKSTestServer.run { server in
            server.setKeys([key])
            server.setDiscoveryDocument(issuer: server.baseURL, jwksURI: server.jwksURL.absoluteString)
            let now = Int64(Date().timeIntervalSince1970)
            let token = try JWTSigner.sign(
                JWTClaims(["iss": .string(server.baseURL), "sub": "carol", "exp": .number(JSONNumber(now + 600))]),
                with: key)

            let viaURI = try await tool.runDetached(["verify", "--jwks-uri", server.jwksURL.absoluteString, token])
            #expect(viaURI.status == 0, "\(viaURI.standardError)")
            #expect(viaURI.standardOutput.contains("\"carol\""))
            #expect(server.requestCount() >= 1)

            let viaIssuer = try await tool.runDetached([
                "verify", "--issuer-url", server.baseURL, "--issuer", server.baseURL, token,
            ])
            #expect(viaIssuer.status == 0, "\(viaIssuer.standardError)")

            let forged = try JWTSigner.sign(
                JWTClaims(["sub": "mallory", "exp": .number(JSONNumber(now + 600))]),
                with: try JWSKey.generate(for: .rs256, keyID: "remote-1"))
            let rejected = try await tool.runDetached(["verify", "--jwks-uri", server.jwksURL.absoluteString, forged])
            #expect(rejected.status == 1)
            #expect(rejected.standardError.hasPrefix("error: invalid_signature: "))

            server.setMode(.status(500))
            let outage = try await tool.runDetached(["verify", "--jwks-uri", server.jwksURL.absoluteString, token])
            #expect(outage.status == 2, "\(outage.standardError)")
            #expect(outage.standardError.contains("key_source_unavailable"))
        }
        let insecure = try await tool.runDetached(["verify", "--jwks-uri", "http://example.com/jwks.json", "a.b.c"])
        #expect(insecure.status == 2, "non-loopback http is refused")
    }
}
