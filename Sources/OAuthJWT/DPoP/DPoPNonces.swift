public import JOSE

/// Server-provided DPoP nonces (RFC 9449 §9): a proof must carry a recent `nonce` the server handed out, so a proof
/// cannot be made ahead of time.
///
/// Stateless: a nonce is an HMAC of the current time window under a secret, and a nonce of the current or the
/// previous window is accepted. Servers that share the secret share the nonces, so a fleet behind a load balancer
/// needs no shared store for them.
///
/// A proof without a valid nonce gets 401 `error="use_dpop_nonce"` with a fresh nonce in the `DPoP-Nonce` header;
/// the client retries with it.
public struct DPoPNonces: Sendable, Hashable {
    private let key: JWSKey
    /// How long one nonce stays current (it is accepted for up to twice as long).
    public let window: Duration
    private let clock: JWTClock

    /// Nonces keyed with `secret` (at least 32 bytes, kept private and shared by every server that must accept the
    /// same nonces), changing every `window`.
    /// - Throws: `JOSEError.Code.weakKey` for a secret shorter than 32 bytes.
    public init(secret: [UInt8], window: Duration = .seconds(300), clock: JWTClock = .system) throws(JOSEError) {
        key = try JWSKey(hmacSecret: secret, algorithm: .hs256)
        self.window = max(window, .seconds(1))
        self.clock = clock
    }

    /// The nonce to hand out now.
    public func current() -> String { nonce(forWindow: windowIndex(clock.secondsSinceEpoch)) }

    /// Whether `nonce` is the current window's or the previous one's.
    public func accepts(_ nonce: String) -> Bool {
        let index = windowIndex(clock.secondsSinceEpoch)
        let sent = Array(nonce.utf8)
        return [index, index - 1].contains { ConstantTime.equals(Array(self.nonce(forWindow: $0).utf8), sent) }
    }

    private func windowIndex(_ seconds: Double) -> Int64 {
        Int64((seconds / window.inSeconds).rounded(.down))
    }

    private func nonce(forWindow index: Int64) -> String {
        let message = Array("dpop-nonce \(index)".utf8)
        return Base64URL.encode((try? key.sign(message, algorithm: .hs256)) ?? [])
    }

    /// Nonces from the same secret and window compare equal.
    public static func == (left: DPoPNonces, right: DPoPNonces) -> Bool {
        left.window == right.window && left.key.isSameKey(as: right.key)
    }

    /// Hashes the window only (the secret stays out of hash values).
    public func hash(into hasher: inout Hasher) { hasher.combine(window) }
}
