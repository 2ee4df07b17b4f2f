import JOSE
import RemoteJWKS

/// Remote key sources for `verify`: a `jwks_uri`, or an issuer whose metadata names one (OpenID Connect discovery,
/// then RFC 8414).
enum RemoteKeySource {
    static func make(jwksURI: String?, issuerURL: String?) async throws -> any JWSKeyResolver {
        do {
            if let jwksURI { return try RemoteJWKS(url: jwksURI) }
            if let issuerURL { return try IssuerJWKS(issuer: issuerURL) }
        } catch {
            throw ToolFailure("cannot use the key source", error)
        }
        throw ToolFailure("no key source given")
    }
}
