import JOSE
import Logging
import RemoteJWKS

/// Remote key sources for `verify`: a `jwks_uri`, or an issuer whose metadata names one (OpenID Connect discovery,
/// then RFC 8414).
enum RemoteKeySource {
    /// Fetch logs go to standard error only with `--verbose`, so a rejection stays a single `error:` line.
    static func make(jwksURI: String?, issuerURL: String?, verbose: Bool) async throws -> any KeySource {
        var logger = Logger(label: "oauth-jwt")
        logger.logLevel = verbose ? .info : .critical
        do {
            if let jwksURI { return try RemoteJWKS(url: jwksURI, logger: logger) }
            if let issuerURL { return try IssuerKeySource(issuer: issuerURL, logger: logger) }
        } catch {
            throw ToolFailure("cannot use the key source", error)
        }
        throw ToolFailure("no key source given")
    }
}
