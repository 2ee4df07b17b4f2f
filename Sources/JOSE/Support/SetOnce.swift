import CJWTOpenSSL

/// A reference set at most once and then read by any thread without a lock: one atomic word holding the object's
/// address, retained for the life of this box.
///
/// For what is read on every request and written once, such as the key set an issuer's discovery found: a lock's
/// word is written by every reader and moves between cores, where an atomic load leaves the line shared.
/// `@unchecked Sendable`: the word is only accessed through the atomic operations of `CJWTOpenSSL`, and the object
/// it names is `Sendable`.
package final class SetOnce<Object: AnyObject & Sendable>: @unchecked Sendable {
    /// The retained object's address, or 0 before it is set.
    private let word: UnsafeMutablePointer<UInt64>

    /// Nothing set yet.
    package init() {
        word = .allocate(capacity: 1)
        word.initialize(to: 0)
    }

    deinit {
        if let pointer = UnsafeRawPointer(bitPattern: UInt(cjwt_atomic_load_acquire(word))) {
            Unmanaged<Object>.fromOpaque(pointer).release()
        }
        word.deallocate()
    }

    /// Sets `object` unless an object is set already.
    /// - Returns: whether this call set it.
    @discardableResult
    package func set(_ object: Object) -> Bool {
        let retained = Unmanaged.passRetained(object)
        let address = UInt64(UInt(bitPattern: retained.toOpaque()))
        if cjwt_atomic_compare_exchange(word, 0, address) { return true }
        retained.release()
        return false
    }

    /// The object, or `nil` before it is set.
    package var object: Object? {
        guard let pointer = UnsafeRawPointer(bitPattern: UInt(cjwt_atomic_load_acquire(word))) else { return nil }
        return Unmanaged<Object>.fromOpaque(pointer).takeUnretainedValue()
    }
}
