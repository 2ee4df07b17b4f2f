import Benchmark
import CoreMetrics
import Foundation
import HTTPTypes
import JOSE
import OAuthJWT
import Prometheus

/// One `secure()` decision per request (headers in, verified claims out) with the verified-token cache on and off,
/// and a cache hit with a real metrics backend (swift-prometheus) recording every decision.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.throughput, .wallClock, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .microseconds,
        warmupIterations: 1,  // one sample: 1,000 decisions
        scalingFactor: .kilo,
        maxDuration: .seconds(2),
        maxIterations: 1_000_000
    )

    for algorithm in [JWSAlgorithm.rs256, .es256] {
        for cached in [true, false] {
            Benchmark("secure() \(algorithm.rawValue) cache \(cached ? "on" : "off")") { benchmark, fixture in
                for _ in benchmark.scaledIterations {
                    blackHole(await fixture.authenticator.authenticate(headerFields: fixture.headers))
                }
            } setup: {
                try SecureFixture(algorithm: algorithm, cached: cached)
            }
        }
    }
    Benchmark("secure() ES256 cache on, Prometheus metrics") { benchmark, fixture in
        for _ in benchmark.scaledIterations {
            blackHole(await fixture.authenticator.authenticate(headerFields: fixture.headers))
        }
    } setup: {
        try SecureFixture(
            algorithm: .es256, cached: true,
            metricsFactory: PrometheusMetricsFactory(registry: PrometheusCollectorRegistry()))
    }
}

struct SecureFixture: Sendable {
    let authenticator: BearerTokenAuthenticator
    let headers: HTTPFields

    init(
        algorithm: JWSAlgorithm, cached: Bool, metricsFactory: any MetricsFactory = NOOPMetricsHandler.instance
    ) throws {
        let key = try JWSKey.generate(for: algorithm, keyID: "bench")
        let now = Int64(Date().timeIntervalSince1970)
        let token = try JWTSigner.sign(
            JWTClaims([
                "iss": "https://issuer.example", "aud": "api", "sub": "user-42", "scope": "read write",
                "exp": .number(JSONNumber(now + 86_400)),
            ]), with: key, type: "at+jwt")
        var configuration = BearerTokenAuthenticator.Configuration(
            issuers: ["https://issuer.example"], audiences: ["api"], algorithms: [algorithm], type: "at+jwt")
        configuration.scopes = .allOf("read")
        configuration.cache = cached ? .enabled() : .disabled
        configuration.metricsFactory = metricsFactory
        authenticator = try BearerTokenAuthenticator(
            keys: StaticKeySource(keySet: JWKSet(keys: [try key.publicKey()])), configuration: configuration)
        headers = [.authorization: "Bearer \(token)"]
    }
}
