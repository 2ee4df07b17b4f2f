import AsyncHTTPClient
import Foundation
import JOSE
import OAuthJWTTesting
import RemoteJWKS
import Testing

@Suite("RemoteJWKS refuses unsafe or broken responses")
struct FetchSafetyTests {
    @Test("A body over the limit is refused, with or without Content-Length", arguments: [true, false])
    func oversizeBody(declaresLength: Bool) async throws {
        let key = try JWSKey.generate(for: .es256, keyID: "k1")
        try await JWKSTestServer.run { server in
            server.setKeys([key])
            server.setMode(.oversize(bytes: 600 * 1024, declaresLength: declaresLength))
            let jwks = try RemoteJWKS(url: server.jwksURL)
            let error = await joseError { try await JWTVerifier(keys: jwks).verify(try TestIssuer(key: key).token()) }
            #expect(error?.code == .keySourceUnavailable)
            #expect(jwks.statistics.lastFailure == .bodyTooLarge)
            #expect(server.requestCount() == 1)
        }
    }

    @Test("A body just under the limit is accepted (the limit is the configured one)")
    func bodyUnderLimit() async throws {
        let key = try JWSKey.generate(for: .es256, keyID: "k1")
        try await JWKSTestServer.run { server in
            server.setKeys([key])
            let jwks = try RemoteJWKS(url: server.jwksURL, configuration: RemoteJWKSConfiguration(maximumBodySize: 400))
            _ = try await JWTVerifier(keys: jwks).verify(try TestIssuer(key: key).token())
            let small = try RemoteJWKS(url: server.jwksURL, configuration: RemoteJWKSConfiguration(maximumBodySize: 50))
            let error = await joseError { try await small.refresh() }
            #expect(error?.code == .keySourceUnavailable)
            #expect(small.statistics.lastFailure == .bodyTooLarge)
        }
    }

