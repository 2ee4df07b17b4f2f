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
    /// One verified token. A class, so a lookup hands out one reference instead of copying (and retaining) every
    /// array and dictionary of the parsed token under the lock.
    ///
    /// `@unchecked Sendable`: `keysVersion`, the one mutable property, is read and written only under the cache's
    /// lock.
    final class Entry: @unchecked Sendable {
        /// The parsed token, for asking the key source again whether the key is still served.
        let token: UnverifiedJWT
        /// The verification result.
        let verified: VerifiedJWT
        /// Which key verified it.
        let key: KeyFingerprint
        /// When the entry must be gone: the token's `exp` or the policy's lifetime, whichever comes first
        /// (seconds since the epoch).
        let expiresAt: Double
        /// The token's time claims, checked again on every use.
        let times: ClaimTimes
        /// The verification result as the authenticator hands it out (wrapping the same reference).
        var accessToken: AccessToken { AccessToken(verified) }
        /// What the authenticator's own requirement and the token's confirmation say, worked out once.
        let settled: Settled
        /// The key source's `keysVersion` under which the key was last known to be served, or `nil`.
        fileprivate(set) var keysVersion: UInt64?

        init(
            token: UnverifiedJWT, verified: VerifiedJWT, times: ClaimTimes, key: KeyFingerprint, expiresAt: Double,
            settled: Settled, keysVersion: UInt64?
        ) {
            self.token = token
            self.verified = verified
            self.key = key
            self.expiresAt = expiresAt
            self.times = times
            self.settled = settled
            self.keysVersion = keysVersion
        }
    }

    /// The checks of a cached token whose answer depends on its claims alone, so a hit need not repeat them.
    struct Settled: Sendable {
        /// The token has no confirmation (`cnf`): it is a plain bearer token.
        var isUnbound: Bool
        /// The token meets the scopes and claim rules of the authenticator's own requirement.
        var meetsClaimRules: Bool
    }

    /// A cache hit: the token, and what was settled about it.
    struct Hit {
        let accessToken: AccessToken
        let settled: Settled
    }

    /// What ``lookup(_:now:keysVersion:timeRules:)`` found.
    enum Lookup {
        /// A live entry whose time claims hold and whose key is still served under the same key version: the
        /// token, with nothing left to check.
        case hit(Hit)
        /// A live entry that needs the full checks (its time claims fail, or the key must be asked about again).
        case recheck(Entry)
        /// Nothing live.
        case miss
    }

    private struct Generations {
        var young: [CachedTokenKey: Entry] = [:]
        var old: [CachedTokenKey: Entry] = [:]
    }

    private let state = Locked(Generations())
    /// Per-thread copies of hits.
    private let fronts: CacheFronts
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
        fronts = CacheFronts(capacity: min(maximumEntries, 1024))
        let (seconds, attoseconds) = lifetime.components
        self.lifetime = Double(seconds) + Double(attoseconds) / 1e18
    }

    /// The live entry for `token`, or `nil`. An entry past its expiry is removed, never returned.
    func entry(for token: String, now: Double) -> Entry? {
        let token = CachedTokenKey(token)
        return state.withLock { liveEntry(for: token, now: now, in: &$0) }
    }

    /// Looks `token` up and, for a live entry, decides whether it is a hit: its time claims hold at `now` under
    /// `timeRules`, and the key source's current `keysVersion` is the one the entry's key was served under. The
    /// calling thread's front answers first (see ``CacheFronts``); a hit from the shared table is copied into it.
    func lookup(_ token: String, now: Double, keysVersion: UInt64?, timeRules: ClaimTimeRules) -> Lookup {
        let token = CachedTokenKey(token)
        // A key source without versions is asked on every use: only the shared table answers for it.
        guard let keysVersion else {
            return state.withLock { state in liveEntry(for: token, now: now, in: &state).map(Lookup.recheck) ?? .miss }
        }
        if let hit = fronts.hit(for: token, now: now, keysVersion: keysVersion, timeRules: timeRules) {
            return .hit(hit)
        }
        let found = state.withLock { state -> (entry: Entry, isHit: Bool)? in
            guard let entry = liveEntry(for: token, now: now, in: &state) else { return nil }
            return (entry, entry.keysVersion == keysVersion && timeRules.violation(of: entry.times, at: now) == nil)
        }
        guard let found else { return .miss }
        guard found.isHit else { return .recheck(found.entry) }
        fronts.remember(token, found.entry, keysVersion: keysVersion)
        return .hit(Hit(accessToken: found.entry.accessToken, settled: found.entry.settled))
    }

    /// Records that `entry`'s key was found served under `keysVersion`, so the next lookups are hits.
    func confirm(_ entry: Entry, keysVersion: UInt64) {
        state.withLock { _ in entry.keysVersion = keysVersion }
    }

    private func liveEntry(for token: CachedTokenKey, now: Double, in state: inout Generations) -> Entry? {
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

    /// Remembers a verification that succeeded at `now`, with the key source's `keysVersion` read before the keys
    /// were asked for. Tokens without a usable key fingerprint are not cached.
    func insert(
        _ token: String, verified: VerifiedJWT, parsed: UnverifiedJWT, now: Double, settled: Settled,
        keysVersion: UInt64?
    ) {
        guard let key = KeyFingerprint(verified.key) else { return }
        let times = ClaimTimes(verified.claims)
        let expiresAt = min(now + lifetime, times.expiration ?? .infinity)
        guard now < expiresAt else { return }
        let entry = Entry(
            token: parsed, verified: verified, times: times, key: key, expiresAt: expiresAt, settled: settled,
            keysVersion: keysVersion)
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
