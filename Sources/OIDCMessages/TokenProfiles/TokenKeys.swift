public import JOSE

/// The key ``TokenProfile/toJWT(_:key:options:)`` signs with.
public enum TokenSigningKey: Sendable {
    /// A private key or an HMAC secret of at least the hash length.
    case key(JWSKey)
    /// An HMAC secret of any length, including the short secrets `JWSKey` refuses (such as the `"secret"` of
    /// the original's test vectors). **Insecure**: only for reproducing or reading legacy tokens.
    case insecureShortHMACSecret([UInt8])
    /// No key: only for `algorithm: "none"` with ``TokenSignOptions/allowUnsecured``.
    case unsecured
}

/// Where ``TokenProfile/fromJWT(_:key:options:)`` gets the verification key.
public enum TokenVerificationKey: Sendable {
    /// One public key or HMAC secret.
    case key(JWSKey)
    /// A key source, such as a ``KeyJar`` (chosen by the token's `iss`, `kid` and `alg`) or a remote JWKS.
    case keySource(any KeySource)
    /// An HMAC secret of any length. **Insecure**: only for legacy tokens.
    case insecureShortHMACSecret([UInt8])
    /// No key: only an unsecured token with ``TokenVerifyOptions/allowUnsecured`` can pass.
    case none
}
