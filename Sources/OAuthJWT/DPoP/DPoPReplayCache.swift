import JOSE

/// The proof `jti` values seen recently, per key, so that a captured proof cannot be sent again (RFC 9449 §11.1).
///
/// Bounded: two generations of at most half the capacity each; when the young one is full, the old one is dropped.
/// An entry also expires when its proof leaves the accepted `iat` window, after which the proof is refused for its
/// age anyway. Per process: servers behind a load balancer each keep their own (see the security model article).
final class DPoPReplayCache: Sendable {
    private struct Generations {
        var young: [String: Double] = [:]
        var old: [String: Double] = [:]
    }

    private let state = Locked(Generations())
    private let generationSize: Int

    init(maximumEntries: Int) {
        generationSize = max(1, maximumEntries / 2)
    }

    /// Records the proof `jti` of the key with `thumbprint`, kept until `expiresAt` (seconds since 1970); `false`
    /// when it was already recorded and has not expired: a replay.
    func insert(jti: String, thumbprint: String, expiresAt: Double, now: Double) -> Bool {
        let key = thumbprint + " " + jti
        return state.withLock { state in
            if let seen = state.young[key] ?? state.old[key], seen > now { return false }
            if state.young.count >= generationSize {
                state.old = state.young
                state.young = [:]
                state.young.reserveCapacity(generationSize)
            }
            state.young[key] = expiresAt
            return true
        }
    }
}
