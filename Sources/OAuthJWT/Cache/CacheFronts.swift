import JOSE

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Small per-thread copies of the verified-token cache's hits, so that threads repeating the same tokens do not
/// share a lock or a reference count.
///
/// With one table, every hit takes its lock and retains its entry and token: on two cores the cache line of each
/// moves between the cores on every hit, and two threads together answered no more hits than one. Here each thread
/// has a front of its own (see ``ThreadNumber``); a front holds its own copy of each token it hit (a `VerifiedJWT` whose storage is
/// its own, around the same header, claims and key), so a repeated hit touches only memory its thread uses. Threads
/// that share a front (more threads than fronts) only contend as the single table did.
///
/// A front entry answers only while everything the shared entry was trusted for still holds: the time claims at
/// `now`, the entry's expiry, and the key source's `keysVersion` it was confirmed under. Anything else goes to the
/// shared table, which decides (and removes) as before. The shared table alone counts entries for its bound; each
/// front holds at most `capacity` copies and is emptied when full.
///
/// A front also remembers the last `Authorization` field value whose token it answered, with that token's entry: a
/// request that repeats the value byte for byte is answered from it, under the same checks, without extracting,
/// copying or hashing its token (``repeatedHit(for:now:keysVersion:timeRules:)``).
final class CacheFronts: Sendable {
    struct Entry {
        let hit: VerifiedTokenCache.Hit
        let times: ClaimTimes
        let expiresAt: Double
        let keysVersion: UInt64

        /// Whether the entry may still answer at `now` under the key source's `keysVersion`.
        func answers(now: Double, keysVersion: UInt64, timeRules: ClaimTimeRules) -> Bool {
            now < expiresAt && self.keysVersion == keysVersion && timeRules.violation(of: times, at: now) == nil
        }
    }

    /// What one thread's front holds.
    struct Front {
        /// The tokens this front answered.
        var tokens: [CachedTokenKey: Entry] = [:]
        /// The last `Authorization` field value whose token this front answered, and that token's entry.
        var credential: (value: String, entry: Entry)?
    }

    private let fronts: [Locked<Front>]
    /// `fronts.count - 1`; the count is a power of two.
    private let mask: UInt
    private let capacity: Int

    /// - Parameters:
    ///   - threads: how many threads are expected to decide at once (the number of cores); twice as many fronts
    ///     are made, so that threads seldom share one.
    ///   - capacity: the most tokens one front holds.
    init(threads: Int = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), capacity: Int) {
        var count = 1
        while count < min(max(threads, 1) * 2, 64) { count *= 2 }
        fronts = (0..<count).map { _ in Locked(Front()) }
        mask = UInt(count - 1)
        self.capacity = max(capacity, 1)
    }

    /// The calling thread's hit for `token`, when its front holds one that is still good at `now` under
    /// `keysVersion`; an entry that is not is dropped. A hit is remembered as the answer for `credential`, the
    /// `Authorization` field value the token was found in, when there is one.
    func hit(
        for token: CachedTokenKey, now: Double, keysVersion: UInt64, timeRules: ClaimTimeRules, credential: String?
    ) -> VerifiedTokenCache.Hit? {
        front.withLock { front in
            guard let entry = front.tokens[token] else { return nil }
            guard entry.answers(now: now, keysVersion: keysVersion, timeRules: timeRules) else {
                front.tokens[token] = nil
                return nil
            }
            if let credential { front.credential = (credential, entry) }
            return entry.hit
        }
    }

    /// The calling thread's hit for the token of the `Authorization` field value `credential`, when it is the value
    /// its front answered last and that answer is still good at `now` under `keysVersion` (otherwise it is
    /// forgotten).
    func repeatedHit(for credential: String, now: Double, keysVersion: UInt64, timeRules: ClaimTimeRules)
        -> VerifiedTokenCache.Hit?
    {
        front.withLock { front in
            guard let remembered = front.credential, remembered.value.hasSameBytes(as: credential) else { return nil }
            guard remembered.entry.answers(now: now, keysVersion: keysVersion, timeRules: timeRules) else {
                front.credential = nil
                return nil
            }
            return remembered.entry.hit
        }
    }

    /// Copies a shared entry that just answered a hit into the calling thread's front, as the answer for
    /// `credential` too when there is one.
    func remember(
        _ token: CachedTokenKey, _ shared: VerifiedTokenCache.Entry, keysVersion: UInt64, credential: String?
    ) {
        let verified = shared.verified
        let entry = Entry(
            hit: VerifiedTokenCache.Hit(
                accessToken: AccessToken(
                    VerifiedJWT(header: verified.header, claims: verified.claims, key: verified.key)),
                settled: shared.settled),
            times: shared.times, expiresAt: shared.expiresAt, keysVersion: keysVersion)
        front.withLock { front in
            if front.tokens.count >= capacity { front.tokens.removeAll(keepingCapacity: true) }
            front.tokens[token] = entry
            if let credential { front.credential = (credential, entry) }
        }
    }

    /// The front of the calling thread: threads are numbered in the order they first ask, so the first
    /// `fronts.count` threads each have one of their own (a hash of thread identities put two threads on one front
    /// in a quarter of the processes with four fronts).
    private var front: Locked<Front> {
        fronts[ThreadNumber.current & Int(mask)]
    }
}

/// A number for each thread, given in the order threads first ask for one and kept in thread-specific data.
enum ThreadNumber {
    /// The thread-specific key (one per process), or `nil` when the process has none left: then every thread is
    /// number 0. The value stored is the number plus one, so that `nil` means none given yet.
    private static let key: pthread_key_t? = {
        var key = pthread_key_t()
        return pthread_key_create(&key, nil) == 0 ? key : nil
    }()
    private static let next = Locked(0)

    /// The calling thread's number.
    static var current: Int {
        guard let key else { return 0 }
        if let stored = pthread_getspecific(key) { return Int(bitPattern: stored) - 1 }
        let number = next.withLock { next in
            defer { next += 1 }
            return next
        }
        pthread_setspecific(key, UnsafeRawPointer(bitPattern: number + 1))
        return number
    }
}
