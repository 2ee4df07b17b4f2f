import HTTPTypes
import JOSE
import MetricsTestKit
import OAuthJWTTesting
import Testing

@testable import OAuthJWT

/// A request that repeats, byte for byte, the `Authorization` field value whose token its thread's cache front
/// answered last is decided from that answer, without extracting its token; under every check of a cache hit, and
/// only where the extraction it skips could not have found anything else.
///
/// The decisions below are made without an `await` between them, so they run on one thread and meet its front.
@Suite struct RepeatedCredentialTests {
    let issuer: TestIssuer
    let clock = ManualClock(start: TestIssuer.start)
    let metrics = TestMetrics()
    let keys: MutableResolver

    init() throws {
        issuer = try TestIssuer(issuedAt: TestIssuer.start)
        keys = MutableResolver(keys: [try issuer.publicKey], versioned: true)
    }

    func authenticator(configure: (inout BearerTokenAuthenticator.Configuration) -> Void = { _ in }) throws
        -> BearerTokenAuthenticator
    {
        var configuration = BearerTokenAuthenticator.Configuration.test(clock: clock.jwtClock)
        configuration.metricsFactory = metrics
        configure(&configuration)
        return try BearerTokenAuthenticator(keys: keys, configuration: configuration)
    }

    /// Whether the calling thread's front holds `token`'s field value as its last answer, good now.
    func remembers(_ token: String, in authenticator: BearerTokenAuthenticator) -> Bool {
        guard let keysVersion = keys.keysVersion else { return false }
        return authenticator.cacheStorage?.repeatedHit(
            for: "Bearer \(token)", now: clock.jwtClock.secondsSinceEpoch, keysVersion: keysVersion,
            timeRules: ClaimTimeRules(authenticator.configuration.validation)) != nil
    }

    @Test func aRepeatedValueIsDecidedFromTheLastHitAndCounted() async throws {
        let authenticator = try authenticator()
        let token = try issuer.token(["sub": "alice"])
        #expect(await authenticator.authenticate(headerFields: .bearer(token)).isAuthorized)
        for _ in 0..<3 {
            #expect(authenticator.immediateDecision(headerFields: .bearer(token))?.token?.claims.subject == "alice")
            #expect(remembers(token, in: authenticator))
        }
        #expect(
            metrics.counterTotal(
                label: "oauth_jwt_decisions_total",
                dimensions: [("stage", "authenticate"), ("outcome", "authorized"), ("reason", "authorized")]) == 4)
        #expect(
            metrics.counterTotal(label: "oauth_jwt_token_cache_lookups_total", dimensions: [("result", "hit")]) == 3)
        // The asynchronous decision takes the same way.
        #expect(await authenticator.authenticate(headerFields: .bearer(token)).token?.claims.subject == "alice")
    }

    @Test func eachThreadRemembersTheValueItAnsweredLast() async throws {
        let authenticator = try authenticator()
        let alice = try issuer.token(["sub": "alice"])
        let bob = try issuer.token(["sub": "bob"])
        #expect(await authenticator.authenticate(headerFields: .bearer(alice)).isAuthorized)
        #expect(await authenticator.authenticate(headerFields: .bearer(bob)).isAuthorized)
        // Alice from the shared table, Bob from the shared table, Alice from this thread's front: each is the last.
        for (token, subject) in [(alice, "alice"), (bob, "bob"), (alice, "alice"), (alice, "alice")] {
            #expect(authenticator.immediateDecision(headerFields: .bearer(token))?.token?.claims.subject == subject)
            #expect(remembers(token, in: authenticator))
            #expect(!remembers(token == alice ? bob : alice, in: authenticator))
        }
    }

    @Test func aSecondAuthorizationFieldBesideTheRememberedValueIsRefused() async throws {
        let authenticator = try authenticator()
        let token = try issuer.token()
        #expect(await authenticator.authenticate(headerFields: .bearer(token)).isAuthorized)
        #expect(authenticator.immediateDecision(headerFields: .bearer(token))?.isAuthorized == true)
        #expect(remembers(token, in: authenticator))
        var twice = HTTPFields.bearer(token)
        twice.append(HTTPField(name: .authorization, value: "Bearer \(token)"))
        #expect(authenticator.immediateDecision(headerFields: twice)?.status == .badRequest)
        #expect(await authenticator.authenticate(headerFields: twice).status == .badRequest)
    }

    @Test func aRememberedValueIsNotAnsweredOnceTheKeysChange() async throws {
        let authenticator = try authenticator()
        let token = try issuer.token()
        #expect(await authenticator.authenticate(headerFields: .bearer(token)).isAuthorized)
        #expect(authenticator.immediateDecision(headerFields: .bearer(token))?.isAuthorized == true)
        #expect(remembers(token, in: authenticator))
        // The key that verified the token is no longer served.
        keys.serve([try JWSKey.generate(for: .es256, keyID: "other").publicKey()])
        #expect(authenticator.immediateDecision(headerFields: .bearer(token)) == nil)
        #expect(await authenticator.authenticate(headerFields: .bearer(token)).status == .unauthorized)
    }

    @Test func aRememberedValueIsNotAnsweredOnceTheTokenIsTooOld() async throws {
        // Within the cache's lifetime (300 seconds) and the token's `exp`: only the time rule can refuse it.
        let authenticator = try authenticator { $0.validation.maximumAge = .seconds(60) }
        let token = try issuer.token()  // issued at start, expires at start + 3600
        #expect(await authenticator.authenticate(headerFields: .bearer(token)).isAuthorized)
        #expect(authenticator.immediateDecision(headerFields: .bearer(token))?.isAuthorized == true)
        #expect(remembers(token, in: authenticator))
        clock.advance(by: .seconds(61))
        #expect(authenticator.immediateDecision(headerFields: .bearer(token)) == nil)
        #expect(
            await authenticator.authenticate(headerFields: .bearer(token)).rejection?.reason == .invalidToken(.tooOld))
    }

    @Test func aRememberedTokenWithoutTheScopeIsStillRefused() async throws {
        let authenticator = try authenticator { $0.scopes = .allOf("write") }
        let token = try issuer.token(["scope": "read"])
        #expect(await authenticator.authenticate(headerFields: .bearer(token)).status == .forbidden)
        for _ in 0..<2 {
            #expect(authenticator.immediateDecision(headerFields: .bearer(token))?.status == .forbidden)
        }
        #expect(remembers(token, in: authenticator))
    }

    @Test func aRememberedTokenIsStillAskedAboutByThePredicate() async throws {
        let authenticator = try authenticator { $0.predicate = { $0.claims.subject == "alice" } }
        let bob = try issuer.token(["sub": "bob"])
        #expect(await authenticator.authenticate(headerFields: .bearer(bob)).status == .forbidden)
        for _ in 0..<2 {
            #expect(authenticator.immediateDecision(headerFields: .bearer(bob))?.status == .forbidden)
        }
        #expect(remembers(bob, in: authenticator))
    }

    @Test func otherTokenLocationsTurnRememberingOff() async throws {
        // With the query as a location the header's value alone does not settle what the request holds.
        let authenticator = try authenticator { $0.tokenLocations = [.authorizationHeader, .query] }
        let token = try issuer.token()
        #expect(await authenticator.authenticate(headerFields: .bearer(token)).isAuthorized)
        #expect(authenticator.immediateDecision(headerFields: .bearer(token))?.isAuthorized == true)
        #expect(!remembers(token, in: authenticator))
    }
}
