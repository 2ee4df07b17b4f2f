import CJWTOpenSSL

extension JWSKey {
    /// Generates a new private key for `algorithm`: RSA of `rsaBits` bits for `RS*`/`PS*`, the algorithm's curve
    /// for `ES*`, Ed25519 for `EdDSA`, and a random secret as long as the hash output for `HS*`.
    ///
    /// The key is bound to `algorithm` (its `algorithm` is set); set it to `nil` to use the key with other
    /// algorithms of its type.
    public static func generate(for algorithm: JWSAlgorithm, keyID: String? = nil, rsaBits: Int = 2048)
        throws(JOSEError)
        -> JWSKey
    {
        let key: EVPKey
        switch algorithm.family {
        case .hmac:
            let size = algorithm.digest?.size ?? Digest.sha256.size
            return try JWSKey(hmacSecret: try KeyFactory.randomBytes(size), keyID: keyID, algorithm: algorithm)
        case .rsaPKCS1, .rsaPSS:
            guard rsaBits >= 2048, rsaBits <= maximumRSABits else {
                throw JOSEError(.weakKey, "RSA keys must have between 2048 and 16384 bits")
            }
            key = try KeyFactory.generate(keyType: "RSA") { EVP_PKEY_CTX_set_rsa_keygen_bits($0, Int32(rsaBits)) == 1 }
        case .ecdsa(let curve):
            key = try KeyFactory.generate(keyType: "EC") {
                EVP_PKEY_CTX_set_group_name($0, curve.openSSLGroupName) == 1
            }
        case .ed25519:
            key = try KeyFactory.generate(keyType: "ED25519") { _ in true }
        }
        return try JWSKey(asymmetric: key, isPrivate: true, keyID: keyID, algorithm: algorithm)
    }
}
