import Foundation
import HTTPTypes
import JOSE
import OAuthJWT

/// One signing key and the tokens it makes, for the unit tests.
struct TestIssuer {
    static let issuer = "https://issuer.test"
    static let audience = "api://test"
    static let start = Date(timeIntervalSince1970: 1_900_000_000)

    let key: JWSKey

    init(keyID: String = "k1", algorithm: JWSAlgorithm = .es256) throws {
        key = try JWSKey.generate(for: algorithm, keyID: keyID)
    }

    var publicKey: JWSKey { get throws { try key.publicKey() } }

    /// A token with `iss`, `aud`, `sub`, `iat` and `exp` (one hour) set, plus `extra`.
    func token(_ extra: [String: JSONValue] = [:], now: Date = TestIssuer.start, type: String? = "JWT") throws
        -> String
    {
        var claims: [String: JSONValue] = [
            "iss": .string(Self.issuer), "aud": .string(Self.audience), "sub": "alice",
            "iat": .number(JSONNumber(Int64(now.timeIntervalSince1970))),
            "exp": .number(JSONNumber(Int64(now.timeIntervalSince1970) + 3600)),
        ]
        for (name, value) in extra { claims[name] = value }
        return try JWTSigner.sign(JWTClaims(claims), with: key, type: type)
    }
}

/// A key source whose keys or failure the test changes, and which counts its calls.
final class MutableResolver: KeySource, @unchecked Sendable {  // every access to the state holds `lock`
    private let lock = NSLock()
    private var keySet: JWKSet
    private var failure: JOSEError?
    private var calls = 0
    private var immediateCalls = 0
    /// Whether it also answers ``immediateKeys(for:)`` (as a cached `RemoteJWKS` does), or leaves every answer to
    /// the async ``keys(for:)``.
    let answersImmediately: Bool

    init(keys: [JWSKey], answersImmediately: Bool = false) {
        keySet = JWKSet(keys: keys)
        self.answersImmediately = answersImmediately
    }

    func serve(_ keys: [JWSKey]) { lock.withLock { keySet = JWKSet(keys: keys) } }
    func fail(with error: JOSEError?) { lock.withLock { failure = error } }
    /// Calls of the async ``keys(for:)``.
    var callCount: Int { lock.withLock { calls } }
    /// Calls of ``immediateKeys(for:)``.
    var immediateCallCount: Int { lock.withLock { immediateCalls } }

    func immediateKeys(for token: UnverifiedJWT) -> [JWSKey]? {
        guard answersImmediately else { return nil }
        let (keySet, failure) = lock.withLock {
            immediateCalls += 1
            return (self.keySet, self.failure)
        }
        guard failure == nil else { return nil }
        return try? StaticKeySource(keySet: keySet).candidates(for: token.header)
    }

    func keys(for token: UnverifiedJWT) async throws(JOSEError) -> [JWSKey] {
        let (keySet, failure) = lock.withLock {
            calls += 1
            return (self.keySet, self.failure)
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

func bearer(_ token: String, scheme: String = "Bearer") -> HTTPFields {
    var fields = HTTPFields()
    fields[.authorization] = "\(scheme) \(token)"
    return fields
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
