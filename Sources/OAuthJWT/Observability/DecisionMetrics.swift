import CoreMetrics
import JOSE

/// The swift-metrics instruments of one authenticator, made once when it is created.
///
/// | label | type | dimensions | counts |
/// |---|---|---|---|
/// | `oauth_jwt_decisions_total` | counter | `stage`, `outcome`, `reason` | every decision |
/// | `oauth_jwt_token_cache_lookups_total` | counter | `result` (`hit`, `miss`) | verified-token cache lookups |
/// | `oauth_jwt_token_cache_evictions_total` | counter | | entries dropped to make room |
///
/// `stage` is `authenticate` (the authenticator with its own rules) or `requirement` (a route-level
/// ``BearerAuthorizer``). `outcome` is `authorized`, `missing_token`, `invalid_request`, `invalid_token`,
/// `invalid_dpop_proof`, `insufficient_scope` or `unavailable`; `reason` is the finer cause (for `invalid_token`, the `JOSEError` code,
/// such as `token_expired`). Every value is a fixed code: no token, claim or key content is ever recorded.
struct DecisionMetrics: Sendable {
    static let decisions = "oauth_jwt_decisions_total"
    static let cacheLookups = "oauth_jwt_token_cache_lookups_total"
    static let cacheEvictions = "oauth_jwt_token_cache_evictions_total"

    enum Stage: String, Sendable {
        case authenticate
        case requirement
    }

    private let factory: any MetricsFactory
    private let stage: Stage
    private let authorized: Counter
    let cacheHits: Counter
    let cacheMisses: Counter
    let cacheEvictions: Counter
    /// Rejection counters, made on first use: the set of reasons is open (`JOSEError` codes).
    private let rejections = Locked([BearerRejection.Reason: Counter]())

    init(factory: any MetricsFactory, stage: Stage) {
        self.factory = factory
        self.stage = stage
        authorized = Counter(
            label: Self.decisions,
            dimensions: [("stage", stage.rawValue), ("outcome", "authorized"), ("reason", "authorized")],
            factory: factory)
        cacheHits = Counter(label: Self.cacheLookups, dimensions: [("result", "hit")], factory: factory)
        cacheMisses = Counter(label: Self.cacheLookups, dimensions: [("result", "miss")], factory: factory)
        cacheEvictions = Counter(label: Self.cacheEvictions, factory: factory)
    }

    /// Counts one decision.
    func record(_ result: BearerAuthenticationResult) {
        switch result {
        case .authorized: authorized.increment()
        case .rejected(let rejection): rejected(rejection.reason).increment()
        }
    }

    private func rejected(_ reason: BearerRejection.Reason) -> Counter {
        rejections.withLock { counters in
            if let counter = counters[reason] { return counter }
            let counter = Counter(
                label: Self.decisions,
                dimensions: [("stage", stage.rawValue), ("outcome", reason.outcome), ("reason", reason.cause)],
                factory: factory)
            counters[reason] = counter
            return counter
        }
    }
}

extension BearerRejection.Reason {
    /// The `outcome` dimension: the RFC 6750 error code, or what stands in for one.
    var outcome: String {
        switch kind {
        case .missingToken: "missing_token"
        case .invalidRequest: "invalid_request"
        case .invalidToken: "invalid_token"
        case .invalidDPoPProof: "invalid_dpop_proof"
        case .insufficientScope, .claimRuleFailed: "insufficient_scope"
        case .keySourceUnavailable, .introspectionUnavailable: "unavailable"
        }
    }

    /// The `reason` dimension: the finer cause.
    var cause: String {
        switch kind {
        case .invalidToken(let code), .invalidDPoPProof(let code): code.rawValue
        case .insufficientScope: "scope"
        case .claimRuleFailed: "claim_rule"
        case .missingToken, .invalidRequest: outcome
        case .keySourceUnavailable: "key_source_unavailable"
        case .introspectionUnavailable: "introspection_unavailable"
        }
    }
}
