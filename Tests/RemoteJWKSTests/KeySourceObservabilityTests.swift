import CoreMetrics
import Foundation
import InMemoryTracing
import JOSE
import Logging
import MetricsTestKit
import OAuthJWTTesting
import RemoteJWKS
import ServiceLifecycle
import Testing
import Tracing

/// Key fetches and key-set health reach a metrics backend and a tracer; the refresh service warms keys at start,
/// refreshes them in the background and stops at graceful shutdown.
@Suite struct KeySourceObservabilityTests {
    let key = TestIssuer.sharedKey(.es256)

    @Test func fetchesAreCountedAndTimedByDocumentAndResult() async throws {
        let metrics = TestMetrics()
        let configuration = RemoteJWKSConfiguration(failureRetryInterval: .zero, metricsFactory: metrics)
        try await JWKSTestServer.run { server in
            server.setKeys([key])
            server.setDiscoveryDocument()
            let source = try IssuerKeySource(issuer: server.baseURL, configuration: configuration)
            try await source.refresh()
            server.setMode(.status(500))
            await #expect(throws: JOSEError.self) { try await source.refresh() }
            let fetches = "oauth_jwt_key_fetches_total"
            #expect(
                metrics.counterTotal(label: fetches, dimensions: [("document", "metadata"), ("result", "success")]) == 1
            )
            #expect(
                metrics.counterTotal(label: fetches, dimensions: [("document", "jwks"), ("result", "success")]) == 1)
            #expect(
                metrics.counterTotal(
                    label: fetches, dimensions: [("document", "jwks"), ("result", "unexpected_status")])
                    == 1)
            #expect(
                try metrics.expectTimer("oauth_jwt_key_fetch_duration_seconds", [("document", "jwks")]).values.count
                    == 2)
            #expect(
                try metrics.expectTimer("oauth_jwt_key_fetch_duration_seconds", [("document", "metadata")]).values.count
                    == 1)

            let sourceDimension = [("source", server.jwksURL.absoluteString)]
            #expect(try metrics.expectGauge("oauth_jwt_keys", sourceDimension).lastValue == 1)
            let lastSuccess = try metrics.expectGauge("oauth_jwt_keys_last_success_timestamp_seconds", sourceDimension)
            #expect(abs((lastSuccess.lastValue ?? 0) - Date().timeIntervalSince1970) < 60)
            #expect(try metrics.expectGauge("oauth_jwt_keys_age_seconds", sourceDimension).values.count == 2)
            #expect(try await source.keySet().statistics.lastSuccessAge != nil)
        }
    }

    @Test func fetchAndDiscoverySpans() async throws {
        let tracer = InMemoryTracer()
        try await JWKSTestServer.run { server in
            server.setKeys([key])
            server.setDiscoveryDocument()
            let source = try IssuerKeySource(issuer: server.baseURL)
            try await withTracer(tracer) { try await source.refresh() }
            let spans = tracer.finishedSpans
            let names = spans.map(\.operationName)
            #expect(names.sorted() == ["oauth_jwt.discover", "oauth_jwt.fetch_jwks", "oauth_jwt.fetch_metadata"])
            let discover = try #require(spans.first { $0.operationName == "oauth_jwt.discover" })
            let metadata = try #require(spans.first { $0.operationName == "oauth_jwt.fetch_metadata" })
            #expect(metadata.parentSpanID == discover.spanID)
            let jwks = try #require(spans.first { $0.operationName == "oauth_jwt.fetch_jwks" })
            #expect(jwks.attributes["oauth_jwt.result"]?.toSpanAttribute() == "success")
            #expect(jwks.attributes["http.response.status_code"]?.toSpanAttribute() == 200)
            #expect(jwks.attributes["url.full"]?.toSpanAttribute() == .string(server.jwksURL.absoluteString))
        }
        // With no tracer bound, nothing reaches it.
        let before = tracer.finishedSpans.count
        try await JWKSTestServer.run { server in
            server.setKeys([key])
            try await RemoteJWKS(url: server.jwksURL).refresh()
        }
        #expect(tracer.finishedSpans.count == before)
    }

    @Test func serviceWarmsUpRefreshesAheadAndStopsOnGracefulShutdown() async throws {
        // Keys are fresh for 1.5 s and refreshed 1 s ahead: the service refreshes about every half second.
        let configuration = RemoteJWKSConfiguration(
            cacheDuration: .milliseconds(1500), honorsCacheControl: false, minimumCacheDuration: .milliseconds(100))
        try await JWKSTestServer.run { server in
            server.setKeys([key])
            let keys = try RemoteJWKS(url: server.jwksURL, configuration: configuration)
            let group = ServiceGroup(
                services: [KeyRefreshService(keys: keys, refreshAhead: .seconds(1))], logger: Self.quietLogger)
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                // Warm: the first fetch happens without any token.
                try await eventually { keys.statistics.keyCount == 1 }
                #expect(server.requestCount() >= 1)
                // Background refreshes follow, with no token asking for them.
                try await eventually { server.requestCount() >= 3 }
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()  // run() returned: the service stopped
            }
            let stopped = server.requestCount()
            try await Task.sleep(for: .seconds(2))
            #expect(server.requestCount() == stopped)
        }
    }

    @Test func requiredWarmUpFailsTheGroup() async throws {
        try await JWKSTestServer.run { server in
            server.setMode(.status(503))
            let keys = try RemoteJWKS(url: server.jwksURL)
            let group = ServiceGroup(services: [KeyRefreshService(keys: keys)], logger: Self.quietLogger)
            await #expect(throws: (any Error).self) { try await group.run() }
            #expect(server.requestCount() == 1)
        }
    }

    @Test func bestEffortWarmUpKeepsTryingInTheBackground() async throws {
        try await JWKSTestServer.run { server in
            server.setMode(.status(503))
            let configuration = RemoteJWKSConfiguration(failureRetryInterval: .zero)
            let keys = try RemoteJWKS(url: server.jwksURL, configuration: configuration)
            let group = ServiceGroup(
                services: [KeyRefreshService(keys: keys, warmUp: .bestEffort)], logger: Self.quietLogger)
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                try await eventually { server.requestCount() >= 1 }
                server.setKeys([key])
                server.setMode(.serve)
                try await eventually { keys.statistics.keyCount == 1 }
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
        }
    }

    static var quietLogger: Logger {
        var logger = Logger(label: "key-refresh-test")
        logger.logLevel = .critical
        return logger
    }

    /// Waits (up to 20 s, checking every 50 ms) until `condition` holds; fails the test otherwise.
    private func eventually(_ condition: () -> Bool) async throws {
        for _ in 0..<400 {
            if condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the condition did not hold within 20 seconds")
        throw CancellationError()
    }
}
