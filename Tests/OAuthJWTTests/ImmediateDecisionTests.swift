import Foundation
import HTTPTypes
import InMemoryTracing
import JOSE
import MetricsTestKit
import OAuthJWTTesting
import Testing
import Tracing

@testable import OAuthJWT

/// `immediateDecision(headerFields:query:)`: what adapters ask before the async path. It answers only what needs no
/// waiting, and then exactly as `authenticate` would; everything else is left to `authenticate`.
@Suite struct ImmediateDecisionTests {
    let issuer: TestIssuer
    let clock = ManualClock(start: TestIssuer.start)
    let metrics = TestMetrics()

    init() throws {
        issuer = try TestIssuer(issuedAt: TestIssuer.start)
    }

    func authenticator(
        versioned: Bool = true, configure: (inout BearerTokenAuthenticator.Configuration) -> Void = { _ in }
    ) throws -> BearerTokenAuthenticator {
        var configuration = BearerTokenAuthenticator.Configuration.test(clock: clock.jwtClock)
        configuration.metricsFactory = metrics
        configure(&configuration)
        return try BearerTokenAuthenticator(
            keys: MutableResolver(keys: [try issuer.publicKey], versioned: versioned), configuration: configuration)
    }

    /// Authorized decisions counted so far.
    var authorizedDecisions: Int64 {
        metrics.counterTotal(
            label: "oauth_jwt_decisions_total",
            dimensions: [("stage", "authenticate"), ("outcome", "authorized"), ("reason", "authorized")])
    }

    /// Cache lookups with `result` counted so far.
    func cacheLookups(_ result: String) -> Int64 {
        metrics.counterTotal(label: "oauth_jwt_token_cache_lookups_total", dimensions: [("result", result)])
    }

    @Test func aVerifiedTokenIsDecidedAtOnceAfterItsFirstVerification() async throws {
        let authenticator = try authenticator()
        let token = try issuer.token(["sub": "alice"])
        // Never verified: only the async path can decide.
        #expect(authenticator.immediateDecision(headerFields: .bearer(token)) == nil)
        #expect(await authenticator.authenticate(headerFields: .bearer(token)).isAuthorized)
        for _ in 0..<2 {  // from the shared table, then from this thread's front
            let decision = authenticator.immediateDecision(headerFields: .bearer(token))
            #expect(decision?.token?.claims.subject == "alice")
        }
        #expect(authorizedDecisions == 3)
        #expect(cacheLookups("miss") == 1)
        #expect(cacheLookups("hit") == 2)
    }

    @Test func requestsRefusedByTheirCredentialAreDecidedAtOnce() throws {
        let authenticator = try authenticator()
        var two = HTTPFields.bearer(try issuer.token())
        two.append(HTTPField(name: .authorization, value: "Bearer \(try issuer.token())"))
        let cases: [(HTTPFields, HTTPResponse.Status)] = [
            (HTTPFields(), .unauthorized), ([.authorization: "Basic dXNlcjpwYXNz"], .unauthorized),
            ([.authorization: "Bearer "], .badRequest), (two, .badRequest),
        ]
        for (fields, status) in cases {
            let decision = authenticator.immediateDecision(headerFields: fields)
            #expect(decision?.status == status)
        }
    }

