import Foundation
import JOSE
import OAuthJWTTesting
import RemoteJWKS
import Testing

@Suite("MultiIssuerKeySource: several issuers")
struct MultiIssuerKeySourceTests {
    @Test("keysVersion: none until every issuer has fresh keys, then a number that changes when any issuer's set does")
    func keysVersionCoversEveryIssuer() async throws {
        let keyA = try JWSKey.generate(for: .es256, keyID: "a")
        let keyB = try JWSKey.generate(for: .es256, keyID: "b")
        try await JWKSTestServer.run { serverA in
            try await JWKSTestServer.run { serverB in
                serverA.setKeys([keyA])
                serverB.setKeys([keyB])
                let sourceA = try RemoteJWKS(url: serverA.jwksURL)
                let sourceB = try RemoteJWKS(url: serverB.jwksURL)
                let jar = MultiIssuerKeySource(sources: ["https://a.example": sourceA, "https://b.example": sourceB])
                try await sourceA.refresh()
                #expect(jar.keysVersion == nil)  // B has no keys yet
                try await sourceB.refresh()
                let first = try #require(jar.keysVersion)
                #expect(jar.keysVersion == first)
                try await sourceB.refresh()  // one issuer's new set changes the whole number
                let second = try #require(jar.keysVersion)
                #expect(second != first)
                try await sourceA.refresh()
                #expect(jar.keysVersion.map { $0 != second && $0 != first } == true)
            }
        }
    }

    @Test("An issuer's source has the discovered key set's keysVersion, none before discovery")
    func issuerKeySourceVersionFollowsItsKeySet() async throws {
        let key = try JWSKey.generate(for: .es256, keyID: "k1")
        try await JWKSTestServer.run { server in
            server.setKeys([key])
            server.setDiscoveryDocument()
            let source = try IssuerKeySource(issuer: server.baseURL)
            #expect(source.keysVersion == nil)
            try await source.refresh()
            let first = try #require(source.keysVersion)
            #expect(try await source.keySet().keysVersion == first)
            try await source.refresh()
            #expect(source.keysVersion.map { $0 != first } == true)
        }
    }

    @Test("A token's iss picks its issuer's keys; an unknown issuer is refused before any fetch")
    func routesByIssuer() async throws {
        let keyA = try JWSKey.generate(for: .es256, keyID: "a")
        let keyB = try JWSKey.generate(for: .es256, keyID: "b")
        try await JWKSTestServer.run { serverA in
            try await JWKSTestServer.run { serverB in
                serverA.setKeys([keyA])
                serverB.setKeys([keyB])
                let jar = try MultiIssuerKeySource(jwksURIs: [
                    "https://a.example": serverA.jwksURL, "https://b.example": serverB.jwksURL,
                ])
                #expect(jar.issuers == ["https://a.example", "https://b.example"])
                let verifier = JWTVerifier(keys: jar, options: JWTValidationOptions(issuers: .keySource))
                #expect(verifier.options.issuers == .oneOf(["https://a.example", "https://b.example"]))
                _ = try await verifier.verify(try TestIssuer(key: keyA, issuer: "https://a.example").token())
                _ = try await verifier.verify(try TestIssuer(key: keyB, issuer: "https://b.example").token())
                #expect(serverA.requestCount() == 1)
                #expect(serverB.requestCount() == 1)

                // Unknown issuer: refused, nothing fetched anywhere.
                let unknown = try TestIssuer(key: keyA, issuer: "https://evil.example").token()
                #expect(await joseError { try await verifier.verify(unknown) }?.code == .issuerMismatch)
                // No issuer at all.
                let claims = JWTClaims([
                    "sub": "x", "exp": .number(JSONNumber(Int64(Date().timeIntervalSince1970) + 60)),
                ])
                let noIssuer = try JWTSigner.sign(claims, with: keyA)
                #expect(await joseError { try await verifier.verify(noIssuer) }?.code == .missingClaim)
                // Claiming B while signed by A: only B's keys are tried.
                let forged = try TestIssuer(key: keyA, issuer: "https://b.example").token(keyID: .some("b"))
                #expect(await joseError { try await verifier.verify(forged) }?.code == .invalidSignature)
                #expect(serverA.totalRequestCount == 1)
                #expect(serverB.totalRequestCount == 1)
                // Claiming B with A's kid: B's cached keys (answered without waiting) have no such key, and A's
                // are never offered for it (B may refetch for the unknown kid; A is not asked).
                let borrowed = try TestIssuer(key: keyA, issuer: "https://b.example").token()
                #expect(await joseError { try await verifier.verify(borrowed) }?.code == .noMatchingKey)
                #expect(serverA.totalRequestCount == 1)
            }
        }
    }

    @Test("Issuers are looked up by their bytes: a KELVIN SIGN issuer does not reach the K issuer's keys")
    func issuerLookupIsExact() async throws {
        let key = try JWSKey.generate(for: .es256, keyID: "k1")
        try await JWKSTestServer.run { server in
            server.setKeys([key])
            let jar = try MultiIssuerKeySource(jwksURIs: ["https://K.example": server.jwksURL])
            #expect("https://\u{212A}.example" == "https://K.example")  // Swift's == would have found it
            #expect(jar.source(for: "https://\u{212A}.example") == nil)
            let lookalike = try TestIssuer(key: key, issuer: "https://\u{212A}.example").token()
            #expect(await joseError { try await JWTVerifier(keys: jar).verify(lookalike) }?.code == .issuerMismatch)
            #expect(server.totalRequestCount == 0)
            _ = try await JWTVerifier(keys: jar).verify(try TestIssuer(key: key, issuer: "https://K.example").token())
        }
    }

    @Test("IssuerKeySource refuses a token whose iss only looks like its issuer, before discovery")
    func issuerJWKSComparesBytes() async throws {
        let key = try JWSKey.generate(for: .es256, keyID: "k1")
        let client = CountingHTTPClient()
        let source = try IssuerKeySource(
            issuer: "https://K.example", configuration: RemoteJWKSConfiguration(httpClient: client))
        #expect(source.issuers == ["https://K.example"])
        let lookalike = try TestIssuer(key: key, issuer: "https://\u{212A}.example").token()
        #expect(await joseError { try await JWTVerifier(keys: source).verify(lookalike) }?.code == .issuerMismatch)
        #expect(source.immediateKeys(for: try UnverifiedJWT(parsing: lookalike)) == nil)
        #expect(client.callCount == 0)
    }

    @Test("A jar of issuers discovers each issuer lazily")
    func discoveringJar() async throws {
        let key = try JWSKey.generate(for: .es256, keyID: "k1")
        try await JWKSTestServer.run { server in
            server.setKeys([key])
            server.setDiscoveryDocument()
            let jar = try MultiIssuerKeySource(issuers: [server.baseURL, "https://unused.example"])
            #expect(server.totalRequestCount == 0)
            _ = try await JWTVerifier(keys: jar).verify(try TestIssuer(key: key, issuer: server.baseURL).token())
            #expect(server.requestCount("/.well-known/openid-configuration") == 1)
            #expect(server.requestCount() == 1)
        }
    }
}
