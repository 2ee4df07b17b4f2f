import HTTPTypes
import JOSE
import OAuthJWT
import OAuthJWTTesting
import Testing

/// A key source that answers after a pause and counts how often it was asked: one ask per verification.
final class SlowCountingKeySource: KeySource {
    private let key: JWSKey
    private let pause: Duration
    private let asked = Locked(0)
    private let failing: Bool

    init(key: JWSKey, pause: Duration = .milliseconds(50), failing: Bool = false) {
        self.key = key
        self.pause = pause
        self.failing = failing
    }

    var count: Int { asked.withLock { $0 } }

    func keys(for token: UnverifiedJWT) async throws(JOSEError) -> [JWSKey] {
        asked.withLock { $0 += 1 }
        try? await Task.sleep(for: pause)
        if failing { throw JOSEError(.keySourceUnavailable, "down") }
        return [key]
    }
}

/// Concurrent first requests with the same token share one verification (with the cache on).
@Suite struct SharedVerificationTests {
    func decide(_ authenticator: BearerTokenAuthenticator, _ tokens: [String]) async -> [BearerAuthenticationResult] {
        await withTaskGroup(of: BearerAuthenticationResult.self) { group in
            for token in tokens {
                group.addTask { await authenticator.authenticate(headerFields: [.authorization: "Bearer \(token)"]) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test func oneTokenSentByManyRequestsAtOnceIsVerifiedOnce() async throws {
        let issuer = try TestIssuer(keyID: "shared-1")
        let keys = SlowCountingKeySource(key: try issuer.key.publicKey())
        let authenticator = try BearerTokenAuthenticator(
            keys: keys, configuration: TestIssuer.authenticatorConfiguration())
        let token = try issuer.token()
        let results = await decide(authenticator, Array(repeating: token, count: 500))
        #expect(results.allSatisfy { $0.token != nil })
        #expect(keys.count == 1)
    }

    @Test func differentTokensAreVerifiedEachOnce() async throws {
        let issuer = try TestIssuer(keyID: "shared-1")
        let keys = SlowCountingKeySource(key: try issuer.key.publicKey())
        let authenticator = try BearerTokenAuthenticator(
            keys: keys, configuration: TestIssuer.authenticatorConfiguration())
        let tokens = try (0..<20).map { try issuer.token(["sub": .string("user-\($0)")]) }
        let results = await decide(authenticator, tokens.flatMap { Array(repeating: $0, count: 25) })
        #expect(results.count == 500)
        #expect(results.allSatisfy { $0.token != nil })
        #expect(keys.count == 20)
    }

    @Test func aSharedFailureReachesEveryWaiterAndIsNotRemembered() async throws {
        let issuer = try TestIssuer(keyID: "shared-1")
        let keys = SlowCountingKeySource(key: try issuer.key.publicKey(), failing: true)
        let authenticator = try BearerTokenAuthenticator(
            keys: keys, configuration: TestIssuer.authenticatorConfiguration())
        let token = try issuer.token()
        let results = await decide(authenticator, Array(repeating: token, count: 100))
        #expect(results.allSatisfy { $0.rejection?.reason == .keySourceUnavailable })
        #expect(keys.count == 1)
        // The failed verification left the table: the next request tries again.
        #expect(await authenticator.authenticate(token: token).rejection?.reason == .keySourceUnavailable)
        #expect(keys.count == 2)
    }

    @Test func withTheCacheOffEveryRequestVerifies() async throws {
        let issuer = try TestIssuer(keyID: "shared-1")
        let keys = SlowCountingKeySource(key: try issuer.key.publicKey(), pause: .milliseconds(5))
        var configuration = TestIssuer.authenticatorConfiguration()
        configuration.cache = .disabled
        let authenticator = try BearerTokenAuthenticator(keys: keys, configuration: configuration)
        let results = await decide(authenticator, Array(repeating: try issuer.token(), count: 10))
        #expect(results.allSatisfy { $0.token != nil })
        #expect(keys.count == 10)
    }
}
