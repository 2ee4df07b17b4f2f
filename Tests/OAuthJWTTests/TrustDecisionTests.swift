import Foundation
import HTTPTypes
import JOSE
import OAuthJWTTesting
import Testing

@testable import OAuthJWT

/// Issuer and audience as explicit decisions (RFC 9068 §4), and cache hits that re-check what a republished key set
/// says about the key.
@Suite struct TrustDecisionTests {
    let issuer: TestIssuer
    let clock = ManualClock(start: TestIssuer.start)

    init() throws {
        issuer = try TestIssuer(issuedAt: TestIssuer.start)
    }

    func authenticator(
        issuers: IssuerPolicy, audiences: AudiencePolicy, keys: some KeySource
    ) throws -> BearerTokenAuthenticator {
        let configuration = BearerTokenAuthenticator.Configuration(
            issuers: issuers, audiences: audiences, algorithms: [.es256], clock: clock.jwtClock)
        return try BearerTokenAuthenticator(keys: keys, configuration: configuration)
    }

    @Test("A list of issuers refuses others; .any is the named opt-out that accepts them")
    func issuerDecision() async throws {
        let keys = MutableResolver(keys: [try issuer.publicKey])
        let foreign = try issuer.token(["iss": "https://other.test"])
        let pinned = try authenticator(issuers: [TestIssuer.issuer], audiences: .any, keys: keys)
        #expect(
            await pinned.authenticate(headerFields: HTTPFields.bearer(foreign)).rejection?.reason
                == .invalidToken(.issuerMismatch)
        )
        let open = try authenticator(issuers: .any, audiences: .any, keys: keys)
        #expect(await open.authenticate(headerFields: HTTPFields.bearer(foreign)).isAuthorized)
    }

    @Test("A list of audiences refuses tokens for another API; .any accepts them")
    func audienceDecision() async throws {
        let keys = MutableResolver(keys: [try issuer.publicKey])
        let otherAPI = try issuer.token(["aud": "api://other"])
        let pinned = try authenticator(issuers: .any, audiences: [TestIssuer.audience], keys: keys)
        #expect(
            await pinned.authenticate(headerFields: HTTPFields.bearer(otherAPI)).rejection?.reason
                == .invalidToken(.audienceMismatch))
        let open = try authenticator(issuers: .any, audiences: .any, keys: keys)
        #expect(await open.authenticate(headerFields: HTTPFields.bearer(otherAPI)).isAuthorized)
    }

    @Test("Issuers compare by bytes: a KELVIN SIGN issuer is not the K issuer")
    func issuerBytes() async throws {
        let keys = MutableResolver(keys: [try issuer.publicKey])
        let authenticator = try authenticator(issuers: ["https://K.test"], audiences: .any, keys: keys)
        let lookalike = try issuer.token(["iss": "https://\u{212A}.test"])
        #expect(
            await authenticator.authenticate(headerFields: HTTPFields.bearer(lookalike)).rejection?.reason
                == .invalidToken(.issuerMismatch))
    }

    @Test("Policies are equal only when they accept the same identifiers byte for byte")
    func policyEquality() {
        #expect(IssuerPolicy.oneOf(["https://K.test"]) != IssuerPolicy.oneOf(["https://\u{212A}.test"]))
        #expect(AudiencePolicy.oneOf(["K"]) != AudiencePolicy.oneOf(["\u{212A}"]))
        #expect(Set<IssuerPolicy>([["https://K.test"], ["https://\u{212A}.test"], .any, .keySource]).count == 4)
        #expect(Set<AudiencePolicy>([["K"], ["\u{212A}"], .any]).count == 3)
        #expect(IssuerPolicy.oneOf(["https://a.test"]) == ["https://a.test"])
        #expect(AudiencePolicy.oneOf(["api"]) == ["api"])
    }

    @Test(".keySource takes the issuers the key source declares, on misses and on cache hits")
    func keySourceIssuers() async throws {
        let keys = DeclaringResolver(issuers: [TestIssuer.issuer], keys: [try issuer.publicKey])
        let authenticator = try authenticator(issuers: .keySource, audiences: [TestIssuer.audience], keys: keys)
        let token = try issuer.token()
        #expect(await authenticator.authenticate(headerFields: HTTPFields.bearer(token)).isAuthorized)  // miss
        #expect(await authenticator.authenticate(headerFields: HTTPFields.bearer(token)).isAuthorized)  // hit
        let foreign = try issuer.token(["iss": "https://other.test"])
        #expect(
            await authenticator.authenticate(headerFields: HTTPFields.bearer(foreign)).rejection?.reason
                == .invalidToken(.issuerMismatch))
    }

    @Test("A policy that accepts nothing is refused when the authenticator is made")
    func emptyPoliciesAreConfigurationErrors() throws {
        let keys = MutableResolver(keys: [try issuer.publicKey])
        #expect(throws: BearerConfigurationError.noIssuer) {
            try authenticator(issuers: .oneOf([]), audiences: .any, keys: keys)
        }
        #expect(throws: BearerConfigurationError.noIssuer) {
            try authenticator(issuers: .keySource, audiences: .any, keys: keys)  // it declares no issuers
        }
        #expect(throws: BearerConfigurationError.noAudience) {
            try authenticator(issuers: .any, audiences: .oneOf([]), keys: keys)
        }
    }

    @Test(
        "A cache hit is refused once the republished key may no longer verify the token",
        arguments: ["use enc", "key_ops sign", "alg ES384"])
    func cacheHitRechecksKeyUsage(change: String) async throws {
        let keys = MutableResolver(keys: [try issuer.publicKey], answersImmediately: true)
        var configuration = BearerTokenAuthenticator.Configuration.test(clock: clock.jwtClock)
        configuration.cache = .enabled()
        let authenticator = try BearerTokenAuthenticator(keys: keys, configuration: configuration)
        let token = try issuer.token()
        #expect(await authenticator.authenticate(headerFields: HTTPFields.bearer(token)).isAuthorized)
        #expect(authenticator.cachedTokenCount == 1)

        var republished = try issuer.publicKey  // the same key material under the same kid
        switch change {
        case "use enc": republished.use = .encryption
        case "key_ops sign": republished.operations = [.sign]
        default: republished.algorithm = .es384
        }
        keys.serve([republished])
        let result = await authenticator.authenticate(headerFields: HTTPFields.bearer(token))
        #expect(result.isAuthorized == false)
        #expect(authenticator.cachedTokenCount == 0)
    }
}

/// A key source that names the issuers it serves, as `IssuerKeySource` and `MultiIssuerKeySource` do.
struct DeclaringResolver: KeySource {
    let issuers: [String]?
    let keySet: JWKSet

    init(issuers: [String], keys: [JWSKey]) {
        self.issuers = issuers
        keySet = JWKSet(keys: keys)
    }

    func keys(for token: UnverifiedJWT) async throws(JOSEError) -> [JWSKey] {
        try StaticKeySource(keySet: keySet).candidates(for: token.header)
    }
}
