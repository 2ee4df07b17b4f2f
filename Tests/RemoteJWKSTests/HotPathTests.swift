import Foundation
import JOSE
import OAuthJWTTesting
import RemoteJWKS
import Testing

@Suite("RemoteJWKS hot path")
struct HotPathTests {
    @Test("Cached keys verify while a refresh is stuck in flight (stale-while-revalidate)")
    func cachedKeysDoNotWaitForRefresh() async throws {
        let key = try JWSKey.generate(for: .es256, keyID: "k1")
        let clock = ManualClock()
        try await JWKSTestServer.run { server in
            server.setKeys([key])
            let gate = GatedHTTPClient(freeCalls: 1)
            let jwks = try RemoteJWKS(
                url: server.jwksURL,
                configuration: RemoteJWKSConfiguration(clock: clock.remoteJWKSClock, httpClient: gate))
            let verifier = JWTVerifier(keys: jwks)
            let token = try TestIssuer(key: key).token()
            _ = try await verifier.verify(token)
            clock.advance(by: .seconds(11 * 60))  // expired: the next call starts a refresh, which the gate holds
            // If verification waited for the held refresh, this would take the gate's 10 s auto-open time.
            let (verified, elapsed) = await timed {
                var verified = 0
                for _ in 0..<100 where (try? await verifier.verify(token)) != nil { verified += 1 }
                return verified
            }
            #expect(verified == 100)
            #expect(elapsed < .seconds(5))
            #expect(jwks.statistics.isRefreshing)
            #expect(jwks.statistics.fetchCount == 2)  // one refresh, however many callers
            gate.open()
            try await waitUntil { !jwks.statistics.isRefreshing }
            #expect(server.requestCount() == 2)
        }
    }

    @Test("keysVersion: none before a fetch or once the keys are due for refresh, a new one with every fetched set")
    func keysVersionFollowsFetchesAndFreshness() async throws {
        let key = try JWSKey.generate(for: .es256, keyID: "k1")
        let clock = ManualClock()
        try await JWKSTestServer.run { server in
            server.setKeys([key])
            let jwks = try RemoteJWKS(
                url: server.jwksURL, configuration: RemoteJWKSConfiguration(clock: clock.remoteJWKSClock))
            #expect(jwks.keysVersion == nil)  // nothing fetched yet
            try await jwks.refresh()
            let first = try #require(jwks.keysVersion)
            #expect(jwks.keysVersion == first)  // reading does not change it
            clock.advance(by: .seconds(9 * 60))
            #expect(jwks.keysVersion == first)  // still fresh (10 minutes by default)
            try await jwks.refresh()  // a fetched set, even the same keys, is a new version
            let second = try #require(jwks.keysVersion)
            #expect(second != first)
            clock.advance(by: .seconds(10 * 60))  // due for refresh: no promise until the next fetch
            #expect(jwks.keysVersion == nil)
            server.setMode(.status(500))
            await #expect(throws: JOSEError.self) { try await jwks.refresh() }
            #expect(jwks.keysVersion == nil)  // a failed fetch publishes nothing
            server.setMode(.serve)
            try await jwks.refresh()
            let third = try #require(jwks.keysVersion)
            #expect(third != second && third != first)
        }
    }

    @Test("Immediate keys: only from a fresh cache that has the token's key; otherwise the async path decides")
    func immediateKeysComeOnlyFromAFreshCache() async throws {
        let key = try JWSKey.generate(for: .es256, keyID: "k1")
        let clock = ManualClock()
        try await JWKSTestServer.run { server in
            server.setKeys([key])
            let jwks = try RemoteJWKS(
                url: server.jwksURL, configuration: RemoteJWKSConfiguration(clock: clock.remoteJWKSClock))
            let token = try UnverifiedJWT(parsing: try TestIssuer(key: key).token())
            #expect(jwks.immediateKeys(for: token) == nil)  // nothing fetched yet
            try await jwks.refresh()
            #expect(jwks.immediateKeys(for: token)?.map(\.keyID) == ["k1"])
            let unknown = try UnverifiedJWT(
                parsing: try TestIssuer(key: try JWSKey.generate(for: .es256, keyID: "k9")).token())
            #expect(jwks.immediateKeys(for: unknown) == nil)  // an unknown kid may need a refetch
            clock.advance(by: .seconds(11 * 60))
            #expect(jwks.immediateKeys(for: token) == nil)  // due for refresh: keys(for:) starts it
            #expect(server.requestCount() == 1)
            _ = try await JWTVerifier(keys: jwks).verify(try TestIssuer(key: key).token())
            try await waitUntil { !jwks.statistics.isRefreshing }
            #expect(server.requestCount() == 2)
            #expect(jwks.immediateKeys(for: token)?.map(\.keyID) == ["k1"])
        }
    }

    @Test("An unknown kid waits for the refresh already in flight instead of starting another")
    func unknownKidJoinsRunningRefresh() async throws {
        let key = try JWSKey.generate(for: .es256, keyID: "k1")
        let newKey = try JWSKey.generate(for: .es256, keyID: "k2")
        let clock = ManualClock()
        try await JWKSTestServer.run { server in
            server.setKeys([key])
            let gate = GatedHTTPClient(freeCalls: 1)
            let jwks = try RemoteJWKS(
                url: server.jwksURL,
                configuration: RemoteJWKSConfiguration(clock: clock.remoteJWKSClock, httpClient: gate))
            let verifier = JWTVerifier(keys: jwks)
            _ = try await verifier.verify(try TestIssuer(key: key).token())
            server.setKeys([key, newKey])
            clock.advance(by: .seconds(11 * 60))
            _ = try await verifier.verify(try TestIssuer(key: key).token())  // starts the held refresh
            let newToken = try TestIssuer(key: newKey).token()
            let waiter = Task { try await verifier.verify(newToken).key.keyID }
            try await Task.sleep(for: .milliseconds(50))
            gate.open()
            #expect(try await waiter.value == "k2")
            #expect(jwks.statistics.fetchCount == 2)
            #expect(server.requestCount() == 2)
        }
    }

    @Test("A custom client that ignores the body limit is still held to it")
    func bodyLimitCheckedAfterCustomClient() async throws {
        let key = try JWSKey.generate(for: .es256, keyID: "k1")
        let document = JSONValue.object(["keys": .array([try key.publicJWK()])]).serialized()
        let jwks = try RemoteJWKS(
            url: "https://issuer.example/jwks",
            configuration: RemoteJWKSConfiguration(maximumBodySize: 64, httpClient: CarelessHTTPClient(body: document)))
        #expect(await joseError { try await jwks.refresh() }?.code == .keySourceUnavailable)
        #expect(jwks.statistics.lastFailure == .bodyTooLarge)
        let roomy = try RemoteJWKS(
            url: "https://issuer.example/jwks",
            configuration: RemoteJWKSConfiguration(httpClient: CarelessHTTPClient(body: document)))
        try await roomy.refresh()
        #expect(roomy.statistics.keyCount == 1)
    }
}
