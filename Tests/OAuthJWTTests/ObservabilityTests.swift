import CoreMetrics
import Foundation
import HTTPTypes
import InMemoryTracing
import JOSE
import MetricsTestKit
import OAuthJWTTesting
import Testing
import Tracing

@testable import OAuthJWT

/// Decisions and cache activity reach a metrics backend, and decision spans a tracer, with fixed codes only.
@Suite struct ObservabilityTests {
    let issuer: TestIssuer
    let metrics = TestMetrics()
    let clock = ManualClock(start: TestIssuer.start)

    init() throws {
        issuer = try TestIssuer(issuedAt: TestIssuer.start)
    }

    func authenticator(
        keys: some KeySource, cache: VerifiedTokenCachePolicy = .enabled(), tracesDecisions: Bool = false
    ) throws -> BearerTokenAuthenticator {
        var configuration = BearerTokenAuthenticator.Configuration.test(clock: clock.jwtClock)
        configuration.scopes = .allOf("read")
        configuration.cache = cache
        configuration.metricsFactory = metrics
        configuration.tracesDecisions = tracesDecisions
        return try BearerTokenAuthenticator(keys: keys, configuration: configuration)
    }

    func decisions(_ stage: String, _ outcome: String, _ reason: String) -> Int64 {
        metrics.counterTotal(
            label: "oauth_jwt_decisions_total",
            dimensions: [("stage", stage), ("outcome", outcome), ("reason", reason)])
    }

    @Test func everyDecisionIsCountedByOutcomeAndReason() async throws {
        let authenticator = try authenticator(keys: StaticKeySource(key: try issuer.publicKey))
        let good = try issuer.token(["scope": "read"])
        let forged = try TestIssuer(issuedAt: TestIssuer.start).token(["scope": "read"])
        _ = await authenticator.authenticate(headerFields: .bearer(good))
        _ = await authenticator.authenticate(headerFields: .bearer(good))
        _ = await authenticator.authenticate(headerFields: HTTPFields())
        _ = await authenticator.authenticate(headerFields: .bearer("a b"))
        _ = await authenticator.authenticate(headerFields: .bearer(forged))
        _ = await authenticator.authenticate(headerFields: .bearer(try issuer.expiredToken(["scope": "read"])))
        _ = await authenticator.authenticate(headerFields: .bearer(try issuer.token()))
        _ = await authenticator.authenticate(token: "not a token")

        #expect(decisions("authenticate", "authorized", "authorized") == 2)
        #expect(decisions("authenticate", "missing_token", "missing_token") == 1)
        #expect(decisions("authenticate", "invalid_request", "invalid_request") == 2)
        #expect(decisions("authenticate", "invalid_token", "invalid_signature") == 1)
        #expect(decisions("authenticate", "invalid_token", "token_expired") == 1)
        #expect(decisions("authenticate", "insufficient_scope", "scope") == 1)
        #expect(metrics.counterTotal(label: "oauth_jwt_decisions_total") == 8)

        let unavailable = try self.authenticator(keys: UnavailableResolver())
        _ = await unavailable.authenticate(headerFields: .bearer(good))
        #expect(decisions("authenticate", "unavailable", "key_source_unavailable") == 1)
    }

    @Test func routeRequirementsCountAsTheirOwnStage() async throws {
        let authenticator = try authenticator(keys: StaticKeySource(key: try issuer.publicKey))
        let admin = try authenticator.authorizer(for: AccessRequirement(scopes: .allOf("admin")))
        let claim = try authenticator.authorizer(for: AccessRequirement(claimRules: [.present("tenant")]))
        guard
            case .authorized(let token) = await authenticator.authenticate(
                headerFields: .bearer(try issuer.token(["scope": "read admin"])))
        else {
            Issue.record("not authorized")
            return
        }
        _ = admin.authorize(token)
        _ = claim.authorize(token)
        #expect(decisions("authenticate", "authorized", "authorized") == 1)
        #expect(decisions("requirement", "authorized", "authorized") == 1)
        #expect(decisions("requirement", "insufficient_scope", "claim_rule") == 1)
    }

    @Test func cacheHitsMissesAndEvictionsAreCounted() async throws {
        let authenticator = try authenticator(
            keys: StaticKeySource(key: try issuer.publicKey), cache: .enabled(maximumEntries: 2))
        var tokens: [String] = []
        for index in 0..<5 {
            tokens.append(try issuer.token(["scope": "read", "n": .number(JSONNumber(Int64(index)))]))
        }
        for token in tokens { _ = await authenticator.authenticate(headerFields: .bearer(token)) }
        _ = await authenticator.authenticate(headerFields: .bearer(tokens[4]))
        let lookups = "oauth_jwt_token_cache_lookups_total"
        #expect(metrics.counterTotal(label: lookups, dimensions: [("result", "miss")]) == 5)
        #expect(metrics.counterTotal(label: lookups, dimensions: [("result", "hit")]) == 1)
        // Two generations of one entry: inserting tokens 2, 3 and 4 each dropped the older generation's entry.
        #expect(metrics.counterTotal(label: "oauth_jwt_token_cache_evictions_total") == 3)
        #expect(authenticator.cachedTokenCount == 2)
    }

    @Test func recordedValuesAreFixedCodesNeverTokenContent() async throws {
        let authenticator = try authenticator(keys: StaticKeySource(key: try issuer.publicKey))
        let token = try issuer.token(["scope": "read", "secret": "hunter2"])
        let sent = [token, "x" + token, String(token.dropLast(3)), try issuer.token(["scope": "write"])]
        for token in sent { _ = await authenticator.authenticate(headerFields: .bearer(token)) }
        let values = metrics.counters.flatMap { [$0.label] + $0.dimensions.flatMap { [$0.0, $0.1] } }
        #expect(!values.isEmpty)
        for value in values {
            #expect(value.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }, "\(value)")
            #expect(value.count < 40)
            for token in sent { #expect(!token.contains(value) || value.count < 6) }
        }
    }

    @Test func decisionSpansCarryTheOutcome() async throws {
        let tracer = InMemoryTracer()
        let traced = try authenticator(keys: StaticKeySource(key: try issuer.publicKey), tracesDecisions: true)
        let untraced = try authenticator(keys: StaticKeySource(key: try issuer.publicKey))
        try await withTracer(tracer) {
            _ = await traced.authenticate(headerFields: .bearer(try issuer.token(["scope": "read"])))
            _ = await traced.authenticate(token: try issuer.token())
            _ = await untraced.authenticate(headerFields: .bearer(try issuer.token(["scope": "read"])))
        }
        let spans = tracer.finishedSpans
        #expect(spans.map(\.operationName) == ["oauth_jwt.authenticate", "oauth_jwt.authenticate"])
        #expect(spans.first?.attributes["oauth_jwt.outcome"]?.toSpanAttribute() == "authorized")
        #expect(spans.last?.attributes["oauth_jwt.outcome"]?.toSpanAttribute() == "insufficient_scope")
        #expect(spans.last?.attributes["oauth_jwt.reason"]?.toSpanAttribute() == "scope")
        // Traced or not, every decision is counted once.
        #expect(metrics.counterTotal(label: "oauth_jwt_decisions_total") == 3)
    }

    @Test func noTracerMeansNoSpan() {
        #expect(DecisionTracing.activeTracer == nil)
        let tracer = InMemoryTracer()
        withTracer(tracer) { #expect(DecisionTracing.activeTracer != nil) }
    }
}
