import Foundation
import JOSE
import OAuthJWTTesting
import RemoteJWKS
import Testing

@Suite("Issuer discovery (OpenID Connect, RFC 8414)")
struct DiscoveryTests {
    @Test("Metadata URLs: OIDC appends, RFC 8414 inserts the well-known segment")
    func metadataURLs() throws {
        #expect(
            try IssuerDiscovery.metadataURLs(for: "https://as.example/tenant/").map(\.absoluteString) == [
                "https://as.example/tenant/.well-known/openid-configuration",
                "https://as.example/.well-known/oauth-authorization-server/tenant",
            ])
        #expect(
            try IssuerDiscovery.metadataURLs(for: "https://as.example").map(\.absoluteString) == [
                "https://as.example/.well-known/openid-configuration",
                "https://as.example/.well-known/oauth-authorization-server",
            ])
        #expect(throws: JOSEError.self) { try IssuerDiscovery.metadataURLs(for: "http://as.example") }
    }

    @Test("OIDC discovery finds jwks_uri and the key source verifies")
    func oidcDiscovery() async throws {
        let key = try JWSKey.generate(for: .es256, keyID: "k1")
        try await JWKSTestServer.run { server in
            server.setKeys([key])
            server.setDiscoveryDocument()
            let source = try IssuerKeySource(issuer: server.baseURL)
            let token = try TestIssuer(key: key, issuer: server.baseURL).token()
            // Nothing discovered yet: no version, and nothing at hand.
            #expect(source.keysVersion == nil)
            #expect(source.immediateKeys(for: try UnverifiedJWT(parsing: token)) == nil)
            try await source.refresh()
            #expect(server.requestCount("/.well-known/openid-configuration") == 1)
            #expect(server.requestCount() == 1)
            #expect(try await source.keySet().url == server.jwksURL)
            _ = try await JWTVerifier(keys: source).verify(token)
            #expect(server.requestCount("/.well-known/openid-configuration") == 1)
            #expect(server.requestCount() == 1)
            // Once discovered, the key set's version and keys are read without asking again (cache hits rely on it).
            let version = try #require(source.keysVersion)
            #expect(version == (try await source.keySet().keysVersion))
            #expect(source.immediateKeys(for: try UnverifiedJWT(parsing: token))?.count == 1)
        }
    }

    @Test("When the OIDC document is missing, RFC 8414 metadata is used")
    func rfc8414Fallback() async throws {
        let key = try JWSKey.generate(for: .es256, keyID: "k1")
        try await JWKSTestServer.run { server in
            server.setKeys([key])
            let issuer = server.baseURL + "/tenant"
            server.setDocument(
                "/.well-known/oauth-authorization-server/tenant",
                ["issuer": .string(issuer), "jwks_uri": .string(server.jwksURL.absoluteString)])
            let metadata = try await IssuerDiscovery.discover(issuer: issuer)
            #expect(metadata.jwksURI == server.jwksURL)
            #expect(server.requestCount("/tenant/.well-known/openid-configuration") == 1)
            #expect(server.requestCount("/.well-known/oauth-authorization-server/tenant") == 1)
        }
    }

    @Test("A metadata document naming another issuer is refused, and its jwks_uri never fetched")
    func issuerMismatchRefused() async throws {
        let key = try JWSKey.generate(for: .es256, keyID: "k1")
        try await JWKSTestServer.run { server in
            server.setKeys([key])
            server.setDiscoveryDocument(issuer: server.baseURL + "/someone-else")
            let error = await joseError { try await IssuerDiscovery.discover(issuer: server.baseURL) }
            #expect(error?.code == .issuerMismatch)
            // A trailing slash is a different issuer too: comparison is exact.
            server.setDiscoveryDocument(issuer: server.baseURL + "/")
            #expect(
                await joseError { try await IssuerDiscovery.discover(issuer: server.baseURL) }?.code == .issuerMismatch)
            // Through the lazy key source the token gets "unavailable" (our side's fault), not "bad token".
            let source = try IssuerKeySource(issuer: server.baseURL)
            let verifyError = await joseError {
                try await JWTVerifier(keys: source).verify(try TestIssuer(key: key, issuer: server.baseURL).token())
            }
            #expect(verifyError?.code == .keySourceUnavailable)
            #expect(server.requestCount() == 0)
        }
    }

    @Test("A discovered jwks_uri must itself be https (or loopback http)")
    func insecureJWKSURIRefused() async throws {
        try await JWKSTestServer.run { server in
            server.setDiscoveryDocument(jwksURI: "http://jwks.example/keys")
            #expect(
                await joseError { try await IssuerDiscovery.discover(issuer: server.baseURL) }?.code == .urlNotAllowed)
        }
    }

    @Test(
        "An https issuer's jwks_uri must be https: loopback http is only for a loopback issuer",
        arguments: [
            ("http://127.0.0.1:9/keys", false), ("http://localhost/keys", false), ("https://as.example/keys", true),
        ])
    func httpsIssuerKeepsHTTPS(jwksURI: String, accepted: Bool) async throws {
        let issuer = "https://as.example"
        let document = #"{"issuer":"\#(issuer)","jwks_uri":"\#(jwksURI)"}"#
        let client = CountingHTTPClient(answer: JWKSHTTPResponse(status: 200, body: Array(document.utf8)))
        let error = await joseError {
            try await IssuerDiscovery.discover(
                issuer: issuer, configuration: RemoteJWKSConfiguration(httpClient: client))
        }
        #expect(error == nil ? accepted : (!accepted && error?.code == .urlNotAllowed))
        // The explicit opt-out still allows it.
        let insecure = RemoteJWKSConfiguration(allowsInsecureHTTP: true, httpClient: client)
        let metadata = try await IssuerDiscovery.discover(issuer: issuer, configuration: insecure)
        #expect(metadata.jwksURI.absoluteString == jwksURI)
    }

    @Test("The document's issuer must have the issuer's exact bytes (KELVIN SIGN is not K)")
    func discoveredIssuerComparedByBytes() async throws {
        let document = #"{"issuer":"https://\#u{212A}.example","jwks_uri":"https://k.example/keys"}"#
        let client = CountingHTTPClient(answer: JWKSHTTPResponse(status: 200, body: Array(document.utf8)))
        #expect("https://\u{212A}.example" == "https://K.example")  // what Swift's == would have let through
        let error = await joseError {
            try await IssuerDiscovery.discover(
                issuer: "https://K.example", configuration: RemoteJWKSConfiguration(httpClient: client))
        }
        #expect(error?.code == .issuerMismatch)
    }

    @Test("IssuerKeySource discovers once on first use, shared by concurrent tokens, then caches the metadata")
    func lazyDiscoveryIsShared() async throws {
        let key = try JWSKey.generate(for: .es256, keyID: "k1")
        try await JWKSTestServer.run { server in
            server.setKeys([key])
            server.setDiscoveryDocument()
            server.setDelay(.milliseconds(100))
            let source = try IssuerKeySource(issuer: server.baseURL)
            #expect(server.totalRequestCount == 0)  // creating it fetched nothing
            let verifier = JWTVerifier(keys: source)
            let token = try TestIssuer(key: key, issuer: server.baseURL).token()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<50 { group.addTask { _ = try await verifier.verify(token) } }
                try await group.waitForAll()
            }
            _ = try await verifier.verify(token)
            #expect(server.requestCount("/.well-known/openid-configuration") == 1)
            #expect(server.requestCount() == 1)
            #expect(source.discoveryStatistics.attempts == 1)
            // A token of another issuer is refused before anything is fetched.
            let foreign = try TestIssuer(key: key, issuer: "https://other.example").token()
            #expect(await joseError { try await verifier.verify(foreign) }?.code == .issuerMismatch)
            #expect(server.totalRequestCount == 2)
        }
    }
}
