/// Signs JWTs.
public enum JWTSigner {
    /// Signs `claims` with `key`.
    /// - Parameters:
    ///   - claims: the payload.
    ///   - key: a private key (or HMAC secret) that can sign with the algorithm.
    ///   - algorithm: the algorithm; defaults to the key's own ``JWSKey/algorithm``.
    ///   - type: the header `typ`, for example `JWT` or `at+jwt`; `nil` for none.
    ///   - extraHeader: more header members.
    /// - Throws: ``ErrorCode/unsupportedAlgorithm`` when no algorithm is given or bound to the key, and the
    ///   errors of ``JWSKey/sign(_:algorithm:)``.
    public static func sign(
        _ claims: JWTClaims, with key: JWSKey, algorithm: JWSAlgorithm? = nil, type: String? = "JWT",
        extraHeader: [String: JSONValue] = [:]
    ) throws(JOSEError) -> String {
        guard let algorithm = algorithm ?? key.algorithm else {
            throw JOSEError(.unsupportedAlgorithm, "No signing algorithm given and none bound to the key")
        }
        var header = extraHeader
        if let type { header["typ"] = .string(type) }
        return try CompactJWS.sign(payload: claims.json, algorithm: algorithm, key: key, extraHeader: header)
    }
}
