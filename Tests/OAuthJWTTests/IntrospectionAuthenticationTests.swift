import Foundation
import HTTPTypes
import JOSE
import OAuthJWTTesting
import RemoteJWKS
import Testing

@testable import OAuthJWT

/// Opaque tokens through `BearerTokenAuthenticator` with a real introspection endpoint on 127.0.0.1: the same
/// issuer, audience, time, scope and binding rules as JWTs, and the statuses of RFC 6750 / RFC 9449.
@Suite struct IntrospectionAuthenticationTests {
    static let opaque = "2YotnFZFEjr1zCsicMWpAA"
    let issuer: TestIssuer
    let clock = ManualClock(start: TestIssuer.start)
    var now: Int64 { Int64(TestIssuer.start.timeIntervalSince1970) }

    init() throws { issuer = try TestIssuer(issuedAt: TestIssuer.start) }

    func introspector(_ server: JWKSTestServer, issuer: String? = TestIssuer.issuer) throws -> RemoteTokenIntrospector {
        var configuration = IntrospectionConfiguration(
            endpoint: server.introspectionURL,
            clientAuthentication: .clientSecretBasic(clientID: "resource-server", secret: "resource-secret"),
            issuer: issuer)
        configuration.clock = clock.jwtClock
        configuration.maximumActiveLifetime = .seconds(30)
        return try RemoteTokenIntrospector(configuration: configuration)
    }

    func authenticator(
        _ server: JWKSTestServer, policy: (RemoteTokenIntrospector) -> IntrospectionPolicy = { .opaqueTokens($0) },
        edit: (inout BearerTokenAuthenticator.Configuration) -> Void = { _ in }
    ) throws -> BearerTokenAuthenticator {
        var configuration = BearerTokenAuthenticator.Configuration.test(clock: clock.jwtClock)
        configuration.introspection = policy(try introspector(server))
        edit(&configuration)
        return try BearerTokenAuthenticator(
            keys: StaticKeySource(key: try issuer.publicKey), configuration: configuration)
    }

    func claims(_ extra: [String: JSONValue] = [:]) -> [String: JSONValue] {
        var claims: [String: JSONValue] = [
            "sub": "alice", "aud": .string(TestIssuer.audience), "scope": "orders:read",
            "client_id": "client-1", "exp": .number(JSONNumber(now + 600)),
        ]
        for (name, value) in extra { claims[name] = value }
        return claims
    }

    var introspections: (JWKSTestServer) -> Int { { $0.requestCount(JWKSTestServer.introspectionPath) } }

    @Test func opaqueTokenIsAcceptedByIntrospectionAndJWTsStillByTheirSignature() async throws {
        try await JWKSTestServer.run { server in
            server.setActiveToken(Self.opaque, claims: claims())
            let authenticator = try authenticator(server)
            let opaque = await authenticator.authenticate(headerFields: .bearer(Self.opaque))
            let token = try #require(opaque.token)
            #expect(token.claims.subject == "alice")
            #expect(token.claims.issuer == TestIssuer.issuer)
            #expect(token.jwt == nil)
            guard case .introspection = token.verification else {
                Issue.record("not introspected")
                return
            }
            let jwt = await authenticator.authenticate(headerFields: .bearer(try issuer.token()))
            #expect(jwt.token?.jwt != nil)
            #expect(introspections(server) == 1)
            // A JWT that fails verification is refused, never handed to introspection.
            let forged = await authenticator.authenticate(headerFields: .bearer(try issuer.token() + "x"))
            #expect(forged.status == .unauthorized)
            #expect(introspections(server) == 1)
        }
    }

    @Test func inactiveTokenIs401InvalidToken() async throws {
        try await JWKSTestServer.run { server in
            let result = try await authenticator(server).authenticate(headerFields: .bearer("unknown-token"))
            #expect(result.status == .unauthorized)
            #expect(result.rejection?.reason == .invalidToken(.inactiveToken))
            #expect(result.challenge?.contains(#"error="invalid_token""#) == true)
        }
    }

