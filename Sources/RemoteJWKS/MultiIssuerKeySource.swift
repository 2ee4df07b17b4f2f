public import Foundation
public import JOSE
public import Logging

/// Keys of several issuers: a token's `iss` picks its issuer's key source.
///
/// The `iss` is read before the signature is checked, and trusted only because each issuer's source serves only
/// that issuer's keys: a token claiming issuer A verifies only with A's keys. A token whose `iss` is missing or not
/// configured is refused before anything is fetched, so an attacker cannot make this server fetch from URLs of
/// their choosing; `jku` and `x5u` headers are never followed.
///
/// Issuers are looked up byte for byte, never with Swift's Unicode-equivalence `==`. Use
/// `IssuerPolicy.keySource` as the verifier's issuer policy so that the verified claims are checked against
/// `issuers` too.
public struct MultiIssuerKeySource: KeySource {
    private let sources: [ExactString: any KeySource]

    /// A jar of the given sources, keyed by issuer identifier (compared exactly with the token's `iss`).
    public init(sources: [String: any KeySource]) {
        self.sources = Dictionary(sources.map { (ExactString($0.key), $0.value) }) { first, _ in first }
    }

    /// A jar that discovers each issuer's `jwks_uri` on first use (one ``IssuerKeySource`` per issuer).
    /// - Throws: `JOSEError.Code.urlNotAllowed` when an issuer is not an allowed URL.
    public init(
        issuers: [String],
        configuration: RemoteJWKSConfiguration = RemoteJWKSConfiguration(),
        logger: Logger = Logger(label: "swift-oauth-jwt.RemoteJWKS")
    ) throws(JOSEError) {
        var sources = [ExactString: any KeySource]()
        for issuer in issuers {
            sources[ExactString(issuer)] = try IssuerKeySource(
                issuer: issuer, configuration: configuration, logger: logger)
        }
        self.sources = sources
    }

    /// A jar of known `jwks_uri`s, keyed by issuer identifier (one ``RemoteJWKS`` per issuer, no discovery).
    /// - Throws: `JOSEError.Code.urlNotAllowed` when a URL is not allowed.
    public init(
        jwksURIs: [String: URL],
        configuration: RemoteJWKSConfiguration = RemoteJWKSConfiguration(),
        logger: Logger = Logger(label: "swift-oauth-jwt.RemoteJWKS")
    ) throws(JOSEError) {
        var sources = [ExactString: any KeySource]()
        for (issuer, url) in jwksURIs {
            let fetcher = DocumentFetcher(configuration: configuration, logger: logger)
            sources[ExactString(issuer)] = try RemoteJWKS(url: url, fetcher: fetcher.with("oauth_jwt.issuer", issuer))
        }
        self.sources = sources
    }

    /// The sources that can be refreshed ahead of time, in issuer order.
    var refreshableSources: [any RefreshableKeySource] {
        sources.sorted { $0.key.value < $1.key.value }.compactMap { $0.value as? any RefreshableKeySource }
    }

    /// The configured issuers, sorted.
    public var issuers: [String]? { sources.keys.map(\.value).sorted() }

    /// The key source of `issuer` (compared byte for byte), if configured.
    public func source(for issuer: String) -> (any KeySource)? { sources[ExactString(issuer)] }

    /// The candidate keys for `token` from the source of its `iss`.
    /// - Throws: `JOSEError.Code.missingClaim` when the token has no string `iss`;
    ///   `JOSEError.Code.issuerMismatch` when its issuer is not configured (nothing is fetched then); otherwise
    ///   the errors of that issuer's source.
    public func keys(for token: UnverifiedJWT) async throws(JOSEError) -> [JWSKey] {
        guard let issuer = token.claims.issuer else {
            throw JOSEError(.missingClaim, "The token has no issuer")
        }
        guard let source = sources[ExactString(issuer)] else {
            throw JOSEError(.issuerMismatch, "The token's issuer is not accepted")
        }
        return try await source.keys(for: token)
    }

    /// The immediate candidates of the token's issuer's source; `nil` for a token without a known issuer.
    /// The sum of the issuers' sources' versions, `nil` when any of them has none: it changes whenever any of them
    /// changes, since none ever shrinks (see `KeySource.keysVersion`).
    public var keysVersion: UInt64? {
        var sum: UInt64 = 0
        for source in sources.values {
            guard let version = source.keysVersion else { return nil }
            sum &+= version
        }
        return sum
    }

    public func immediateKeys(for token: UnverifiedJWT) -> [JWSKey]? {
        guard let issuer = token.claims.issuer else { return nil }
        return sources[ExactString(issuer)]?.immediateKeys(for: token)
    }
}
