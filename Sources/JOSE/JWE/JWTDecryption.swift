/// How a ``JWTVerifier`` handles encrypted tokens: a JWE whose plaintext is a signed JWT (a nested token, RFC 7519
/// §5.2 and §11.2) is decrypted with these keys, then verified like any other token.
///
/// An encrypted token whose plaintext is not a compact JWS (an encrypted but unsigned JWT) is never accepted:
/// encryption says who may read a token, not who issued it.
public struct JWTDecryption: Sendable {
    /// Decrypts the outer JWE: the keys, the `alg` and `enc` allow-lists and the size limits.
    public var decrypter: JWEDecrypter
    /// Whether plain (unencrypted) tokens are refused with ``ErrorCode/encryptionRequired``. Default: `false`.
    public var isRequired: Bool

    /// Decryption with `keys` and the default allow-lists and limits of ``JWEDecrypter``.
    public init(keys: [JWEKey], isRequired: Bool = false) {
        self.init(decrypter: JWEDecrypter(keys: keys), isRequired: isRequired)
    }

    /// Decryption with a configured decrypter.
    public init(decrypter: JWEDecrypter, isRequired: Bool = false) {
        self.decrypter = decrypter
        self.isRequired = isRequired
    }

    /// The signed JWT inside `token` when it is a JWE, or `token` itself.
    /// - Throws: ``ErrorCode/encryptionRequired`` for a plain token when encryption is required, the
    ///   ``JWEDecrypter`` errors, or ``ErrorCode/encryptedTokenNotSigned`` when the plaintext is not a compact JWS.
    func signedToken(in token: some StringProtocol) throws(JOSEError) -> String? {
        guard CompactJWE.isCompactJWE(token) else {
            if isRequired { throw JOSEError(.encryptionRequired, "Only encrypted tokens are accepted") }
            return nil
        }
        let decrypted = try decrypter.decrypt(token)
        guard let inner = String(validating: decrypted.plaintext, as: UTF8.self),
            CompactSerialization.isJWS(inner)
        else { throw JOSEError(.encryptedTokenNotSigned, "An encrypted token must contain a signed JWT") }
        return inner
    }
}
