import Foundation
import JOSE
import Logging
import MetricsTestKit
import OAuthJWTTesting
import RemoteJWKS
import Testing

/// `RemoteTokenIntrospector` against a real RFC 7662 endpoint on 127.0.0.1: client authentication, answers, the
/// cache, one request per token in flight, and every way the endpoint can fail.
@Suite struct IntrospectionTests {
    static let token = "opaque-token-1"
    let clock = ManualClock(start: TestIssuer.start)
    var now: Int64 { Int64(TestIssuer.start.timeIntervalSince1970) }

    func configuration(
        _ server: JWKSTestServer, authentication: IntrospectionClientAuthentication? = nil, issuer: String? = nil
    ) -> IntrospectionConfiguration {
        var configuration = IntrospectionConfiguration(
            endpoint: server.introspectionURL,
            clientAuthentication: authentication
                ?? .clientSecretBasic(clientID: "resource-server", secret: "resource-secret"),
            issuer: issuer)
        configuration.clock = clock.jwtClock
        return configuration
    }

    func activeClaims(lifetime: Int64 = 3600) -> [String: JSONValue] {
        [
            "scope": "read write", "client_id": "client-1", "sub": "alice", "aud": "api://test",
            "exp": .number(JSONNumber(now + lifetime)),
        ]
    }

    @Test func activeTokenIsAnsweredWithItsClaimsOverClientSecretBasic() async throws {
        try await JWKSTestServer.run { server in
            server.setActiveToken(Self.token, claims: activeClaims())
            let introspector = try RemoteTokenIntrospector(configuration: configuration(server))
            guard case .active(let claims) = try await introspector.introspect(Self.token) else {
                Issue.record("not active")
                return
            }
            #expect(claims.scopes == ["read", "write"])
            #expect(claims.subject == "alice")
            #expect(claims.issuer == nil)
            let request = try #require(server.lastIntrospection)
            #expect(request.form["token"] == Self.token)
            #expect(request.form["token_type_hint"] == "access_token")
            #expect(request.form["client_secret"] == nil)
            #expect(request.authorization == "Basic cmVzb3VyY2Utc2VydmVyOnJlc291cmNlLXNlY3JldA==")
        }
    }

    @Test func clientSecretPostSendsTheCredentialsInTheForm() async throws {
        try await JWKSTestServer.run { server in
            server.setActiveToken(Self.token, claims: activeClaims())
            let introspector = try RemoteTokenIntrospector(
                configuration: configuration(
                    server, authentication: .clientSecretPost(clientID: "resource-server", secret: "resource-secret")))
            let answer = try await introspector.introspect(Self.token)
            guard case .active = answer else {
                Issue.record("not active")
                return
            }
            let request = try #require(server.lastIntrospection)
            #expect(request.authorization == nil)
            #expect(request.form["client_id"] == "resource-server")
            #expect(request.form["client_secret"] == "resource-secret")
        }
    }

    @Test func basicCredentialsAreFormEncodedBeforeBase64() async throws {
        try await JWKSTestServer.run { server in
            server.setIntrospectionClient(id: "rs:1", secret: "p@ss word")
            server.setActiveToken(Self.token, claims: activeClaims())
            let introspector = try RemoteTokenIntrospector(
                configuration: configuration(
                    server, authentication: .clientSecretBasic(clientID: "rs:1", secret: "p@ss word")))
            let answer = try await introspector.introspect(Self.token)
            guard case .active = answer else {
                Issue.record("not active")
                return
            }
            // RFC 6749 §2.3.1: "rs%3A1:p%40ss+word", then base64.
            #expect(server.lastIntrospection?.authorization == "Basic cnMlM0ExOnAlNDBzcyt3b3Jk")
        }
    }

    @Test func wrongCredentialsMakeTheEndpointUnavailableNotTheTokenInactive() async throws {
        try await JWKSTestServer.run { server in
            server.setActiveToken(Self.token, claims: activeClaims())
            let introspector = try RemoteTokenIntrospector(
                configuration: configuration(
                    server, authentication: .clientSecretBasic(clientID: "resource-server", secret: "wrong")))
            let error = await joseError { try await introspector.introspect(Self.token) }
            #expect(error?.code == .introspectionUnavailable)
        }
    }

    @Test func unknownAndRevokedTokensAreInactive() async throws {
        try await JWKSTestServer.run { server in
            var configuration = configuration(server)
            configuration.maximumActiveLifetime = .zero
            let introspector = try RemoteTokenIntrospector(configuration: configuration)
            let unknown = try await introspector.introspect("never-issued")
            guard case .inactive = unknown else {
                Issue.record("unknown token active")
                return
            }
            server.setActiveToken(Self.token, claims: activeClaims())
            let before = try await introspector.introspect(Self.token)
            guard case .active = before else {
                Issue.record("not active")
                return
            }
            server.revokeToken(Self.token)
            let after = try await introspector.introspect(Self.token)
            guard case .inactive = after else {
                Issue.record("revoked token still active")
                return
            }
        }
    }

