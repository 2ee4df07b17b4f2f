import CoreMetrics
import JOSE

/// A bounded, approximately least-recently-used map from whole tokens (compared byte for byte) to their verification
/// results.
///
/// Two generations: hits and inserts go to the young one; when it is full it becomes the old one and the previous
/// old one is dropped; a hit in the old generation moves the entry back to the young one. So at most
/// `maximumEntries` tokens are held, and an entry that is used survives while unused ones are evicted.
/// Every operation is O(1) under one short lock; no I/O and no `await` ever happens while it is held.
final class VerifiedTokenCache: Sendable {
    /// One verified token. A class, so a hit hands out one reference instead of copying (and retaining) every
    /// array and dictionary of the parsed token under the lock.
    final class Entry: Sendable {
        /// The parsed token, for asking the key source again whether the key is still served.
        let token: UnverifiedJWT
        /// The verification result.
        let verified: VerifiedJWT
        /// Which key verified it.
        let key: KeyFingerprint
        /// When the entry must be gone: the token's `exp` or the policy's lifetime, whichever comes first
        /// (seconds since the epoch).
        let expiresAt: Double

        init(token: UnverifiedJWT, verified: VerifiedJWT, key: KeyFingerprint, expiresAt: Double) {
            self.token = token
            self.verified = verified
            self.key = key
            self.expiresAt = expiresAt
        }
    }

    private struct Generations {
        var young: [CachedTokenKey: Entry] = [:]
        var old: [CachedTokenKey: Entry] = [:]
    }

    private let state = Locked(Generations())
    private let generationSize: Int
    private let keepsOldGeneration: Bool
    /// The policy's lifetime in seconds.
    let lifetime: Double
    /// Counts entries dropped to make room (not expired ones).
    private let evictions: Counter

    init(maximumEntries: Int, lifetime: Duration, evictions: Counter) {
        self.evictions = evictions
        keepsOldGeneration = maximumEntries >= 2
        generationSize = keepsOldGeneration ? maximumEntries / 2 : 1
        let (seconds, attoseconds) = lifetime.components
        self.lifetime = Double(seconds) + Double(attoseconds) / 1e18
    }

    /// The live entry for `token`, or `nil`. An entry past its expiry is removed, never returned.
    func entry(for token: String, now: Double) -> Entry? {
        let token = CachedTokenKey(token)
        return state.withLock { state in
            if let entry = state.young[token] {
                guard now < entry.expiresAt else {
                    state.young[token] = nil
                    return nil
                }
                return entry
            }
            guard let entry = state.old.removeValue(forKey: token), now < entry.expiresAt else { return nil }
            insert(token, entry, into: &state)
            return entry
        }
    }

    /// Remembers a verification that succeeded at `now`. Tokens without a usable key fingerprint are not cached.
    func insert(_ token: String, verified: VerifiedJWT, parsed: UnverifiedJWT, now: Double) {
        guard let key = KeyFingerprint(verified.key) else { return }
        var expiresAt = now + lifetime
        if let expiration = verified.claims["exp"]?.numberValue?.doubleValue { expiresAt = min(expiresAt, expiration) }
        guard now < expiresAt else { return }
        let entry = Entry(token: parsed, verified: verified, key: key, expiresAt: expiresAt)
        state.withLock { insert(CachedTokenKey(token), entry, into: &$0) }
    }

    /// Forgets `token`.
    func remove(_ token: String) {
        let token = CachedTokenKey(token)
        state.withLock { state in
            state.young[token] = nil
            state.old[token] = nil
        }
    }

    /// The number of entries held (expired ones included until they are looked up or evicted).
    var count: Int { state.withLock { $0.young.count + $0.old.count } }

    private func insert(_ token: CachedTokenKey, _ entry: Entry, into state: inout Generations) {
        if state.young[token] == nil, state.young.count >= generationSize {
            let dropped = keepsOldGeneration ? state.old.count : state.young.count
            if dropped > 0 { evictions.increment(by: Int64(dropped)) }
            state.old = keepsOldGeneration ? state.young : [:]
            state.young = [:]
            state.young.reserveCapacity(generationSize)
        }
        state.old[token] = nil
        state.young[token] = entry
    }
}

/// The key that verified a cached token, with the `kid` it was served under.
struct KeyFingerprint: Sendable {
    let keyID: String?
    let key: JWSKey

    init?(_ key: JWSKey) {
        self.keyID = key.keyID
        self.key = key
    }

    /// Whether `candidate` is this key under the same `kid` (compared by bytes).
    func matches(_ candidate: JWSKey) -> Bool {
        let sameID =
            switch (candidate.keyID, keyID) {
            case (nil, nil): true
            case (let a?, let b?): a.hasSameBytes(as: b)
            default: false
            }
        return sameID && candidate.isSameKey(as: key)
    }
}
