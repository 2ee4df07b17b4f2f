/// HMAC signatures (RFC 7518 §3.2) with a secret shorter than the hash output, which ``JWSKey`` refuses (RFC 7518
/// §3.2 requires at least the hash length). Only for reproducing and reading legacy tokens, behind the explicit
/// `insecureShortHMACSecret` opt-ins of OIDCMessages; it shares ``JWSKey``'s HMAC and constant-time comparison.
package struct InsecureShortHMAC: Sendable {
    private let secret: HMACSecret

    /// Keys HMAC with `secret`, which may be as short as one byte.
    /// - Throws: ``ErrorCode/weakKey`` for an empty secret.
    package init(secret: [UInt8]) throws(JOSEError) {
        self.secret = try HMACSecret(bytes: secret, allowsShortSecret: true)
    }

    /// The MAC of `signingInput` with the hash of `algorithm` (HS256, HS384 or HS512).
    package func sign(_ signingInput: [UInt8], algorithm: JWSAlgorithm) throws(JOSEError) -> [UInt8] {
        let digest = try Self.digest(algorithm)
        return try signingInput.withUnsafeBytes { message in
            Result { () throws(JOSEError) in try secret.mac(message, digest: digest) }
        }.get()
    }

    /// Checks `signature` against the MAC of `signingInput` in constant time.
    /// - Throws: ``ErrorCode/invalidSignature`` when it does not match.
    package func verify(signature: [UInt8], for signingInput: [UInt8], algorithm: JWSAlgorithm) throws(JOSEError) {
        let digest = try Self.digest(algorithm)
        let valid = try signingInput.withUnsafeBytes { message in
            signature.withUnsafeBytes { tag in
                Result { () throws(JOSEError) in try secret.verify(tag: tag, message: message, digest: digest) }
            }
        }.get()
        guard valid else { throw JOSEError(.invalidSignature, "The signature is invalid") }
    }

    private static func digest(_ algorithm: JWSAlgorithm) throws(JOSEError) -> Digest {
        guard algorithm.family == .hmac, let digest = algorithm.digest else {
            throw JOSEError(.keyAlgorithmMismatch, "The key type does not match the algorithm")
        }
        return digest
    }
}
