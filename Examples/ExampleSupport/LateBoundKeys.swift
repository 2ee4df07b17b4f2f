package import JOSE

/// A key source whose real resolver is set once the server knows its own port (the demo issuer's JWKS URL
/// contains it). Until then the key source is unavailable (503).
package final class LateBoundKeys: KeySource {
    package init() {}

    /// The bound source, read on every request (``keysVersion`` on every cache hit) without a lock.
    private let resolver = SetOnce<Bound>()

    private final class Bound: Sendable {
        let keys: any KeySource
        init(_ keys: any KeySource) { self.keys = keys }
    }

    /// Binds the real key source; only the first call counts, so the numbers of ``keysVersion`` never mix with
    /// another source's.
    package func bind(_ keys: any KeySource) { resolver.set(Bound(keys)) }

    package func keys(for token: UnverifiedJWT) async throws(JOSEError) -> [JWSKey] {
        guard let keys = resolver.object?.keys else {
            throw JOSEError(.keySourceUnavailable, "The server is still starting")
        }
        return try await keys.keys(for: token)
    }

    package func immediateKeys(for token: UnverifiedJWT) -> [JWSKey]? {
        resolver.object?.keys.immediateKeys(for: token)
    }

    /// The bound source's version, so cache hits skip asking for the keys (see `KeySource.keysVersion`); `nil`
    /// until it is bound.
    package var keysVersion: UInt64? {
        resolver.object?.keys.keysVersion
    }
}
