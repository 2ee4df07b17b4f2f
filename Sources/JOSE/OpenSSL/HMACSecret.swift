import CJWTOpenSSL

/// An HMAC secret with one keyed OpenSSL MAC context per usable digest, prepared when the key is made.
///
/// Each MAC is computed on a duplicate of the prepared context, so the secret is keyed into HMAC once rather than
/// on every verification.
///
/// `@unchecked Sendable`: the template contexts are created in `init`, never used directly afterwards (only
/// duplicated, which reads them) and freed in `deinit`; the secret bytes are immutable.
final class HMACSecret: @unchecked Sendable {
    let bytes: [UInt8]
    private let templates: [OpaquePointer?]  // indexed like `Digest.index`

    init(bytes: [UInt8]) throws(JOSEError) {
        self.bytes = bytes
        var templates = [OpaquePointer?]()
        for digest in [Digest.sha256, .sha384, .sha512] {
            guard bytes.count >= digest.size else {
                templates.append(nil)
                continue
            }
            templates.append(try Self.makeTemplate(secret: bytes, digest: digest))
        }
        self.templates = templates
    }

    deinit {
        for template in templates { EVP_MAC_CTX_free(template) }
    }

    private static func makeTemplate(secret: [UInt8], digest: Digest) throws(JOSEError) -> OpaquePointer {
        guard let context = EVP_MAC_CTX_new(FetchedAlgorithms.shared.hmac) else {
            throw OpenSSLFailure.error("Could not create an HMAC context")
        }
        let ok = digest.name.withCString { name in
            var params = [
                OSSL_PARAM_construct_utf8_string("digest", UnsafeMutablePointer(mutating: name), 0),
                OSSL_PARAM_construct_end(),
            ]
            return secret.withUnsafeBufferPointer { key in
                EVP_MAC_init(context, key.baseAddress, key.count, &params) == 1
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
        guard let template = templates[digest.index] else {
            throw JOSEError(.weakKey, "The HMAC secret is shorter than the hash output")
        }
        guard let context = EVP_MAC_CTX_dup(template) else {
            throw OpenSSLFailure.error("Could not create an HMAC context")
        }
        defer { EVP_MAC_CTX_free(context) }
        var output = [UInt8](repeating: 0, count: digest.size)
        var length = 0
        let ok =
            EVP_MAC_update(context, message.baseAddress?.assumingMemoryBound(to: UInt8.self), message.count) == 1
            && EVP_MAC_final(context, &output, &length, output.count) == 1
        guard ok, length == digest.size else { throw OpenSSLFailure.error("HMAC computation failed") }
        return output
    }

    /// Verifies `tag` against the MAC of `message` in constant time.
    func verify(tag: UnsafeRawBufferPointer, message: UnsafeRawBufferPointer, digest: Digest) throws(JOSEError) -> Bool
    {
        let expected = try mac(message, digest: digest)
        guard tag.count == expected.count, let tagBase = tag.baseAddress else { return false }
        return CRYPTO_memcmp(tagBase, expected, expected.count) == 0
    }
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
