#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A value guarded by a `pthread` mutex: the one lock of every module, example and test in this package.
///
/// Not `Synchronization.Mutex`, which needs macOS 15 (this package supports macOS 14), and not a NIO lock, so the
/// lower layers do not depend on SwiftNIO. ThreadSanitizer understands `pthread` mutexes, so races are reported only
/// where they exist. `@unchecked Sendable`: `value` is read and written only inside `withLock(_:)`, which holds the
/// mutex for the whole access; the mutex lives at a fixed heap address for the object's lifetime, as pthreads require.
package final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    /// Makes the object 128 bytes or more, so that two locks' objects never share a cache line: threads retain the
    /// lock they use (its reference count is written on every use), and locks used by different threads, such as the
    /// verified-token cache's per-thread fronts, are made one after the other.
    private let padding:
        (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)

    /// Guards `value`.
    package init(_ value: Value) {
        self.value = value
        // On a cache line (and its neighbour, which processors fetch in pairs) of its own: locks that different
        // threads take, such as the verified-token cache's per-thread fronts, would otherwise share lines and move
        // them between cores on every lock and unlock.
        mutex = UnsafeMutableRawPointer.allocate(
            byteCount: max(MemoryLayout<pthread_mutex_t>.size, Self.lineSpan), alignment: Self.lineSpan
        ).bindMemory(to: pthread_mutex_t.self, capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        #if canImport(Glibc)
            // Spins briefly before sleeping: the sections guarded here are short, and a sleep and wake (two
            // system calls) costs far more than the wait it replaces.
            var attributes = pthread_mutexattr_t()
            pthread_mutexattr_init(&attributes)
            pthread_mutexattr_settype(&attributes, Int32(PTHREAD_MUTEX_ADAPTIVE_NP))
            pthread_mutex_init(mutex, &attributes)
            pthread_mutexattr_destroy(&attributes)
        #else
            pthread_mutex_init(mutex, nil)
        #endif
    }

    /// Two 64-byte cache lines.
    private static var lineSpan: Int { 128 }

    /// Guards an empty array.
    package convenience init<Element>() where Value == [Element] { self.init([]) }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        UnsafeMutableRawPointer(mutex).deallocate()
    }

    /// Runs `body` with exclusive access to the value. `body` must not call back into this lock.
    package func withLock<Result, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure)
        -> Result
    {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
