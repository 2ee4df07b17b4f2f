import CoreMetrics
import Foundation

/// The swift-metrics labels of the key sources. No value recorded contains key material or a token; `source` is
/// the JWKS URL without its query.
///
/// | label | type | dimensions | records |
/// |---|---|---|---|
/// | `oauth_jwt_key_fetches_total` | counter | `document` (`jwks`, `metadata`), `result` | fetches, by `success` or `JWKSFetchError` code |
/// | `oauth_jwt_key_fetch_duration_seconds` | timer | `document` | how long each fetch took |
/// | `oauth_jwt_keys` | gauge | `source` | usable keys held after the last good fetch |
/// | `oauth_jwt_keys_last_success_timestamp_seconds` | gauge | `source` | Unix time of the last good fetch |
/// | `oauth_jwt_keys_age_seconds` | gauge | `source` | seconds since the last good fetch, set at each fetch and by ``KeyRefreshService`` as it runs |
enum FetchMetrics {
    static let fetches = "oauth_jwt_key_fetches_total"
    static let fetchDuration = "oauth_jwt_key_fetch_duration_seconds"
    static let keys = "oauth_jwt_keys"
    static let lastSuccess = "oauth_jwt_keys_last_success_timestamp_seconds"
    static let age = "oauth_jwt_keys_age_seconds"
}

/// The gauges of one ``RemoteJWKS``.
struct KeySetGauges: Sendable {
    private let keys: Gauge
    private let lastSuccess: Gauge
    private let age: Gauge

    init(source: String, factory: any MetricsFactory) {
        let dimensions = [("source", source)]
        keys = Gauge(label: FetchMetrics.keys, dimensions: dimensions, factory: factory)
        lastSuccess = Gauge(label: FetchMetrics.lastSuccess, dimensions: dimensions, factory: factory)
        age = Gauge(label: FetchMetrics.age, dimensions: dimensions, factory: factory)
    }

    /// A good fetch just brought `keyCount` usable keys.
    func recordSuccess(keyCount: Int) {
        keys.record(keyCount)
        lastSuccess.record(Date().timeIntervalSince1970)
        age.record(0)
    }

    /// The last good fetch is `elapsed` old.
    func recordAge(_ elapsed: Duration) {
        age.record(elapsed.inSeconds)
    }
}
