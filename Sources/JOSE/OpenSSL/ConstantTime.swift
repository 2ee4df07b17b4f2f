import CJWTOpenSSL

/// Comparison of secret bytes (MACs, secrets, padded digests) in time that depends only on their lengths.
package enum ConstantTime {
    /// Whether `left` and `right` hold the same bytes. Buffers of different lengths are unequal at once: the
    /// lengths of MACs and keys are public.
    package static func equals(_ left: UnsafeRawBufferPointer, _ right: UnsafeRawBufferPointer) -> Bool {
        guard left.count == right.count else { return false }
        guard let leftBase = left.baseAddress, let rightBase = right.baseAddress else { return true }
        return CRYPTO_memcmp(leftBase, rightBase, left.count) == 0
    }

    /// Whether `left` and `right` hold the same bytes.
    package static func equals(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        left.withUnsafeBytes { leftBytes in right.withUnsafeBytes { equals(leftBytes, $0) } }
    }
}
