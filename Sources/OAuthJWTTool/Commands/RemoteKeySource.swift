import JOSE

/// Remote key sources for `verify`: a `jwks_uri` or an issuer to discover.
enum RemoteKeySource {
    static func make(jwksURI: String?, issuerURL: String?) async throws -> any JWSKeyResolver {
        throw ToolFailure("--jwks-uri and --issuer-url need the RemoteJWKS module, which is not built yet")
    }
}