    @Test func unreachableEndpointIs503WithRetryAfter() async throws {
        try await JWKSTestServer.run { server in
            server.setDocument(JWKSTestServer.introspectionPath, status: 500, ["error": "server_error"])
            let result = try await authenticator(server).authenticate(headerFields: .bearer(Self.opaque))
            #expect(result.status == .serviceUnavailable)
            #expect(result.rejection?.reason == .introspectionUnavailable)
            #expect(result.rejection?.response.headerFields[.retryAfter] == "30")
            #expect(result.challenge == nil)
        }
    }

    @Test(arguments: [
        ("aud", JSONValue.string("api://other"), JOSEError.Code.audienceMismatch),
        ("iss", "https://other.test", .issuerMismatch),
        ("exp", .number(JSONNumber(Int64(TestIssuer.start.timeIntervalSince1970) - 10)), .expired),
        ("nbf", .number(JSONNumber(Int64(TestIssuer.start.timeIntervalSince1970) + 600)), .notYetValid),
        ("exp", "soon", .invalidClaim),
    ])
    func activeAnswersMeetTheSameClaimRulesAsJWTs(name: String, value: JSONValue, code: JOSEError.Code) async throws {
        try await JWKSTestServer.run { server in
            server.setActiveToken(Self.opaque, claims: claims([name: value]))
            let result = try await authenticator(server).authenticate(headerFields: .bearer(Self.opaque))
            #expect(result.status == .unauthorized)
            #expect(result.rejection?.reason == .invalidToken(code))
        }
    }

    @Test func answerWithoutIssuerIsRefusedWhenTheIntrospectorNamesNone() async throws {
        try await JWKSTestServer.run { server in
            server.setActiveToken(Self.opaque, claims: claims())
            var configuration = BearerTokenAuthenticator.Configuration.test(clock: clock.jwtClock)
            configuration.introspection = .opaqueTokens(try introspector(server, issuer: nil))
            let authenticator = try BearerTokenAuthenticator(
                keys: StaticKeySource(key: try issuer.publicKey), configuration: configuration)
            let result = await authenticator.authenticate(headerFields: .bearer(Self.opaque))
            #expect(result.rejection?.reason == .invalidToken(.missingClaim))
        }
    }

