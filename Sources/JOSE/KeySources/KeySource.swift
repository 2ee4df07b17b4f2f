/// A source of verification keys: given a token's header and (not yet trusted) claims, the keys to try, best first.
///
/// ``StaticKeySource`` serves one key or a local key set; the `RemoteJWKS` module serves keys fetched from a
/// `jwks_uri`; implement it yourself to plug in any other source.
///
/// An implementation must never return a key that the token's `kid` does not name (no fallback keys), must never
/// follow URLs from the token (`jku`, `x5u`), and throws ``ErrorCode/noMatchingKey`` when it has no key for
/// the token or ``ErrorCode/keySourceUnavailable`` when it cannot currently get keys at all.
public protocol KeySource: Sendable {
    /// The candidate keys for `token`, in the order to try them.
    func keys(for token: UnverifiedJWT) async throws(JOSEError) -> [JWSKey]

    /// The candidate keys for `token` when they are at hand without suspending (in memory, current), exactly as
    /// `keys(for:)` would return them; `nil` whenever only `keys(for:)` can answer: nothing cached, a cache
    /// due for refresh, a `kid` that may need a refetch, or an error to report.
    ///
    /// Verification asks this first, so a cached key costs no `await` on the hot path. The default is `nil`.
    func immediateKeys(for token: UnverifiedJWT) -> [JWSKey]?

    /// The issuers whose keys this source serves, when it knows them (an issuer's discovered key set, a key jar),
    /// for ``IssuerPolicy/keySource``; `nil` when it does not (a bare JWKS URL, local keys). The default is `nil`.
    var issuers: [String]? { get }
}

extension KeySource {
    /// `nil`: every answer comes from `keys(for:)`.
    public func immediateKeys(for token: UnverifiedJWT) -> [JWSKey]? { nil }

    /// `nil`: the source does not know which issuers its keys sign for.
    public var issuers: [String]? { nil }
}
