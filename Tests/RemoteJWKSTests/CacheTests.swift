import Foundation
import JOSE
import OAuthJWTTesting
import RemoteJWKS
import Testing

@Suite("RemoteJWKS cache behaviour against a real HTTP server")
struct CacheTests {
    @Test("200 concurrent verifications on a cold cache share exactly one fetch")
    func coldCacheSingleFetch() async throws {
        let key = try JWSKey.generate(for: .es256, keyID: "k1")
        try await JWKSTestServer.run { server in
            server.setKeys([key])
            server.setDelay(.milliseconds(300))  // keeps the fetch in flight while all callers arrive
            let verifier = JWTVerifier(keys: try RemoteJWKS(url: server.jwksURL))
            let token = try TestIssuer(key: key).token()
            let verified = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<200 { group.addTask { try await verifier.verify(token).key.keyID == "k1" } }
                var count = 0
                for try await ok in group where ok { count += 1 }
                return count
            }
            #expect(verified == 200)
            #expect(server.requestCount() == 1)
        }
    }

    @Test("1,000 tokens with random unknown kids inside one cooldown cause at most one extra fetch")
    func unknownKidFlood() async throws {
        let key = try JWSKey.generate(for: .es256, keyID: "k1")
        let clock = ManualClock()
        try await JWKSTestServer.run { server in
            server.setKeys([key])
            let jwks = try RemoteJWKS(
                url: server.jwksURL, configuration: RemoteJWKSConfiguration(clock: clock.remoteJWKSClock))
            let verifier = JWTVerifier(keys: jwks)
            _ = try await verifier.verify(try TestIssuer(key: key).token())
            #expect(server.requestCount() == 1)
            clock.advance(by: .seconds(31))  // the cooldown since the first fetch is over
            let tokens = try (0..<1000).map { _ in try TestIssuer(key: key).token(keyID: .some(UUID().uuidString)) }
            // Ten waves of 100 concurrent tokens, one after the other: later waves arrive after the first refetch
            // has finished, so only the cooldown (not the shared in-flight fetch) keeps them from fetching.
            var failures = [JOSEError.Code?]()
            for wave in stride(from: 0, to: tokens.count, by: 100) {
                failures += await withTaskGroup(of: JOSEError.Code?.self) { group in
                    for token in tokens[wave..<wave + 100] {
                        group.addTask { await joseError { try await verifier.verify(token) }?.code }
                    }
                    var codes = [JOSEError.Code?]()
                    for await code in group { codes.append(code) }
                    return codes
                }
            }
            #expect(failures.count == 1000)
            #expect(failures.allSatisfy { $0 == .noMatchingKey })
            #expect(server.requestCount() <= 2)
            #expect(jwks.statistics.fetchCount <= 2)
            #expect(jwks.statistics.isRefreshing == false)
            // The real key still verifies, from the cache.
            _ = try await verifier.verify(try TestIssuer(key: key).token())
            #expect(server.requestCount() <= 2)
        }
    }

    @Test("A rotated key is accepted after the cooldown without a restart (real time)")
    func rotationAfterCooldown() async throws {
        let oldKey = try JWSKey.generate(for: .es256, keyID: "old")
        let newKey = try JWSKey.generate(for: .es256, keyID: "new")
        try await JWKSTestServer.run { server in
            server.setKeys([oldKey])
            let verifier = JWTVerifier(
                keys: try RemoteJWKS(
                    url: server.jwksURL, configuration: RemoteJWKSConfiguration(unknownKeyCooldown: .milliseconds(500)))
            )
            _ = try await verifier.verify(try TestIssuer(key: oldKey).token())
            server.setKeys([newKey])
            let newToken = try TestIssuer(key: newKey).token()
            // Inside the cooldown the new kid is unknown and nothing is fetched.
            let early = await joseError { try await verifier.verify(newToken) }
            if early != nil {  // on a very slow machine the cooldown may already be over: then it must verify
                #expect(early?.code == .noMatchingKey)
                #expect(server.requestCount() == 1)
            }
            try await Task.sleep(for: .milliseconds(700))
            let verified = try await verifier.verify(newToken)
            #expect(verified.key.keyID == "new")
            #expect(server.requestCount() == 2)
            // The old key left the set with the rotation.
            #expect(
                await joseError { try await verifier.verify(try TestIssuer(key: oldKey).token()) }?.code
                    == .noMatchingKey)
        }
    }

    @Test("During an outage cached keys keep verifying, until the staleness bound")
    func outageServesCachedKeys() async throws {
        let key = try JWSKey.generate(for: .es256, keyID: "k1")
        let clock = ManualClock()
        try await JWKSTestServer.run { server in
            server.setKeys([key])
            let jwks = try RemoteJWKS(
                url: server.jwksURL,
                configuration: RemoteJWKSConfiguration(maximumStaleness: .seconds(3600), clock: clock.remoteJWKSClock))
            let verifier = JWTVerifier(keys: jwks)
            let token = try TestIssuer(key: key).token()
            _ = try await verifier.verify(token)
            server.setMode(.status(500))
            clock.advance(by: .seconds(11 * 60))  // past the 10 minute cache time
            _ = try await verifier.verify(token)  // stale keys, a background refresh starts
            #expect(try await server.waitForRequests(2) == 2)
            try await waitUntil { jwks.statistics.failureCount == 1 && !jwks.statistics.isRefreshing }
            _ = try await verifier.verify(token)  // still verifies after the failed refresh
            #expect(jwks.statistics.keyCount == 1)
            clock.advance(by: .seconds(3600))  // past the staleness bound: the keys are gone
            let error = await joseError { try await verifier.verify(token) }
            #expect(error?.code == .keySourceUnavailable)
        }
    }

    @Test("An outage with no cached keys gives keySourceUnavailable within the timeout, then at once")
    func outageWithoutKeys() async throws {
        let key = try JWSKey.generate(for: .es256, keyID: "k1")
        try await JWKSTestServer.run { server in
            server.setKeys([key])
            server.setDelay(.seconds(10))  // the server hangs for far longer than the timeout
            let jwks = try RemoteJWKS(
                url: server.jwksURL,
                configuration: RemoteJWKSConfiguration(failureRetryInterval: .seconds(60), fetchTimeout: .seconds(1)))
            let verifier = JWTVerifier(keys: jwks)
            let token = try TestIssuer(key: key).token()
            let start = ContinuousClock.now
            let error = await joseError { try await verifier.verify(token) }
            #expect(error?.code == .keySourceUnavailable)
            // Generous for a loaded 2-core machine, and still well short of the server's 10 s.
            #expect(ContinuousClock.now - start < .seconds(8))
            #expect(jwks.statistics.lastFailure == .timedOut)
            // Within the retry interval the answer comes at once, with no new request.
            let second = ContinuousClock.now
            #expect(await joseError { try await verifier.verify(token) }?.code == .keySourceUnavailable)
            #expect(ContinuousClock.now - second < .seconds(1))
            #expect(server.requestCount() == 1)
            #expect(jwks.statistics.fetchCount == 1)
        }
    }

    @Test("A 500 with no cached keys is keySourceUnavailable, distinct from a bad token")
    func serverErrorWithoutKeys() async throws {
        let key = try JWSKey.generate(for: .es256, keyID: "k1")
        try await JWKSTestServer.run { server in
            server.setKeys([key])
            server.setMode(.status(500))
            let jwks = try RemoteJWKS(url: server.jwksURL)
            let error = await joseError { try await JWTVerifier(keys: jwks).verify(try TestIssuer(key: key).token()) }
            #expect(error?.code == .keySourceUnavailable)
            #expect(jwks.statistics.lastFailure == .unexpectedStatus(500))
            #expect(jwks.statistics.failureCount == 1)
        }
    }

    @Test("Cache-Control max-age from the server changes when keys are refreshed")
    func maxAgeChangesRefreshTime() async throws {
        let key = try JWSKey.generate(for: .es256, keyID: "k1")
        let clock = ManualClock()
        try await JWKSTestServer.run { server in
            server.setKeys([key])
            server.setCacheControl("public, max-age=120")
            let jwks = try RemoteJWKS(
                url: server.jwksURL, configuration: RemoteJWKSConfiguration(clock: clock.remoteJWKSClock))
            let verifier = JWTVerifier(keys: jwks)
            let token = try TestIssuer(key: key).token()
            _ = try await verifier.verify(token)
            clock.advance(by: .seconds(110))
            _ = try await verifier.verify(token)
            #expect(jwks.statistics.fetchCount == 1)  // still fresh at 110 s
            clock.advance(by: .seconds(15))
            _ = try await verifier.verify(token)  // 125 s > max-age 120 s (< the 10 min default)
            #expect(jwks.statistics.fetchCount == 2)
            #expect(try await server.waitForRequests(2) == 2)
            try await waitUntil { !jwks.statistics.isRefreshing }  // no request in flight when the server stops
        }
    }

    @Test("A malformed Cache-Control from the key server is read directive by directive, never trapped on")
    func malformedCacheControlOverHTTP() async throws {
        let key = try JWSKey.generate(for: .es256, keyID: "k1")
        let clock = ManualClock()
        try await JWKSTestServer.run { server in
            server.setKeys([key])
            server.setCacheControl("max-age=120,=")  // once killed the process with "Index out of range"
            let jwks = try RemoteJWKS(
                url: server.jwksURL, configuration: RemoteJWKSConfiguration(clock: clock.remoteJWKSClock))
            let verifier = JWTVerifier(keys: jwks)
            let token = try TestIssuer(key: key).token()
            _ = try await verifier.verify(token)
            clock.advance(by: .seconds(125))
            _ = try await verifier.verify(token)  // the max-age=120 before the bad element still counts
            #expect(jwks.statistics.fetchCount == 2)
            try await waitUntil { !jwks.statistics.isRefreshing }
        }
    }

    @Test("Without max-age the default 10 minutes apply; a tiny max-age is raised to the 1 minute minimum")
    func defaultAndMinimumCacheTime() async throws {
        let key = try JWSKey.generate(for: .es256, keyID: "k1")
        let clock = ManualClock()
        try await JWKSTestServer.run { server in
            server.setKeys([key])
            let jwks = try RemoteJWKS(
                url: server.jwksURL, configuration: RemoteJWKSConfiguration(clock: clock.remoteJWKSClock))
            let verifier = JWTVerifier(keys: jwks)
            let token = try TestIssuer(key: key).token()
            _ = try await verifier.verify(token)
            clock.advance(by: .seconds(125))
            _ = try await verifier.verify(token)
            #expect(jwks.statistics.fetchCount == 1)  // the same 125 s that expire max-age=120 do not expire 10 min
            clock.advance(by: .seconds(480))
            _ = try await verifier.verify(token)
            #expect(jwks.statistics.fetchCount == 2)  // 605 s
            #expect(try await server.waitForRequests(2) == 2)
            try await waitUntil { !jwks.statistics.isRefreshing }

            server.setCacheControl("max-age=1")
            try await jwks.refresh()
            let fetches = jwks.statistics.fetchCount
            clock.advance(by: .seconds(30))
            _ = try await verifier.verify(token)
            #expect(jwks.statistics.fetchCount == fetches)  // max-age=1 counts as 60 s
            clock.advance(by: .seconds(31))
            _ = try await verifier.verify(token)
            #expect(jwks.statistics.fetchCount == fetches + 1)
            try await waitUntil { !jwks.statistics.isRefreshing }  // no request in flight when the server stops
        }
    }

    @Test("refresh() fetches on demand and reports failures")
    func explicitRefresh() async throws {
        let key = try JWSKey.generate(for: .es256, keyID: "k1")
        try await JWKSTestServer.run { server in
            server.setKeys([key])
            let jwks = try RemoteJWKS(url: server.jwksURL)
            try await jwks.refresh()
            #expect(jwks.cachedKeys.map(\.keyID) == ["k1"])
            server.setMode(.status(404))
            let error = await joseError { try await jwks.refresh() }
            #expect(error?.code == .keySourceUnavailable)
            #expect(jwks.cachedKeys.map(\.keyID) == ["k1"])  // the last good keys stay
            #expect(server.requestCount() == 2)
        }
    }
}

/// Polls `condition` until it holds, for up to 10 seconds.
func waitUntil(_ condition: @Sendable () -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(10)
    while !condition() {
        guard ContinuousClock.now < deadline else {
            Issue.record("condition not met in time")
            return
        }
        try await Task.sleep(for: .milliseconds(10))
    }
}
