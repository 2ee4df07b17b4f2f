import Foundation
import JOSE
import Logging
import OAuthJWTTesting
import RemoteJWKS
import Testing

@Suite("RemoteJWKS logging")
struct LoggingTests {
    @Test("Fetches and failures are logged without tokens, key material or URL query secrets")
    func logsCarryNoSecrets() async throws {
        let key = try JWSKey.generate(for: .es256, keyID: "k1")
        let capture = LogCapture()
        try await JWKSTestServer.run { server in
            server.setKeys([key])
            let url = URL(string: server.jwksURL.absoluteString + "?api_key=SECRET-QUERY")!
            let jwks = try RemoteJWKS(url: url, logger: capture.logger)
            let token = try TestIssuer(key: key).token()
            _ = try await JWTVerifier(keys: jwks).verify(token)
            server.setMode(.status(503))
            _ = await joseError { try await jwks.refresh() }
            let text = capture.text
            #expect(text.contains("Fetched the JWKS"))
            #expect(text.contains("JWKS refresh failed; serving the last good keys"))
            #expect(text.contains("oauth_jwt.jwks_url=\(server.jwksURL.absoluteString)"))
            #expect(!text.contains("SECRET-QUERY"))
            #expect(!text.contains(token))
            #expect(!text.contains(token.split(separator: ".")[2]))
            guard case .object(let jwk) = try key.publicJWK(), let x = jwk["x"]?.stringValue else {
                Issue.record("no x coordinate")
                return
            }
            #expect(!text.contains(x))
        }
    }

    @Test("The library logs at debug level, and warns only when a key source has no usable keys")
    func levelsAndMetadataPrefix() async throws {
        let key = try JWSKey.generate(for: .es256, keyID: "k1")
        let capture = LogCapture()
        try await JWKSTestServer.run { server in
            // A fetch with an unusable key beside a good one, then a refresh that fails while keys are held.
            server.setJWKS(["keys": [try key.publicJWK(), ["kty": "XYZ", "kid": "odd"]]])
            let jwks = try RemoteJWKS(url: server.jwksURL, logger: capture.logger)
            _ = try await JWTVerifier(keys: jwks).verify(try TestIssuer(key: key).token())
            server.setMode(.status(503))
            _ = await joseError { try await jwks.refresh() }
            #expect(!capture.text.contains("warning"))
            // A key source that never had keys: the one warning.
            let cold = try RemoteJWKS(url: server.jwksURL, logger: capture.logger)
            _ = await joseError { try await cold.refresh() }
            // Discovery: found once, then an issuer without metadata (404): the one warning, for that key source.
            server.setMode(.serve)
            server.setDiscoveryDocument()
            let discovered = try IssuerKeySource(issuer: server.baseURL, logger: capture.logger)
            _ = try await JWTVerifier(keys: discovered).verify(try TestIssuer(key: key, issuer: server.baseURL).token())
            let missingIssuer = server.baseURL + "/none"
            let missing = try IssuerKeySource(issuer: missingIssuer, logger: capture.logger)
            _ = try? await JWTVerifier(keys: missing).verify(try TestIssuer(key: key, issuer: missingIssuer).token())
        }
        let lines = capture.records
        #expect(lines.contains { $0.hasPrefix("debug Fetched the JWKS") })
        #expect(lines.contains { $0.hasPrefix("debug The JWKS has keys that are not used") })
        #expect(lines.contains { $0.hasPrefix("debug JWKS refresh failed; serving the last good keys") })
        #expect(lines.contains { $0.hasPrefix("debug Discovered the authorization server metadata") })
        let warnings = lines.filter { !$0.hasPrefix("debug ") && !$0.hasPrefix("trace ") }
        #expect(warnings.count == 2)
        #expect(warnings.allSatisfy { $0.hasPrefix("warning ") })
        #expect(warnings.contains { $0.hasPrefix("warning JWKS fetch failed; no usable keys") })
        #expect(warnings.contains { $0.hasPrefix("warning No authorization server metadata found") })
        // Every metadata key of the library carries the one prefix.
        for line in lines {
            for pair in line.split(separator: " ") where pair.contains("=") {
                #expect(pair.hasPrefix("oauth_jwt."), "\(pair)")
            }
        }
    }
}
