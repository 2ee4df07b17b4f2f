import CoreMetrics
import Foundation
import HTTPTypes
import JOSE
import MetricsTestKit
import OAuthJWTTesting
import Testing

@testable import OAuthJWT

/// The verified-token cache: bounded, keyed by the whole token, never serving an expired token or one whose key
/// left the key set.
@Suite struct VerifiedTokenCacheTests {
    let issuer: TestIssuer
    let clock = ManualClock(start: TestIssuer.start)
    let resolver: MutableResolver
    /// A source with `keysVersion`, as a fresh `RemoteJWKS` is: hits are trusted while the version stays, and
    /// answered from the per-thread fronts.
    let versionedResolver: MutableResolver

    init() throws {
        issuer = try TestIssuer(issuedAt: TestIssuer.start)
        resolver = MutableResolver(keys: [try issuer.publicKey])
        versionedResolver = MutableResolver(keys: [try issuer.publicKey], versioned: true)
    }

    func keys(versioned: Bool) -> MutableResolver { versioned ? versionedResolver : resolver }

    func authenticator(
        cache: VerifiedTokenCachePolicy = .enabled(), maximumAge: Duration? = nil, versioned: Bool = false,
        scopes: ScopeRequirement = .none
    ) throws -> BearerTokenAuthenticator {
        var configuration = BearerTokenAuthenticator.Configuration.test(clock: clock.jwtClock)
        configuration.cache = cache
        configuration.validation.maximumAge = maximumAge
        configuration.scopes = scopes
        return try BearerTokenAuthenticator(keys: keys(versioned: versioned), configuration: configuration)
    }

    /// Sends `token` three times, all authorized: a miss, a hit from the shared table (which copies it into the
    /// calling thread's front, with a versioned source) and one more hit.
    func warm(_ authenticator: BearerTokenAuthenticator, with token: String) async {
        for _ in 0..<3 {
            #expect(await authenticator.authenticate(headerFields: HTTPFields.bearer(token)).isAuthorized)
        }
    }

    @Test func secondRequestIsServedFromTheCache() async throws {
        let authenticator = try authenticator()
        let token = try issuer.token()
        #expect(await authenticator.authenticate(headerFields: HTTPFields.bearer(token)).isAuthorized)
        #expect(authenticator.cachedTokenCount == 1)
        #expect(await authenticator.authenticate(headerFields: HTTPFields.bearer(token)).isAuthorized)
        #expect(authenticator.cachedTokenCount == 1)
    }

    @Test(arguments: [false, true]) func cacheNeverServesAnExpiredToken(versioned: Bool) async throws {
        let authenticator = try authenticator(versioned: versioned)
        let token = try issuer.token()  // expires at start + 3600
        await warm(authenticator, with: token)
        clock.advance(by: .seconds(3601))
        let result = await authenticator.authenticate(headerFields: HTTPFields.bearer(token))
        #expect(result.rejection?.reason == .invalidToken(.expired))
        #expect(authenticator.cachedTokenCount == 0)
    }

