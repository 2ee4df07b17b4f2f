import CJWTOpenSSL

/// An HMAC secret with its keyed digest states prepared once.
///
/// HMAC's inner and outer digest states after absorbing the padded key (RFC 2104) are computed when the secret is
/// made, for each digest the secret is long enough for. A computation copies them on the stack: no allocation, no
/// lock, and the secret is never hashed again.
///
/// `@unchecked Sendable`: the secret bytes and the prepared states are immutable after `init`; computations only
/// read them.
final class HMACSecret: @unchecked Sendable {
    let bytes: [UInt8]
    /// Whether secrets shorter than the hash output are accepted (`InsecureShortHMAC` only).
    private let allowsShortSecret: Bool
    /// One prepared state per digest, indexed like `Digest.index`; `nil` where the secret is too short.
    private let states: [UnsafeMutablePointer<cjwt_hmac_state>?]

    init(bytes: [UInt8], allowsShortSecret: Bool = false) throws(JOSEError) {
        guard !bytes.isEmpty else { throw JOSEError(.weakKey, "The HMAC secret is empty") }
        self.bytes = bytes
        self.allowsShortSecret = allowsShortSecret
        states = [Digest.sha256, .sha384, .sha512].map { digest in
            guard allowsShortSecret || bytes.count >= digest.size else { return nil }
            let state = UnsafeMutablePointer<cjwt_hmac_state>.allocate(capacity: 1)
            // Cannot fail: the size is one of the three the function knows.
            _ = bytes.withUnsafeBufferPointer { cjwt_hmac_prepare(state, digest.bits, $0.baseAddress, $0.count) }
            return state
        }
    }

    deinit {
        for case let state? in states {
            OPENSSL_cleanse(state, MemoryLayout<cjwt_hmac_state>.size)
            state.deallocate()
        }
    }

    /// Computes the MAC of `message`.
    func mac(_ message: UnsafeRawBufferPointer, digest: Digest) throws(JOSEError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: digest.size)
        try output.withUnsafeMutableBufferPointer { buffer throws(JOSEError) in
            try mac(message, digest: digest, into: buffer)
        }
        return output
    }

    /// Writes the MAC of `message` into `output`, which holds exactly `digest.size` bytes.
    private func mac(_ message: UnsafeRawBufferPointer, digest: Digest, into output: UnsafeMutableBufferPointer<UInt8>)
        throws(JOSEError)
    {
        guard let state = states[digest.index] else {
            throw JOSEError(.weakKey, "The HMAC secret is shorter than the hash output")
        }
        guard output.count == digest.size, let out = output.baseAddress else {
            throw OpenSSLFailure.error("HMAC computation failed")
        }
        cjwt_hmac_compute(
            state, digest.bits, message.baseAddress?.assumingMemoryBound(to: UInt8.self), message.count, out)
    }

    /// Verifies `tag` against the MAC of `message` in constant time; the expected MAC never leaves the stack.
    func verify(tag: UnsafeRawBufferPointer, message: UnsafeRawBufferPointer, digest: Digest) throws(JOSEError) -> Bool
    {
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: digest.size) { expected throws(JOSEError) in
            try mac(message, digest: digest, into: expected)
            return ConstantTime.equals(tag, UnsafeRawBufferPointer(expected))
        }
    }
}

extension HMACSecret: CustomReflectable {
    /// Nothing: the secret must never be printed.
    var customMirror: Mirror { Mirror(self, children: [:]) }
}

extension Digest {
    var index: Int {
        switch self {
        case .sha256: 0
        case .sha384: 1
        case .sha512: 2
        }
    }

    /// The output size in bits, as the prepared HMAC names the digest.
    var bits: Int32 { Int32(size * 8) }
}
