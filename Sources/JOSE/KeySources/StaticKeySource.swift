/// Keys known in advance: one key, or a local JWKS.
public struct StaticKeySource: KeySource {
    private let keySet: JWKSet
    private let single: Bool

    /// Verifies with one key. A token with a `kid` is accepted only when the key has no `kid` or the same one.
    public init(key: JWSKey) {
        keySet = JWKSet(keys: [key])
        single = true
    }

    /// Verifies with the keys of a set, chosen by ``JWKSet/candidates(for:)``.
    public init(keySet: JWKSet) {
        self.keySet = keySet
        single = false
    }

    /// The candidate keys for the token; see `candidates(for:)`.
    public func keys(for token: UnverifiedJWT) async throws(JOSEError) -> [JWSKey] {
        try candidates(for: token.header)
    }

    /// The same candidates as `keys(for:)`, or `nil` when it would throw: a fixed key set never needs to wait.
    public func immediateKeys(for token: UnverifiedJWT) -> [JWSKey]? {
        try? candidates(for: token.header)
    }

    /// Always 0: a fixed key set never changes its answers.
    public var keysVersion: UInt64? { 0 }

    /// The synchronous form of `keys(for:)`.
    public func candidates(for header: JWSHeader) throws(JOSEError) -> [JWSKey] {
        let keys: [JWSKey]
        if single, keySet.keys.first?.keyID == nil {
            keys = keySet.keys
        } else {
            keys = keySet.candidates(for: header)
        }
        guard !keys.isEmpty else { throw JOSEError(.noMatchingKey, "No key matches the token") }
        return keys
    }
}