    @Test(arguments: [false, true]) func timeClaimsAreCheckedAgainOnEveryHit(versioned: Bool) async throws {
        // The entry lives 300 s and the token an hour, but the token may only be 60 s old: only a fresh check of
        // `iat` on the hit can refuse it.
        let authenticator = try authenticator(maximumAge: .seconds(60), versioned: versioned)
        let token = try issuer.token()
        await warm(authenticator, with: token)
        clock.advance(by: .seconds(61))
        #expect(
            await authenticator.authenticate(headerFields: HTTPFields.bearer(token)).rejection?.reason
                == .invalidToken(.tooOld))
    }

    @Test("Immediate keys decide hits and misses without the async key path; it still answers when they cannot")
    func immediateKeysAvoidTheAsyncPath() async throws {
        let immediate = MutableResolver(keys: [try issuer.publicKey], answersImmediately: true)
        var configuration = BearerTokenAuthenticator.Configuration.test(clock: clock.jwtClock)
        configuration.cache = .enabled()
        let authenticator = try BearerTokenAuthenticator(keys: immediate, configuration: configuration)
        let token = try issuer.token()
        #expect(await authenticator.authenticate(headerFields: HTTPFields.bearer(token)).isAuthorized)  // miss
        #expect(await authenticator.authenticate(headerFields: HTTPFields.bearer(token)).isAuthorized)  // hit
        #expect(immediate.immediateCallCount == 2)
        #expect(immediate.callCount == 0)
        // Another key under the same kid, answered immediately: the hit is refused and the token verified again.
        immediate.serve([try TestIssuer(keyID: "k1", issuedAt: TestIssuer.start).publicKey])
        #expect(
            await authenticator.authenticate(headerFields: HTTPFields.bearer(token)).rejection?.reason
                == .invalidToken(.invalidSignature))
        #expect(immediate.callCount == 0)
        immediate.serve([try issuer.publicKey])
        #expect(await authenticator.authenticate(headerFields: HTTPFields.bearer(token)).isAuthorized)
        // The key leaves the set: with no immediate candidate the async path is asked, for the hit (which it
        // refuses) and for the verification that follows (which reports why).
        immediate.serve([try TestIssuer(keyID: "k2", issuedAt: TestIssuer.start).publicKey])
        let result = await authenticator.authenticate(headerFields: HTTPFields.bearer(token))
        #expect(result.rejection?.reason == .invalidToken(.noMatchingKey))
        #expect(authenticator.cachedTokenCount == 0)
        #expect(immediate.callCount == 2)
        // A source that is down answers nothing immediately; the async path turns that into 503.
        immediate.fail(with: JOSEError(.keySourceUnavailable, "down"))
        #expect(await authenticator.authenticate(headerFields: HTTPFields.bearer(token)).status == .serviceUnavailable)
    }

    @Test(arguments: [false, true]) func entryIsDroppedWhenItsKeyLeavesTheKeySet(versioned: Bool) async throws {
        let authenticator = try authenticator(versioned: versioned)
        let token = try issuer.token()
        await warm(authenticator, with: token)
        keys(versioned: versioned).serve([try TestIssuer(keyID: "k2", issuedAt: TestIssuer.start).publicKey])
        let result = await authenticator.authenticate(headerFields: HTTPFields.bearer(token))
        #expect(result.rejection?.reason == .invalidToken(.noMatchingKey))
        #expect(authenticator.cachedTokenCount == 0)
    }

    @Test(arguments: [false, true]) func entryIsDroppedWhenItsKeyIDNowNamesAnotherKey(versioned: Bool) async throws {
        let authenticator = try authenticator(versioned: versioned)
        let token = try issuer.token()
        await warm(authenticator, with: token)
        // The same kid, another key.
        keys(versioned: versioned).serve([try TestIssuer(keyID: "k1", issuedAt: TestIssuer.start).publicKey])
        let result = await authenticator.authenticate(headerFields: HTTPFields.bearer(token))
        #expect(result.rejection?.reason == .invalidToken(.invalidSignature))
    }

    @Test(arguments: [false, true]) func keySourceDownAfterCachingGives503(versioned: Bool) async throws {
        let authenticator = try authenticator(versioned: versioned)
        let token = try issuer.token()
        await warm(authenticator, with: token)
        keys(versioned: versioned).fail(with: JOSEError(.keySourceUnavailable, "down"))
        #expect(await authenticator.authenticate(headerFields: HTTPFields.bearer(token)).status == .serviceUnavailable)
    }

    @Test("What a cached token settled (missing scope, a cnf binding) is refused on every hit, fronts included")
    func settledChecksHoldOnEveryHit() async throws {
        let authenticator = try authenticator(versioned: true, scopes: .allOf("write"))
        let reader = try issuer.token(["scope": "read"])
        let bound = try issuer.token(["scope": "write", "cnf": ["jkt": "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"]])
        for _ in 0..<4 {
            #expect(await authenticator.authenticate(headerFields: HTTPFields.bearer(reader)).status == .forbidden)
            #expect(
                await authenticator.authenticate(headerFields: HTTPFields.bearer(bound)).rejection?.reason
                    == .invalidToken(.dpopKeyBindingMismatch))
        }
        #expect(authenticator.cachedTokenCount == 2)  // both verified once, and cached
        await warm(authenticator, with: try issuer.token(["scope": "write"]))
    }

    @Test("A malformed credential is refused with 400 before and after a well-formed token is cached")
    func malformedCredentialIsRefusedNextToCachedTokens() async throws {
        let authenticator = try authenticator(versioned: true)
        let token = try issuer.token()
        await warm(authenticator, with: token)
        for credential in [token + " x", token + "\u{e9}", "a b", token + "==a"] {
            let result = await authenticator.authenticate(headerFields: [.authorization: "Bearer \(credential)"])
            #expect(result.status == .badRequest)
        }
    }

    @Test func cacheIsKeyedByTheWholeToken() async throws {
        let authenticator = try authenticator()
        let token = try issuer.token()
        #expect(await authenticator.authenticate(headerFields: HTTPFields.bearer(token)).isAuthorized)
        // Same header and payload, another signature: must not hit the good token's entry.
        var forged = token
        let last = forged.removeLast()
        forged.append(last == "A" ? "B" : "A")
        #expect(await authenticator.authenticate(headerFields: HTTPFields.bearer(forged)).status == .unauthorized)
        let otherPayload = try issuer.token(["x": 1])
        #expect(await authenticator.authenticate(headerFields: HTTPFields.bearer(otherPayload)).isAuthorized)
        #expect(authenticator.cachedTokenCount == 2)
    }

    @Test func tokenSharingACachedTokensEndIsNotAHit() async throws {
        // The cache hashes a token's length and last bytes only; equality must still compare every byte.
        let authenticator = try authenticator()
        let token = try issuer.token(["n": 1])
        #expect(await authenticator.authenticate(headerFields: HTTPFields.bearer(token)).isAuthorized)
        let other = try issuer.token(["n": 2]).split(separator: ".")
        let parts = token.split(separator: ".")
        let forged = [parts[0], other[1], parts[2]].joined(separator: ".")
        #expect(forged.utf8.count == token.utf8.count && forged != token)
        #expect(await authenticator.authenticate(headerFields: HTTPFields.bearer(forged)).status == .unauthorized)
        #expect(authenticator.cachedTokenCount == 1)
    }

    @Test func cacheKeysCompareBytes() {
        let token = "eyJhbGciOiJFUzI1NiJ9.e30.c2lnbmF0dXJlLWJ5dGVzLWF0LXRoZS1lbmQtb2YtYS10b2tlbg"
        #expect(CachedTokenKey(token) == CachedTokenKey(String(decoding: Array(token.utf8), as: UTF8.self)))
        #expect(CachedTokenKey(token).hashValue == CachedTokenKey(String(("x" + token).dropFirst())).hashValue)
        #expect(CachedTokenKey("a" + token) != CachedTokenKey("b" + token))
        // Canonically equivalent is not equal: U+212A KELVIN SIGN is not "K".
        #expect("\u{212A}" + token == "K" + token)
        #expect(CachedTokenKey("\u{212A}" + token) != CachedTokenKey("K" + token))
        var keys = Set<CachedTokenKey>()
        for prefix in ["a", "b", "c"] { keys.insert(CachedTokenKey(prefix + token)) }
        #expect(keys.count == 3)
        #expect(keys.contains(CachedTokenKey("b" + token)))
        #expect(!keys.contains(CachedTokenKey("d" + token)))
    }

    @Test func cacheIsBounded() async throws {
        let authenticator = try authenticator(cache: .enabled(maximumEntries: 4))
        for index in 0..<10 {
            #expect(
                await authenticator.authenticate(
                    headerFields: HTTPFields.bearer(try issuer.token(["n": .number(JSONNumber(Int64(index)))]))
                ).isAuthorized)
            #expect(authenticator.cachedTokenCount <= 4)
        }
    }

    @Test("A thread's front answers only while the time claims, the expiry and the key version all still hold")
    func frontHitsAreCheckedLikeSharedHits() throws {
        // Synchronous, so every lookup runs on this one thread and meets the same front.
        let cache = VerifiedTokenCache(
            maximumEntries: 16, lifetime: .seconds(300), evictions: Counter(label: "evictions", factory: TestMetrics()))
        let keys = StaticKeySource(key: try issuer.publicKey)
        let start = TestIssuer.start.timeIntervalSince1970
        let token = try issuer.token()  // issued at start, expires at start + 3600
        cache.insert(
            token,
            verified: try JWTVerifier(keys: keys, options: JWTValidationOptions(clock: .fixed(TestIssuer.start)))
                .verify(token, using: keys),
            parsed: try UnverifiedJWT(parsing: token), now: start,
            settled: VerifiedTokenCache.Settled(isUnbound: true, meetsClaimRules: true), keysVersion: 7)
        let rules = ClaimTimeRules(JWTValidationOptions(maximumAge: .seconds(60)))
        func lookup(at now: Double, version: UInt64?) -> String {
            switch cache.lookup(token, now: now, keysVersion: version, timeRules: rules) {
            case .hit: "hit"
            case .recheck: "recheck"
            case .miss: "miss"
            }
        }
        #expect(lookup(at: start + 1, version: 7) == "hit")  // from the shared table, copied into the front
        #expect(lookup(at: start + 2, version: 7) == "hit")  // from the front
        #expect(lookup(at: start + 61, version: 7) == "recheck")  // too old: the front must not answer
        #expect(lookup(at: start + 3, version: 7) == "hit")  // back in the front
        #expect(lookup(at: start + 4, version: 8) == "recheck")  // the key set changed: ask the source again
        #expect(lookup(at: start + 5, version: 7) == "hit")
        #expect(lookup(at: start + 6, version: nil) == "recheck")  // a source that promises nothing
        #expect(lookup(at: start + 7, version: 7) == "hit")
        #expect(lookup(at: start + 300, version: 7) == "miss")  // the entry's lifetime is over, in the front too
    }

    @Test func recentlyUsedEntriesSurviveEviction() throws {
        let cache = VerifiedTokenCache(
            maximumEntries: 4, lifetime: .seconds(300), evictions: Counter(label: "evictions", factory: TestMetrics()))
        let verified = StaticKeySource(key: try issuer.publicKey)
        let options = JWTValidationOptions(clock: .fixed(TestIssuer.start))
        var tokens: [String] = []
        for index in 0..<3 {
            let token = try issuer.token(["n": .number(JSONNumber(Int64(index)))])
            tokens.append(token)
            cache.insert(
                token, verified: try JWTVerifier(keys: verified, options: options).verify(token, using: verified),
                parsed: try UnverifiedJWT(parsing: token), now: TestIssuer.start.timeIntervalSince1970,
                settled: VerifiedTokenCache.Settled(isUnbound: true, meetsClaimRules: true), keysVersion: 0)
            // Touch the first token every time, so it is always young.
            #expect(cache.entry(for: tokens[0], now: TestIssuer.start.timeIntervalSince1970) != nil)
        }
        #expect(cache.entry(for: tokens[0], now: TestIssuer.start.timeIntervalSince1970) != nil)
    }

    @Test func entryLifetimeIsBounded() async throws {
        let authenticator = try authenticator(cache: .enabled(lifetime: .seconds(10)))
        let token = try issuer.token()
        #expect(await authenticator.authenticate(headerFields: HTTPFields.bearer(token)).isAuthorized)
        clock.advance(by: .seconds(11))
        #expect(authenticator.cachedEntry(for: token) == nil)
        #expect(await authenticator.authenticate(headerFields: HTTPFields.bearer(token)).isAuthorized)
    }

    @Test func disabledCacheVerifiesEveryTime() async throws {
        let authenticator = try authenticator(cache: .disabled)
        let token = try issuer.token()
        #expect(await authenticator.authenticate(headerFields: HTTPFields.bearer(token)).isAuthorized)
        #expect(await authenticator.authenticate(headerFields: HTTPFields.bearer(token)).isAuthorized)
        #expect(authenticator.cachedTokenCount == 0)
        resolver.serve([])
        #expect(await authenticator.authenticate(headerFields: HTTPFields.bearer(token)).status == .unauthorized)
    }

    @Test func concurrentRequestsShareTheCacheSafely() async throws {
        let authenticator = try authenticator(cache: .enabled(maximumEntries: 8))
        let tokens = try (0..<16).map { try issuer.token(["n": .number(JSONNumber(Int64($0)))]) }
        let authorized = await withTaskGroup(of: Bool.self) { group in
            for round in 0..<64 {
                let token = tokens[round % tokens.count]
                group.addTask { await authenticator.authenticate(headerFields: HTTPFields.bearer(token)).isAuthorized }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(authorized == 64)
        #expect(authenticator.cachedTokenCount <= 8)
    }
}