    @Test func scopesAndRulesApplyToIntrospectedTokens() async throws {
        try await JWKSTestServer.run { server in
            server.setActiveToken(Self.opaque, claims: claims())
            let authenticator = try authenticator(server, edit: { $0.scopes = .allOf("orders:write") })
            let result = await authenticator.authenticate(headerFields: .bearer(Self.opaque))
            #expect(result.status == .forbidden)
            #expect(result.challenge?.contains(#"scope="orders:write""#) == true)
            let reader = try authenticator.authorizer(for: AccessRequirement(scopes: .allOf("orders:read")))
            let token = try #require(
                try await self.authenticator(server).authenticate(headerFields: .bearer(Self.opaque)).token)
            #expect(reader.authorize(token).isAuthorized)
        }
    }

    @Test func allTokensIntrospectsJWTsSoARevocationIsNoticed() async throws {
        try await JWKSTestServer.run { server in
            let jwt = try issuer.token()
            server.setActiveToken(jwt, claims: claims())
            let authenticator = try authenticator(server, policy: { .allTokens($0) })
            #expect(await authenticator.authenticate(headerFields: .bearer(jwt)).isAuthorized)
            #expect(introspections(server) == 1)
            server.revokeToken(jwt)
            clock.advance(by: .seconds(31))  // past the introspector's maximum active lifetime
            let revoked = await authenticator.authenticate(headerFields: .bearer(jwt))
            #expect(revoked.rejection?.reason == .invalidToken(.inactiveToken))
            // A signed token the server never issued (or forgot) is not accepted on its signature alone.
            let other = await authenticator.authenticate(headerFields: .bearer(try issuer.token(["sub": "bob"])))
            #expect(other.rejection?.reason == .invalidToken(.inactiveToken))
        }
    }

    @Test func introspectionAloneNeedsNoKeys() async throws {
        try await JWKSTestServer.run { server in
            server.setActiveToken(Self.opaque, claims: claims())
            let authenticator = try BearerTokenAuthenticator(
                introspector: try introspector(server),
                configuration: .test(clock: clock.jwtClock))
            #expect(await authenticator.authenticate(headerFields: .bearer(Self.opaque)).isAuthorized)
            #expect(
                await authenticator.authenticate(headerFields: .bearer(try issuer.token())).rejection?.reason
                    == .invalidToken(.inactiveToken))
            #expect(throws: BearerConfigurationError.noIssuer) {
                try BearerTokenAuthenticator(
                    introspector: try introspector(server),
                    configuration: BearerTokenAuthenticator.Configuration(issuers: .keySource, audiences: .any))
            }
        }
    }

    @Test func oversizeTokenIsRefusedWithoutARequest() async throws {
        try await JWKSTestServer.run { server in
            let authenticator = try authenticator(server, edit: { $0.validation.maximumTokenSize = 64 })
            let result = await authenticator.authenticate(headerFields: .bearer(String(repeating: "a", count: 65)))
            #expect(result.rejection?.reason == .invalidToken(.tokenTooLarge))
            #expect(introspections(server) == 0)
        }
    }

    @Test func dpopBoundIntrospectedTokenNeedsItsProof() async throws {
        try await JWKSTestServer.run { server in
            let client = try DPoPTestClient()
            server.setActiveToken(Self.opaque, claims: claims(try client.confirmation))
            let authenticator = try authenticator(
                server, edit: { $0.dpop = DPoPPolicy(mode: .allowed, origin: .fixed("https://api.example")) })
            let asBearer = await authenticator.authenticate(headerFields: .bearer(Self.opaque))
            #expect(asBearer.rejection?.reason == .invalidToken(.dpopKeyBindingMismatch))
            let fields = try client.fields(
                token: Self.opaque, method: "GET", url: "https://api.example/orders", issuedAt: TestIssuer.start)
            let proven = await authenticator.authenticate(
                headerFields: fields, target: RequestTarget(method: .get, path: "/orders"))
            #expect(proven.isAuthorized)
            let otherClient = try DPoPTestClient()
            let wrongKey = await authenticator.authenticate(
                headerFields: try otherClient.fields(
                    token: Self.opaque, method: "GET", url: "https://api.example/orders", issuedAt: TestIssuer.start),
                target: RequestTarget(method: .get, path: "/orders"))
            #expect(wrongKey.rejection?.reason == .invalidToken(.dpopKeyBindingMismatch))
        }
    }

    @Test func certificateBoundIntrospectedTokenNeedsItsCertificate() async throws {
        try await JWKSTestServer.run { server in
            server.setActiveToken(
                Self.opaque, claims: claims(["cnf": ["x5t#S256": .string(CertificateBindingTests.thumbprint)]]))
            let authenticator = try authenticator(server, edit: { $0.certificateBinding = .clientCertificateHeader() })
            let without = await authenticator.authenticate(headerFields: .bearer(Self.opaque))
            #expect(without.rejection?.reason == .invalidToken(.certificateBindingMismatch))
            var fields = HTTPFields.bearer(Self.opaque)
            fields[.clientCert] = ":\(CertificateBindingTests.certificate):"
            #expect(await authenticator.authenticate(headerFields: fields).isAuthorized)
        }
    }

    @Test func policyTellsJWTsFromOpaqueTokensByTheirDots() {
        #expect(IntrospectionPolicy.isJWT("a.b.c"))
        #expect(IntrospectionPolicy.isJWT(".."))
        #expect(IntrospectionPolicy.isJWT("a.b.c.d.e"))
        #expect(!IntrospectionPolicy.isJWT("a.b"))
        #expect(!IntrospectionPolicy.isJWT("a.b.c.d"))
        #expect(!IntrospectionPolicy.isJWT("a.b.c.d.e.f"))
        #expect(!IntrospectionPolicy.isJWT(Self.opaque))
    }
}
