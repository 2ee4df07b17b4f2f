import CoreMetrics

/// The swift-metrics instruments of a ``RemoteTokenIntrospector``. No value recorded contains a token or an answer.
///
/// | label | type | dimensions | records |
/// |---|---|---|---|
/// | `oauth_jwt_introspections_total` | counter | `result` | requests, by `active`, `inactive`, `invalid_answer` or `JWKSFetchError` code |
/// | `oauth_jwt_introspection_duration_seconds` | timer | | how long each request took |
/// | `oauth_jwt_introspection_cache_lookups_total` | counter | `result` (`hit`, `miss`) | answers reused or asked for |
struct IntrospectionMetrics: Sendable {
    let cacheHits: Counter
    let cacheMisses: Counter
    private let duration: Timer
    private let factory: any MetricsFactory

    init(factory: any MetricsFactory) {
        self.factory = factory
        let lookups = "oauth_jwt_introspection_cache_lookups_total"
        cacheHits = Counter(label: lookups, dimensions: [("result", "hit")], factory: factory)
        cacheMisses = Counter(label: lookups, dimensions: [("result", "miss")], factory: factory)
        duration = Timer(label: "oauth_jwt_introspection_duration_seconds", factory: factory)
    }

    /// One request ended with `outcome` after `elapsed`.
    func record(outcome: String, elapsed: Duration) {
        Counter(label: "oauth_jwt_introspections_total", dimensions: [("result", outcome)], factory: factory)
            .increment()
        duration.recordNanoseconds(elapsed.inNanoseconds)
    }
}