    @Test func aCachedTokenPastItsExpiryIsLeftToTheAsyncPath() async throws {
        let authenticator = try authenticator()
        let token = try issuer.token()  // expires at start + 3600
        #expect(await authenticator.authenticate(headerFields: .bearer(token)).isAuthorized)
        #expect(authenticator.immediateDecision(headerFields: .bearer(token))?.isAuthorized == true)
        clock.advance(by: .seconds(3601))
        #expect(authenticator.immediateDecision(headerFields: .bearer(token)) == nil)
        #expect(
            await authenticator.authenticate(headerFields: .bearer(token)).rejection?.reason == .invalidToken(.expired))
    }

    @Test func aKeySourceWithoutVersionsIsAskedOnTheAsyncPath() async throws {
        // Without `keysVersion` a cached token's key must be looked up again, which may wait for a fetch.
        let authenticator = try authenticator(versioned: false)
        let token = try issuer.token()
        #expect(await authenticator.authenticate(headerFields: .bearer(token)).isAuthorized)
        #expect(authenticator.immediateDecision(headerFields: .bearer(token)) == nil)
    }

    @Test func aCachedTokenMissingTheScopeIsRefusedAtOnce() async throws {
        let authenticator = try authenticator { $0.scopes = .allOf("write") }
        let token = try issuer.token(["scope": "read"])
        #expect(await authenticator.authenticate(headerFields: .bearer(token)).status == .forbidden)
        #expect(authenticator.immediateDecision(headerFields: .bearer(token))?.status == .forbidden)
    }

    @Test func aQueryTokenCountsBesideTheHeader() async throws {
        let authenticator = try authenticator { $0.tokenLocations = [.authorizationHeader, .query] }
        let token = try issuer.token()
        #expect(await authenticator.authenticate(headerFields: .bearer(token)).isAuthorized)
        #expect(authenticator.immediateDecision(headerFields: .bearer(token))?.isAuthorized == true)
        #expect(
            authenticator.immediateDecision(headerFields: HTTPFields(), query: "access_token=\(token)")?.isAuthorized
                == true)
        #expect(
            authenticator.immediateDecision(headerFields: .bearer(token), query: "access_token=\(token)")?.status
                == .badRequest)
    }

    @Test func anUnreadFormBodyLeavesEveryRequestToTheAsyncPath() async throws {
        // The body may hold a second token, or the only one.
        let authenticator = try authenticator { $0.tokenLocations = [.authorizationHeader, .formBody] }
        let token = try issuer.token()
        #expect(await authenticator.authenticate(headerFields: .bearer(token)).isAuthorized)
        #expect(authenticator.immediateDecision(headerFields: .bearer(token)) == nil)
        #expect(authenticator.immediateDecision(headerFields: HTTPFields()) == nil)
    }

    @Test func dpopTokensAreLeftToTheAsyncPath() async throws {
        let allowing = try authenticator { $0.dpop = DPoPPolicy(mode: .allowed, origin: .fixed("https://api.example")) }
        let dpop: HTTPFields = [.authorization: "DPoP \(try issuer.token())"]
        #expect(allowing.immediateDecision(headerFields: dpop) == nil)
        let requiring = try authenticator {
            $0.dpop = DPoPPolicy(mode: .required, origin: .fixed("https://api.example"))
        }
        let refused = requiring.immediateDecision(headerFields: HTTPFields.bearer(try issuer.token()))
        #expect(refused?.status == .badRequest)
        #expect(refused?.challenge?.hasPrefix("DPoP ") == true)
    }

    @Test func aTokenBoundToTheConnectionCertificateWaitsForIt() async throws {
        let authenticator = try authenticator { $0.certificateBinding = .tlsConnection }
        let bound = try issuer.token(["cnf": .object(["x5t#S256": .string(CertificateBindingTests.thumbprint)])])
        let certificate = try #require(Data(base64Encoded: CertificateBindingTests.certificate))
        #expect(
            await authenticator.authenticate(headerFields: .bearer(bound), clientCertificate: Array(certificate))
                .isAuthorized)
        // Cached, but the certificate of this request's connection is not known here.
        #expect(authenticator.immediateDecision(headerFields: .bearer(bound)) == nil)
        // An unbound token needs no certificate.
        let unbound = try issuer.token()
        #expect(await authenticator.authenticate(headerFields: .bearer(unbound)).isAuthorized)
        #expect(authenticator.immediateDecision(headerFields: .bearer(unbound))?.isAuthorized == true)
    }

    @Test func tracedDecisionsAreLeftToTheAsyncPathForTheirSpan() async throws {
        let authenticator = try authenticator { $0.tracesDecisions = true }
        let token = try issuer.token()
        #expect(await authenticator.authenticate(headerFields: .bearer(token)).isAuthorized)
        #expect(authenticator.immediateDecision(headerFields: .bearer(token))?.isAuthorized == true)
        let tracer = InMemoryTracer()
        withTracer(tracer) {
            #expect(authenticator.immediateDecision(headerFields: .bearer(token)) == nil)
            #expect(authenticator.immediateDecision(headerFields: HTTPFields()) == nil)
        }
    }

    // The adapters' two steps: `immediateStep` and `authenticate(after:…)`.

    @Test func aPendingStepGoesOnFromTheTokenItFound() async throws {
        let authenticator = try authenticator()
        let token = try issuer.token(["sub": "alice"])
        guard case .pending(let pending) = authenticator.immediateStep(headerFields: .bearer(token), query: nil) else {
            Issue.record("a token never verified cannot be decided at once")
            return
        }
        // The second step is handed no header: it goes on from the token the first step found, not from the start.
        let decision = await authenticator.authenticate(
            after: pending, headerFields: HTTPFields(), query: nil, formBody: nil, target: nil,
            clientCertificate: nil)
        #expect(decision.token?.claims.subject == "alice")
        guard case .decided(let again) = authenticator.immediateStep(headerFields: .bearer(token), query: nil) else {
            Issue.record("a verified token is decided at once")
            return
        }
        #expect(again.isAuthorized)
        // Each decision counted once, over both steps; one verification.
        #expect(authorizedDecisions == 2)
        #expect(cacheLookups("miss") == 1)
    }

    @Test func aStepThatDidNotLookLeavesTheWholeDecisionToTheSecond() async throws {
        let authenticator = try authenticator { $0.tokenLocations = [.authorizationHeader, .formBody] }
        let token = try issuer.token()
        let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        guard case .pending(let pending) = authenticator.immediateStep(headerFields: form, query: nil) else {
            Issue.record("with the form body as a location nothing is decided at once")
            return
        }
        let decision = await authenticator.authenticate(
            after: pending, headerFields: form, query: nil, formBody: Array("access_token=\(token)".utf8),
            target: nil, clientCertificate: nil)
        #expect(decision.isAuthorized)
    }

    @Test func aTracedDecisionGetsItsSpanAcrossTheTwoSteps() async throws {
        let authenticator = try authenticator { $0.tracesDecisions = true }
        let token = try issuer.token()
        #expect(await authenticator.authenticate(headerFields: .bearer(token)).isAuthorized)  // cached, no tracer yet
        let tracer = InMemoryTracer()
        try await withTracer(tracer) {
            // Cached, but the first step leaves a traced decision to the second, which makes the span.
            guard case .pending(let pending) = authenticator.immediateStep(headerFields: .bearer(token), query: nil)
            else {
                Issue.record("a traced decision is not made in the first step")
                return
            }
            let decision = await authenticator.authenticate(
                after: pending, headerFields: .bearer(token), query: nil, formBody: nil, target: nil,
                clientCertificate: nil)
            #expect(decision.isAuthorized)
        }
        #expect(tracer.finishedSpans.map(\.operationName) == ["oauth_jwt.authenticate"])
        #expect(authorizedDecisions == 2)
    }

    @Test func aPendingCertificateBoundTokenIsDecidedWithTheCertificate() async throws {
        let authenticator = try authenticator { $0.certificateBinding = .tlsConnection }
        let bound = try issuer.token(["cnf": .object(["x5t#S256": .string(CertificateBindingTests.thumbprint)])])
        let certificate = Array(try #require(Data(base64Encoded: CertificateBindingTests.certificate)))
        for _ in 0..<2 {  // verified, then cached but still waiting for the certificate
            guard case .pending(let pending) = authenticator.immediateStep(headerFields: .bearer(bound), query: nil)
            else {
                Issue.record("a certificate-bound token waits for the certificate")
                return
            }
            let with = await authenticator.authenticate(
                after: pending, headerFields: .bearer(bound), query: nil, formBody: nil, target: nil,
                clientCertificate: certificate)
            #expect(with.isAuthorized)
            let without = await authenticator.authenticate(
                after: pending, headerFields: .bearer(bound), query: nil, formBody: nil, target: nil,
                clientCertificate: nil)
            #expect(without.status == .unauthorized)
        }
    }
}
