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

    /// A number that stays the same for as long as the source's answers stay the same, and only ever grows; read
    /// without waiting and without a lock; `nil` when the source cannot promise that right now.
    ///
    /// While two reads give the same number, `keys(for:)` and `immediateKeys(for:)` give every token the same keys as
    /// they did between them. A cache of verified tokens reads it before a verification and keeps it: a later use
    /// that reads the same number knows the key is still served without asking for the keys again. `nil` (the
    /// default) makes it ask every time. ``StaticKeySource`` answers a constant; `RemoteJWKS` a number that grows
    /// with every fetched set and is `nil` once its keys are due for refresh; sources made of other sources (such as
    /// `MultiIssuerKeySource`) the sum of theirs, which changes whenever any of theirs does because none shrinks.
    var keysVersion: UInt64? { get }
}

extension KeySource {
    /// `nil`: every answer comes from `keys(for:)`.
    public func immediateKeys(for token: UnverifiedJWT) -> [JWSKey]? { nil }

    /// `nil`: the source does not know which issuers its keys sign for.
    public var issuers: [String]? { nil }

    /// `nil`: a cache asks for the keys again on every use.
    public var keysVersion: UInt64? { nil }
}