    @Test func activeAnswersAreReusedUntilTheMaximumLifetimeThenAskedAgain() async throws {
        try await JWKSTestServer.run { server in
            server.setActiveToken(Self.token, claims: activeClaims())
            var configuration = configuration(server)
            configuration.maximumActiveLifetime = .seconds(60)
            let introspector = try RemoteTokenIntrospector(configuration: configuration)
            for _ in 0..<5 { _ = try await introspector.introspect(Self.token) }
            #expect(server.requestCount(JWKSTestServer.introspectionPath) == 1)
            server.revokeToken(Self.token)
            clock.advance(by: .seconds(59))
            let cached = try await introspector.introspect(Self.token)
            guard case .active = cached else {
                Issue.record("cached answer lost early")
                return
            }
            clock.advance(by: .seconds(2))
            let fresh = try await introspector.introspect(Self.token)
            guard case .inactive = fresh else {
                Issue.record("revocation not noticed")
                return
            }
            #expect(server.requestCount(JWKSTestServer.introspectionPath) == 2)
        }
    }

    @Test func activeAnswersEndWithTheTokensExpiry() async throws {
        try await JWKSTestServer.run { server in
            server.setActiveToken(Self.token, claims: activeClaims(lifetime: 10))
            let introspector = try RemoteTokenIntrospector(configuration: configuration(server))
            _ = try await introspector.introspect(Self.token)
            clock.advance(by: .seconds(11))
            _ = try await introspector.introspect(Self.token)
            #expect(server.requestCount(JWKSTestServer.introspectionPath) == 2)
        }
    }

    @Test func inactiveAnswersAreReusedBriefly() async throws {
        try await JWKSTestServer.run { server in
            var configuration = configuration(server)
            configuration.inactiveLifetime = .seconds(5)
            let introspector = try RemoteTokenIntrospector(configuration: configuration)
            for _ in 0..<3 { _ = try await introspector.introspect("bad") }
            #expect(server.requestCount(JWKSTestServer.introspectionPath) == 1)
            clock.advance(by: .seconds(6))
            _ = try await introspector.introspect("bad")
            #expect(server.requestCount(JWKSTestServer.introspectionPath) == 2)
        }
    }

    @Test func concurrentCallersOfOneTokenShareOneRequest() async throws {
        try await JWKSTestServer.run { server in
            server.setActiveToken(Self.token, claims: activeClaims())
            server.setDelay(.milliseconds(300))
            let introspector = try RemoteTokenIntrospector(configuration: configuration(server))
            let active = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        if case .active = try await introspector.introspect(Self.token) { true } else { false }
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(active == 50)
            #expect(server.requestCount(JWKSTestServer.introspectionPath) == 1)
        }
    }

    @Test(arguments: [
        #"{"active":"true","sub":"alice"}"#, #"{"active":1}"#, #"{"sub":"alice"}"#, "<html>", #"[{"active":true}]"#,
    ])
    func answersWithoutABooleanActiveAreUnavailableAndNotCached(body: String) async throws {
        try await JWKSTestServer.run { server in
            server.setDocument(JWKSTestServer.introspectionPath, bytes: Array(body.utf8))
            let introspector = try RemoteTokenIntrospector(configuration: configuration(server))
            for _ in 0..<2 {
                let error = await joseError { try await introspector.introspect(Self.token) }
                #expect(error?.code == .introspectionUnavailable)
            }
            #expect(server.requestCount(JWKSTestServer.introspectionPath) == 2)
        }
    }

    @Test(arguments: [500, 401, 302, 404])
    func statusesOtherThan200AreUnavailable(status: Int) async throws {
        try await JWKSTestServer.run { server in
            server.setDocument(JWKSTestServer.introspectionPath, status: status, ["active": true])
            let introspector = try RemoteTokenIntrospector(configuration: configuration(server))
            let error = await joseError { try await introspector.introspect(Self.token) }
            #expect(error?.code == .introspectionUnavailable)
        }
    }

