/// A parsed token whose signature has not been checked yet: what a ``KeySource`` decides on.
///
/// Nothing in it is trustworthy until ``JWTVerifier`` has verified the signature; key sources may use the `kid`,
/// `alg` and `iss` to choose keys, never to decide what a key is.
public struct UnverifiedJWT: Sendable {
    /// The parsed compact JWS.
    public let jws: CompactJWS
    /// The parsed, unverified claims.
    public let claims: JWTClaims

    /// The checked protected header.
    public var header: JWSHeader { jws.header }

    /// Parses a compact JWT whose payload is a JSON object. Does not verify anything.
    public init(parsing token: some StringProtocol, maximumSize: Int = CompactJWS.defaultMaximumSize) throws(JOSEError)
    {
        try self.init(parsing: token, maximumSize: maximumSize, recentHeaders: nil)
    }

    init(jws: CompactJWS, claims: JWTClaims) {
        self.jws = jws
        self.claims = claims
    }

    /// `init(parsing:maximumSize:)`, taking the header from `recentHeaders` when its segment was parsed before.
    init(parsing token: some StringProtocol, maximumSize: Int, recentHeaders: RecentHeaders?) throws(JOSEError) {
        jws = try CompactJWS(parsing: token, maximumSize: maximumSize, recentHeaders: recentHeaders)
        claims = try JWTClaims(json: jws.payload)
    }
}
