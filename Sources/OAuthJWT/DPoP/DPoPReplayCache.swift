import JOSE

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
