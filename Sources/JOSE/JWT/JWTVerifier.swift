/// Verifies JWTs: parses the compact token, finds its keys, checks the signature, then checks the claims.
///
/// ```swift
/// let verifier = JWTVerifier(
///     keys: StaticKeySource(keySet: try JWKSet(jsonText: jwksJSON)),
///     options: JWTValidationOptions(algorithms: [.rs256], issuers: ["https://issuer.example"], audiences: ["api"]))
/// let verified = try await verifier.verify(token)
/// print(verified.claims.subject ?? "-", verified.claims.scopes)
/// ```
public struct JWTVerifier: Sendable {
    /// Where keys come from.
    public let keys: any KeySource
    /// What the claims must satisfy, with ``IssuerPolicy/keySource`` resolved against `keys`.
    public let options: JWTValidationOptions
    /// How encrypted (nested) tokens are decrypted, or `nil` when only plain signed tokens are accepted.
    public let decryption: JWTDecryption?
    /// The protected headers parsed last: tokens from one key share theirs, so most tokens skip parsing it.
    private let recentHeaders = RecentHeaders()
    /// `options.algorithms` as a list: checked on every token by comparing cases, where `Set.contains` hashes the
    /// algorithm's name.
    private let allowedAlgorithms: [JWSAlgorithm]
    /// `options`' time rules, read once instead of converting durations on every token.
    private let timeRules: ClaimTimeRules

    /// Creates a verifier.
    /// - Parameters:
    ///   - keys: where verification keys come from.
    ///   - options: what the claims must satisfy.
    ///   - decryption: the keys that decrypt encrypted tokens (a JWE around a signed JWT), or `nil` to accept only
    ///     plain signed tokens.
    public init(
        keys: some KeySource, options: JWTValidationOptions = JWTValidationOptions(), decryption: JWTDecryption? = nil
    ) {
        self.keys = keys
        var options = options
        options.issuers = options.issuers.resolved(with: keys)
        self.options = options
        self.decryption = decryption
        allowedAlgorithms = Array(options.algorithms)
        timeRules = ClaimTimeRules(options)
    }

    /// Verifies `token` and returns its header and claims.
    /// - Throws: a ``JOSEError`` whose code says what failed; never a partially verified result.
    public func verify(_ token: some StringProtocol) async throws(JOSEError) -> VerifiedJWT {
        try await verifyKeepingParsedToken(token).verified
    }

    /// `verify(_:)`, also handing back the parsed token (for a cache that later asks the key source about it
    /// without parsing the token again).
    package func verifyKeepingParsedToken(_ token: some StringProtocol) async throws(JOSEError) -> (
        verified: VerifiedJWT, parsed: UnverifiedJWT
    ) {
        let unverified = try parse(token)
        let candidates: [JWSKey]
        if let immediate = keys.immediateKeys(for: unverified) {
            candidates = immediate
        } else {
            candidates = try await keys.keys(for: unverified)
        }
        return (try finish(unverified, candidates: candidates), unverified)
    }

    /// Verifies `token` with keys from a ``StaticKeySource`` without suspending.
    public func verify(_ token: some StringProtocol, using source: StaticKeySource) throws(JOSEError) -> VerifiedJWT {
        let unverified = try parse(token)
        return try finish(unverified, candidates: try source.candidates(for: unverified.header))
    }

    private func parse(_ token: some StringProtocol) throws(JOSEError) -> UnverifiedJWT {
        if let decryption {
            guard token.utf8.count <= options.maximumTokenSize else {
                throw JOSEError(.tokenTooLarge, "The token is too large")
            }
            if let inner = try decryption.signedToken(in: token) { return try parse(signed: inner) }
        }
        return try parse(signed: token)
    }

    private func parse(signed token: some StringProtocol) throws(JOSEError) -> UnverifiedJWT {
        let unverified = try UnverifiedJWT(
            parsing: token, maximumSize: options.maximumTokenSize, recentHeaders: recentHeaders)
        guard allowedAlgorithms.contains(unverified.header.algorithm) else {
            throw JOSEError(.algorithmNotAllowed, "The token's algorithm is not allowed")
        }
        return unverified
    }

    /// Checks the signature against at most ``JWTValidationOptions/maximumKeyCandidates`` keys, then validates the claims.
    private func finish(_ token: UnverifiedJWT, candidates: [JWSKey]) throws(JOSEError) -> VerifiedJWT {
        let key = try token.jws.verify(using: candidates, maximumCandidates: options.maximumKeyCandidates)
        try options.validate(header: token.header, claims: token.claims, timeRules: timeRules)
        return VerifiedJWT(header: token.header, claims: token.claims, key: key)
    }
}

/// A token whose signature and claims have been verified.
///
/// A value with reference storage: handing one on (through a cache, a result, a request context) copies one
/// reference, not every dictionary and array of the parsed token.
public struct VerifiedJWT: Sendable {
    /// The protected header.
    public var header: JWSHeader { storage.header }
    /// The verified claims.
    public var claims: JWTClaims { storage.claims }
    /// The key that verified the signature.
    public var key: JWSKey { storage.key }

    private let storage: Storage

    /// Immutable, so sharing one between copies (and threads) is safe.
    private final class Storage: Sendable {
        let header: JWSHeader
        let claims: JWTClaims
        let key: JWSKey

        init(header: JWSHeader, claims: JWTClaims, key: JWSKey) {
            self.header = header
            self.claims = claims
            self.key = key
        }
    }

    /// Assembles a verified token, for the package's own caches of earlier verifications. Not public: outside this
    /// package a `VerifiedJWT` only comes from a verification.
    package init(header: JWSHeader, claims: JWTClaims, key: JWSKey) {
        storage = Storage(header: header, claims: claims, key: key)
    }
}
