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
final class CacheFronts: Sendable {
    struct Entry {
        let hit: VerifiedTokenCache.Hit
        let times: ClaimTimes
        let expiresAt: Double
        let keysVersion: UInt64
    }

    private let fronts: [Locked<[CachedTokenKey: Entry]>]
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
        fronts = (0..<count).map { _ in Locked([:]) }
        mask = UInt(count - 1)
        self.capacity = max(capacity, 1)
    }

    /// The calling thread's hit for `token`, when its front holds one that is still good at `now` under
    /// `keysVersion`; an entry that is not is dropped.
    func hit(for token: CachedTokenKey, now: Double, keysVersion: UInt64, timeRules: ClaimTimeRules)
        -> VerifiedTokenCache.Hit?
    {
        front.withLock { table in
            guard let entry = table[token] else { return nil }
            guard now < entry.expiresAt, entry.keysVersion == keysVersion,
                timeRules.violation(of: entry.times, at: now) == nil
            else {
                table[token] = nil
                return nil
            }
            return entry.hit
        }
    }

    /// Copies a shared entry that just answered a hit into the calling thread's front.
    func remember(_ token: CachedTokenKey, _ shared: VerifiedTokenCache.Entry, keysVersion: UInt64) {
        let verified = shared.verified
        let entry = Entry(
            hit: VerifiedTokenCache.Hit(
                accessToken: AccessToken(
                    VerifiedJWT(header: verified.header, claims: verified.claims, key: verified.key)),
                settled: shared.settled),
            times: shared.times, expiresAt: shared.expiresAt, keysVersion: keysVersion)
        front.withLock { table in
            if table.count >= capacity { table.removeAll(keepingCapacity: true) }
            table[token] = entry
        }
    }

    /// The front of the calling thread: threads are numbered in the order they first ask, so the first
    /// `fronts.count` threads each have one of their own (a hash of thread identities put two threads on one front
    /// in a quarter of the processes with four fronts).
    private var front: Locked<[CachedTokenKey: Entry]> {
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
