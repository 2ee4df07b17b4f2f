import JOSE

/// A map with a bounded size: two generations of at most half the capacity each; when the young one is full, the
/// old one is dropped. Entries found in the old generation move back to the young one when written again.
final class TwoGenerationMap<Value: Sendable>: Sendable {
    private struct Generations {
        var young: [String: Value] = [:]
        var old: [String: Value] = [:]
    }

    private let state = Locked(Generations())
    private let generationSize: Int

    init(maximumEntries: Int) {
        generationSize = max(1, maximumEntries / 2)
    }

    /// Under one lock: hands `decide` the value stored for `key` (if any), stores the value it returns (if any) and
    /// returns its result.
    func update<Result>(_ key: String, _ decide: (Value?) -> (store: Value?, result: Result)) -> Result {
        state.withLock { state in
            let (store, result) = decide(state.young[key] ?? state.old[key])
            if let store {
                if state.young[key] == nil, state.young.count >= generationSize {
                    state.old = state.young
                    state.young = [:]
                    state.young.reserveCapacity(generationSize)
                }
                state.young[key] = store
            }
            return result
        }
    }

    /// The value stored for `key`.
    subscript(key: String) -> Value? { update(key) { (nil, $0) } }
}

/// The proof `jti` values seen recently, per key, so that a captured proof cannot be sent again (RFC 9449 §11.1).
///
/// Bounded (``TwoGenerationMap``). An entry also expires when its proof leaves the accepted `iat` window, after which
/// the proof is refused for its age anyway. Per process: servers behind a load balancer each keep their own (see
/// the security model article).
final class DPoPReplayCache: Sendable {
    private let seen: TwoGenerationMap<Double>

    init(maximumEntries: Int) {
        seen = TwoGenerationMap(maximumEntries: maximumEntries)
    }

    /// Records the proof `jti` of the key with `thumbprint`, kept until `expiresAt` (seconds since 1970); `false`
    /// when it was already recorded and has not expired: a replay.
    func insert(jti: String, thumbprint: String, expiresAt: Double, now: Double) -> Bool {
        seen.update(thumbprint + " " + jti) { until in
            if let until, until > now { return (nil, false) }
            return (expiresAt, true)
        }
    }
}
