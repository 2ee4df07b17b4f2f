import AsyncHTTPClient
import JOSE
import OAuthJWTTesting
import RemoteJWKS
import Testing

/// The code of the README section "Remote key sets" and of `Documentation/RemoteJWKS.md`, kept here so it cannot rot.
@Suite("README: remote key sets")
struct ReadmeExampleTests {
    // README: "From a jwks_uri"
    func fromJWKSURI() throws -> JWTVerifier {
        let keys = try RemoteJWKS(url: "https://issuer.example/.well-known/jwks.json")
        return JWTVerifier(
            keys: keys,
            options: JWTValidationOptions(issuers: ["https://issuer.example/"], audiences: ["https://api.example"]))
    }

    // README: "From an issuer"
    func fromIssuer() throws -> JWTVerifier {
        let keys = try IssuerKeySource(issuer: "https://issuer.example/")  // discovers jwks_uri on first use
        return JWTVerifier(
            keys: keys,
            options: JWTValidationOptions(issuers: ["https://issuer.example/"], audiences: ["https://api.example"]))
    }

    // README: "From an issuer", eagerly
    func fromIssuerEagerly() async throws -> JWTVerifier {
        let keys = try IssuerKeySource(issuer: "https://issuer.example/")
        try await keys.refresh()
        return JWTVerifier(keys: keys, options: JWTValidationOptions(issuers: ["https://issuer.example/"]))
    }

    // README: "Several issuers"
    func severalIssuers() throws -> JWTVerifier {
        let jar = try MultiIssuerKeySource(issuers: [
            "https://login.partner-a.example/", "https://auth.partner-b.example/",
        ])
        return JWTVerifier(
            keys: jar, options: JWTValidationOptions(issuers: .keySource, audiences: ["https://api.example"]))
    }

    // README: "Several issuers", with known jwks_uris
    func severalIssuersWithKnownURIs() throws -> MultiIssuerKeySource {
        MultiIssuerKeySource(sources: [
            "https://login.partner-a.example/": try RemoteJWKS(url: "https://login.partner-a.example/jwks"),
            "https://auth.partner-b.example/": try IssuerKeySource(issuer: "https://auth.partner-b.example/"),
        ])
    }

    // README: "Settings"
    func withSettings() throws -> RemoteJWKS {
        let configuration = RemoteJWKSConfiguration(
            cacheDuration: .seconds(300),  // keys kept 5 min when the server sends no max-age
            unknownKeyCooldown: .seconds(60),  // at most one refetch a minute for unknown kids
            fetchTimeout: .seconds(2)
        )
        return try RemoteJWKS(url: "https://issuer.example/.well-known/jwks.json", configuration: configuration)
    }

    // README: "Your own HTTPClient"
    func ownHTTPClient() async throws {
        let client = HTTPClient(configuration: AsyncHTTPClientJWKSFetcher.makeConfiguration())
        let keys = try RemoteJWKS(
            url: "https://issuer.example/.well-known/jwks.json",
            configuration: RemoteJWKSConfiguration(httpClient: AsyncHTTPClientJWKSFetcher(client: client)))
        _ = keys  // ... serve requests ...
        try await client.shutdown()  // when no key source uses it any more
    }

    @Test("The README examples build their key sources without any network access")
    func examplesConstruct() async throws {
        for verifier in [try fromJWKSURI(), try fromIssuer(), try severalIssuers()] {
            let error = await joseError { try await verifier.verify("not-a-token") }
            #expect(error?.code == .malformedToken)
        }
        #expect(try severalIssuersWithKnownURIs().issuers?.count == 2)
        #expect(try withSettings().statistics.fetchCount == 0)
        try await ownHTTPClient()
    }

    @Test("The README shapes verify real tokens against a real server")
    func examplesRun() async throws {
        let key = try JWSKey.generate(for: .es256, keyID: "k1")
        try await JWKSTestServer.run { server in
            server.setKeys([key])
            server.setDiscoveryDocument()
            let token = try TestIssuer(key: key, issuer: server.baseURL, audience: "api").token()
            let options = JWTValidationOptions(issuers: [server.baseURL], audiences: ["api"])
            for source in [
                try RemoteJWKS(url: server.jwksURL) as any KeySource,
                try IssuerKeySource(issuer: server.baseURL),
                try await eagerIssuerKeys(server.baseURL),
                try MultiIssuerKeySource(issuers: [server.baseURL, "https://unused.example/"]),
            ] {
                let verified = try await JWTVerifier(keys: source, options: options).verify(token)
                #expect(verified.claims.subject == TestIssuer.subject)
            }
        }
    }

    private func eagerIssuerKeys(_ issuer: String) async throws -> IssuerKeySource {
        let keys = try IssuerKeySource(issuer: issuer)
        try await keys.refresh()
        return keys
    }
}