    @Test("The AsyncHTTPClient fetcher stops reading a huge streamed body at the cap, long before its end")
    func fetcherStopsAtCap() async throws {
        try await JWKSTestServer.run { server in
            // 256 MiB, chunked: reading it all would take far longer than the bound below.
            server.setMode(.oversize(bytes: 256 * 1024 * 1024, declaresLength: false))
            let start = ContinuousClock.now
            await #expect(throws: JWKSFetchError.bodyTooLarge) {
                _ = try await AsyncHTTPClientJWKSFetcher.shared.get(
                    server.jwksURL, timeout: .seconds(30), maximumBodySize: 64 * 1024)
            }
            #expect(ContinuousClock.now - start < .seconds(20))
        }
    }

    @Test("A body that arrives too slowly hits the fetch timeout")
    func slowBodyTimesOut() async throws {
        let key = try JWSKey.generate(for: .es256, keyID: "k1")
        try await JWKSTestServer.run { server in
            server.setKeys([key])
            server.setMode(.slowBody(chunks: 20, interval: .milliseconds(500)))  // 10 s in all
            let jwks = try RemoteJWKS(
                url: server.jwksURL, configuration: RemoteJWKSConfiguration(fetchTimeout: .seconds(1)))
            let start = ContinuousClock.now
            let error = await joseError { try await jwks.refresh() }
            #expect(error?.code == .keySourceUnavailable)
            #expect(jwks.statistics.lastFailure == .timedOut)
            #expect(ContinuousClock.now - start < .seconds(8))
        }
    }

    @Test("A slow but timely body is accepted")
    func slowBodyWithinTimeout() async throws {
        let key = try JWSKey.generate(for: .es256, keyID: "k1")
        try await JWKSTestServer.run { server in
            server.setKeys([key])
            server.setMode(.slowBody(chunks: 3, interval: .milliseconds(50)))
            let jwks = try RemoteJWKS(url: server.jwksURL)
            try await jwks.refresh()
            #expect(jwks.statistics.keyCount == 1)
        }
    }

    @Test("A redirect is not followed, even to a valid JWKS on the same server")
    func redirectRefused() async throws {
        let key = try JWSKey.generate(for: .es256, keyID: "k1")
        try await JWKSTestServer.run { server in
            server.setKeys([key])
            server.setDocument("/elsewhere.json", ["keys": .array([try key.publicJWK()])])
            server.setMode(.redirect(location: "/elsewhere.json"))
            let jwks = try RemoteJWKS(url: server.jwksURL)
            let error = await joseError { try await JWTVerifier(keys: jwks).verify(try TestIssuer(key: key).token()) }
            #expect(error?.code == .keySourceUnavailable)
            #expect(jwks.statistics.lastFailure == .redirectRefused)
            #expect(server.requestCount() == 1)
            #expect(server.requestCount("/elsewhere.json") == 0)
        }
    }

    @Test("A user-supplied HTTPClient that follows redirects still cannot make the fetcher accept one")
    func redirectRefusedWithFollowingClient() async throws {
        let key = try JWSKey.generate(for: .es256, keyID: "k1")
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .follow(max: 5, allowCycles: false)
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        do {
            try await JWKSTestServer.run { server in
                server.setDocument("/elsewhere.json", ["keys": .array([try key.publicJWK()])])
                server.setMode(.redirect(location: "/elsewhere.json"))
                let jwks = try RemoteJWKS(
                    url: server.jwksURL,
                    configuration: RemoteJWKSConfiguration(httpClient: AsyncHTTPClientJWKSFetcher(client: client)))
                let error = await joseError { try await jwks.refresh() }
                #expect(error?.code == .keySourceUnavailable)
                #expect(jwks.statistics.lastFailure == .redirectRefused)
                #expect(jwks.statistics.keyCount == 0)
            }
        } catch {
            try await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }

    @Test("Non-200 answers and garbage bodies are failures", arguments: [404, 500, 0])
    func brokenAnswers(status: Int) async throws {
        let key = try JWSKey.generate(for: .es256, keyID: "k1")
        try await JWKSTestServer.run { server in
            server.setKeys([key])
            server.setMode(status == 0 ? .garbage : .status(status))
            let jwks = try RemoteJWKS(url: server.jwksURL)
            let error = await joseError { try await jwks.refresh() }
            #expect(error?.code == .keySourceUnavailable)
            #expect(jwks.statistics.lastFailure == (status == 0 ? .invalidDocument : .unexpectedStatus(status)))
            #expect(jwks.statistics.failureCount == 1)
        }
    }

    @Test("A document with no usable key is a failure and does not replace the last good keys")
    func emptySetKeepsLastGoodKeys() async throws {
        let key = try JWSKey.generate(for: .es256, keyID: "k1")
        try await JWKSTestServer.run { server in
            server.setKeys([key])
            let jwks = try RemoteJWKS(url: server.jwksURL)
            try await jwks.refresh()
            server.setJWKS(["keys": .array([["kty": "RSA", "kid": "broken", "n": "AQAB", "e": "AQAB"]])])
            let error = await joseError { try await jwks.refresh() }
            #expect(error?.code == .keySourceUnavailable)
            #expect(jwks.statistics.lastFailure == .invalidDocument)
            #expect(jwks.cachedKeys.map(\.keyID) == ["k1"])
        }
    }

    @Test("Symmetric keys published in a JWKS are never used")
    func octKeysIgnored() async throws {
        let secret = try JWSKey(hmacSecret: Array(repeating: 7, count: 32), keyID: "shared", algorithm: .hs256)
        let ecKey = try JWSKey.generate(for: .es256, keyID: "ec")
        try await JWKSTestServer.run { server in
            server.setJWKS([
                "keys": .array([
                    ["kty": "oct", "kid": "shared", "k": .string(Base64URL.encode(Array(repeating: 7, count: 32)))],
                    try ecKey.publicJWK(),
                ])
            ])
            let jwks = try RemoteJWKS(url: server.jwksURL)
            let error = await joseError {
                try await JWTVerifier(keys: jwks).verify(try TestIssuer(key: secret).token())
            }
            #expect(error?.code == .noMatchingKey)
            #expect(jwks.statistics.keyCount == 1)
            #expect(jwks.statistics.skippedKeyCount == 1)
        }
    }

    @Test("Plain http is refused for non-loopback hosts unless explicitly allowed; nothing is fetched")
    func insecureHTTPRefused() async throws {
        let client = CountingHTTPClient()
        let configuration = RemoteJWKSConfiguration(httpClient: client)
        for url in [
            "http://issuer.example/jwks.json", "http://10.0.0.1/jwks", "ftp://issuer.example/jwks", "/jwks.json",
        ] {
            let error = await joseError { try RemoteJWKS(url: url, configuration: configuration) }
            #expect(error?.code == .urlNotAllowed, "\(url)")
        }
        for url in [
            "https://issuer.example/jwks.json", "http://127.0.0.1:8080/jwks", "http://localhost/jwks",
            "http://[::1]:9000/jwks", "http://127.1.2.3/jwks",
        ] {
            #expect(throws: Never.self, "\(url)") { try RemoteJWKS(url: url, configuration: configuration) }
        }
        let optedOut = try RemoteJWKS(
            url: "http://issuer.example/jwks.json",
            configuration: RemoteJWKSConfiguration(allowsInsecureHTTP: true, httpClient: client))
        #expect(await joseError { try await optedOut.refresh() }?.code == .keySourceUnavailable)
        #expect(client.callCount == 1)  // only the opted-out source ever fetched
        #expect(
            await joseError { try RemoteJWKS(url: "http://127.0.0.1.evil.example/jwks", configuration: configuration) }?
                .code
                == .urlNotAllowed)
    }
}