    @Test func slowEndpointTimesOut() async throws {
        try await JWKSTestServer.run { server in
            server.setActiveToken(Self.token, claims: activeClaims())
            server.setDelay(.seconds(6))
            var configuration = configuration(server)
            configuration.timeout = .milliseconds(200)
            let introspector = try RemoteTokenIntrospector(configuration: configuration)
            let started = ContinuousClock.now
            let error = await joseError { try await introspector.introspect(Self.token) }
            #expect(error?.code == .introspectionUnavailable)
            // Well before the endpoint would answer: the timeout, not the answer, ended the call. The margin is
            // wide, so a loaded machine cannot fail it.
            #expect(ContinuousClock.now - started < .seconds(5))
        }
    }

    @Test func oversizeAnswerIsRefused() async throws {
        try await JWKSTestServer.run { server in
            server.setActiveToken(
                Self.token,
                claims: activeClaims().merging(["padding": .string(String(repeating: "x", count: 5000))]) { $1 })
            var configuration = configuration(server)
            configuration.maximumBodySize = 1024
            let introspector = try RemoteTokenIntrospector(configuration: configuration)
            let error = await joseError { try await introspector.introspect(Self.token) }
            #expect(error?.code == .introspectionUnavailable)
        }
    }

    @Test func issuerIsFilledInOnlyWhenTheAnswerHasNone() async throws {
        try await JWKSTestServer.run { server in
            server.setActiveToken("without-iss", claims: activeClaims())
            server.setActiveToken("with-iss", claims: activeClaims().merging(["iss": "https://other.test"]) { $1 })
            let introspector = try RemoteTokenIntrospector(
                configuration: configuration(server, issuer: TestIssuer.issuer))
            guard case .active(let filled) = try await introspector.introspect("without-iss"),
                case .active(let kept) = try await introspector.introspect("with-iss")
            else {
                Issue.record("not active")
                return
            }
            #expect(filled.issuer == TestIssuer.issuer)
            #expect(kept.issuer == "https://other.test")
        }
    }

    @Test func endpointMustBeHTTPSOrLoopback() throws {
        let configuration = IntrospectionConfiguration(
            endpoint: URL(string: "http://issuer.example/introspect")!,
            clientAuthentication: .clientSecretBasic(clientID: "a", secret: "b"))
        #expect(throws: JOSEError.self) { try RemoteTokenIntrospector(configuration: configuration) }
        var invalid = IntrospectionConfiguration(
            endpoint: URL(string: "https://issuer.example/introspect")!,
            clientAuthentication: .clientSecretBasic(clientID: "a", secret: "b"))
        invalid.maximumEntries = 0
        #expect(throws: JOSEError.self) { try RemoteTokenIntrospector(configuration: invalid) }
    }

    @Test func descriptionNamesTheClientButNeverTheSecret() {
        let authentication = IntrospectionClientAuthentication.clientSecretPost(clientID: "rs", secret: "hunter2")
        #expect(authentication.description == "client_secret_post(rs)")
        #expect(!"\(authentication)".contains("hunter2"))
    }

    @Test func requestsAndCacheLookupsAreCountedAndFailuresLoggedWithoutSecrets() async throws {
        let metrics = TestMetrics()
        let logs = LogCapture()
        try await JWKSTestServer.run { server in
            server.setActiveToken(Self.token, claims: activeClaims())
            var configuration = configuration(
                server, authentication: .clientSecretBasic(clientID: "resource-server", secret: "resource-secret"))
            configuration.metricsFactory = metrics
            let introspector = try RemoteTokenIntrospector(configuration: configuration, logger: logs.logger)
            _ = try await introspector.introspect(Self.token)
            _ = try await introspector.introspect(Self.token)
            _ = try await introspector.introspect("unknown")
            server.setDocument(JWKSTestServer.introspectionPath, status: 503, ["error": "down"])
            _ = await joseError { try await introspector.introspect("another-token-xyz") }
        }
        let total = "oauth_jwt_introspections_total"
        #expect(try metrics.expectCounter(total, [("result", "active")]).totalValue == 1)
        #expect(try metrics.expectCounter(total, [("result", "inactive")]).totalValue == 1)
        #expect(try metrics.expectCounter(total, [("result", "unexpected_status")]).totalValue == 1)
        let lookups = "oauth_jwt_introspection_cache_lookups_total"
        #expect(try metrics.expectCounter(lookups, [("result", "hit")]).totalValue == 1)
        #expect(try metrics.expectCounter(lookups, [("result", "miss")]).totalValue == 3)
        #expect(try metrics.expectTimer("oauth_jwt_introspection_duration_seconds").values.count == 3)
        let text = logs.text
        #expect(text.contains("unexpected_status"))
        for secret in [
            "resource-secret", "another-token-xyz", Self.token, "cmVzb3VyY2Utc2VydmVyOnJlc291cmNlLXNlY3JldA",
        ] {
            #expect(!text.contains(secret))
        }
    }
}
