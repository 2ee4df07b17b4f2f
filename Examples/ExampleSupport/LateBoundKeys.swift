package import JOSE

/// A key source whose real resolver is set once the server knows its own port (the demo issuer's JWKS URL
/// contains it). Until then the key source is unavailable (503).
package final class LateBoundKeys: KeySource {
    package init() {}

    private let resolver = Locked<(any KeySource)?>(nil)

    package func bind(_ keys: any KeySource) { resolver.withLock { $0 = keys } }

    package func keys(for token: UnverifiedJWT) async throws(JOSEError) -> [JWSKey] {
        guard let keys = resolver.withLock({ $0 }) else {
            throw JOSEError(.keySourceUnavailable, "The server is still starting")
        }
        return try await keys.keys(for: token)
    }

    package func immediateKeys(for token: UnverifiedJWT) -> [JWSKey]? {
        resolver.withLock { $0 }?.immediateKeys(for: token)
    }

    /// The bound source's version, so cache hits skip asking for the keys (see `KeySource.keysVersion`); `nil`
    /// until it is bound. It is bound once, so its numbers never mix with another source's.
    package var keysVersion: UInt64? {
        resolver.withLock { $0 }?.keysVersion
    }
}
