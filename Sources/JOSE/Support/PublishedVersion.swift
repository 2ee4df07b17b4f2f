import CJWTOpenSSL

/// A version number with a deadline, published by one writer at a time and read by any thread without a lock: a
/// sequence lock over two atomic words.
///
/// Readers only load, so a value read on every request stays in every core's cache instead of moving between
/// cores as a lock's word does. `@unchecked Sendable`: the words are only accessed through the atomic operations
/// of `CJWTOpenSSL`, and writers are serialized by their caller.
package final class PublishedVersion: @unchecked Sendable {
    /// `[sequence, deadline]`. The sequence is odd while a publication is under way; the version is half of it.
    private let words: UnsafeMutablePointer<UInt64>

    /// Nothing published: every read answers `nil` until the first `publish(deadline:)`.
    package init() {
        words = .allocate(capacity: 2)
        words.initialize(repeating: 0, count: 2)
    }

    deinit {
        words.deallocate()
    }

    /// Publishes a new version, valid while the reader's `now` is before `deadline`. Calls must not overlap: make
    /// them under the lock that guards what the version stands for.
    package func publish(deadline: Int64) {
        let sequence = cjwt_atomic_load_acquire(words)
        cjwt_atomic_store_relaxed(words, sequence &+ 1)
        cjwt_atomic_fence_release()
        cjwt_atomic_store_relaxed(words + 1, UInt64(bitPattern: deadline))
        cjwt_atomic_store_release(words, sequence &+ 2)
    }

    /// The version published last, when `now` is before its deadline; `nil` before the first publication, past
    /// the deadline, or while a publication is under way.
    package func version(at now: Int64) -> UInt64? {
        let before = cjwt_atomic_load_acquire(words)
        guard before != 0, before & 1 == 0 else { return nil }
        let deadline = Int64(bitPattern: cjwt_atomic_load_acquire(words + 1))
        guard cjwt_atomic_load_acquire(words) == before, now < deadline else { return nil }
        return before / 2
    }
}
