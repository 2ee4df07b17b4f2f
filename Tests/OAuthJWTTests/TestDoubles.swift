import Foundation
import HTTPTypes
import JOSE
import OAuthJWT
import OAuthJWTTesting

/// A key source whose keys or failure the test changes, and which counts its calls.
final class MutableResolver: KeySource {
    private struct State {
        var keySet: JWKSet
        var failure: JOSEError?
        var calls = 0
        var immediateCalls = 0
        var version: UInt64 = 0
    }
    private let state: Locked<State>
    /// Whether it also answers ``immediateKeys(for:)`` (as a cached `RemoteJWKS` does), or leaves every answer to
    /// the async ``keys(for:)``.
    let answersImmediately: Bool

    /// Whether it answers ``keysVersion`` (as a fresh `RemoteJWKS` does): a new number with every change, `nil`
    /// while it fails. Then the cache trusts a hit while the number stays, and its per-thread fronts answer.
    let versioned: Bool

    init(keys: [JWSKey], answersImmediately: Bool = false, versioned: Bool = false) {
        state = Locked(State(keySet: JWKSet(keys: keys)))
        self.answersImmediately = answersImmediately || versioned
        self.versioned = versioned
    }

    func serve(_ keys: [JWSKey]) {
        state.withLock {
            $0.keySet = JWKSet(keys: keys)
            $0.version += 1
        }
    }
    func fail(with error: JOSEError?) {
        state.withLock {
            $0.failure = error
            $0.version += 1
        }
    }

    var keysVersion: UInt64? {
        guard versioned else { return nil }
        return state.withLock { $0.failure == nil ? $0.version : nil }
    }
    /// Calls of the async ``keys(for:)``.
    var callCount: Int { state.withLock { $0.calls } }
    /// Calls of ``immediateKeys(for:)``.
    var immediateCallCount: Int { state.withLock { $0.immediateCalls } }

    func immediateKeys(for token: UnverifiedJWT) -> [JWSKey]? {
        guard answersImmediately else { return nil }
        let (keySet, failure) = state.withLock { state in
            state.immediateCalls += 1
            return (state.keySet, state.failure)
        }
        guard failure == nil else { return nil }
        return try? StaticKeySource(keySet: keySet).candidates(for: token.header)
    }

    func keys(for token: UnverifiedJWT) async throws(JOSEError) -> [JWSKey] {
        let (keySet, failure) = state.withLock { state in
            state.calls += 1
            return (state.keySet, state.failure)
        }
        if let failure { throw failure }
        return try StaticKeySource(keySet: keySet).candidates(for: token.header)
    }
}

/// A key source that is down.
struct UnavailableResolver: KeySource {
    func keys(for token: UnverifiedJWT) async throws(JOSEError) -> [JWSKey] {
        throw JOSEError(.keySourceUnavailable, "The key source is unavailable")
    }
}

extension BearerTokenAuthenticator.Configuration {
    /// The configuration most tests use: the test issuer and audience at the test clock.
    static func test(clock: JWTClock = .fixed(TestIssuer.start)) -> Self {
        var configuration = Self(
            issuers: [TestIssuer.issuer], audiences: [TestIssuer.audience], algorithms: [.es256, .rs256], clock: clock)
        configuration.realm = "api"
        return configuration
    }
}

extension BearerAuthenticationResult {
    var status: HTTPResponse.Status? { rejection?.response.status }
    /// The one `WWW-Authenticate` value; `nil` when there is none. Fails the test when there are several.
    var challenge: String? {
        guard let fields = rejection?.response.headerFields else { return nil }
        let values = fields[values: .wwwAuthenticate]
        precondition(values.count <= 1, "more than one WWW-Authenticate field")
        return values.first
    }
    var isAuthorized: Bool { token != nil }
}
