import CJWTOpenSSL

/// An HMAC secret whose keyed OpenSSL MAC contexts are kept and reused.
///
/// A context is keyed once, when it is made; afterwards `EVP_MAC_init` with no key only restarts it from the keyed
/// state, so the secret is not hashed into HMAC again on every verification.
///
/// `@unchecked Sendable`: the secret bytes are immutable, and each context is used by one computation at a time:
/// the pools hand a context out exclusively and take it back afterwards.
final class HMACSecret: @unchecked Sendable {
    let bytes: [UInt8]
    /// Whether secrets shorter than the hash output are accepted (`InsecureShortHMAC` only).
    private let allowsShortSecret: Bool
    /// Idle keyed contexts per digest, indexed like `Digest.index`.
    private let pools = [
        Locked<[OpaquePointer]>(), Locked<[OpaquePointer]>(), Locked<[OpaquePointer]>(),
    ]
    private static let maximumIdle = 64

    init(bytes: [UInt8], allowsShortSecret: Bool = false) throws(JOSEError) {
        guard !bytes.isEmpty else { throw JOSEError(.weakKey, "The HMAC secret is empty") }
        self.bytes = bytes
        self.allowsShortSecret = allowsShortSecret
        // Make (and so check) one context per usable digest now, so a key that cannot work fails when it is made.
        for digest in [Digest.sha256, .sha384, .sha512] where allowsShortSecret || bytes.count >= digest.size {
            let context = try makeContext(digest: digest)
            pools[digest.index].withLock { $0.append(context) }
        }
    }

    deinit {
        for pool in pools { pool.withLock { contexts in contexts.forEach { EVP_MAC_CTX_free($0) } } }
    }

    private func makeContext(digest: Digest) throws(JOSEError) -> OpaquePointer {
        guard let context = EVP_MAC_CTX_new(FetchedAlgorithms.shared.hmac) else {
            throw OpenSSLFailure.error("Could not create an HMAC context")
        }
        // Both C strings must stay valid while EVP_MAC_init reads the parameters.
        let ok = "digest".withCString { key in
            digest.name.withCString { name in
                var params = [
                    OSSL_PARAM_construct_utf8_string(key, UnsafeMutablePointer(mutating: name), 0),
                    OSSL_PARAM_construct_end(),
                ]
                return bytes.withUnsafeBufferPointer { secret in
                    EVP_MAC_init(context, secret.baseAddress, secret.count, &params) == 1
                }
            }
        }
        guard ok else {
            EVP_MAC_CTX_free(context)
            throw OpenSSLFailure.error("Could not key the HMAC context")
        }
        return context
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
        guard allowsShortSecret || bytes.count >= digest.size else {
            throw JOSEError(.weakKey, "The HMAC secret is shorter than the hash output")
        }
        let pool = pools[digest.index]
        let context: OpaquePointer
        if let idle = pool.withLock({ $0.popLast() }) {
            // Restart from the keyed state: a NULL key keeps the key already set.
            guard EVP_MAC_init(idle, nil, 0, nil) == 1 else {
                EVP_MAC_CTX_free(idle)
                throw OpenSSLFailure.error("Could not restart the HMAC context")
            }
            context = idle
        } else {
            context = try makeContext(digest: digest)
        }
        var length = 0
        let ok =
            output.count == digest.size
            && EVP_MAC_update(context, message.baseAddress?.assumingMemoryBound(to: UInt8.self), message.count) == 1
            && EVP_MAC_final(context, output.baseAddress, &length, output.count) == 1
        guard ok, length == digest.size else {
            EVP_MAC_CTX_free(context)
            throw OpenSSLFailure.error("HMAC computation failed")
        }
        let kept = pool.withLock { contexts in
            guard contexts.count < Self.maximumIdle else { return false }
            contexts.append(context)
            return true
        }
        if !kept { EVP_MAC_CTX_free(context) }
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
}
