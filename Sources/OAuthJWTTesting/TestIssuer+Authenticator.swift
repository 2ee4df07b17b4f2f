public import JOSE
public import OAuthJWT

extension TestIssuer {
    /// The authenticator configuration of the live adapter tests: `issuer` and `audience` accepted, realm `live`.
    public static func authenticatorConfiguration(clock: JWTClock = .system) -> BearerTokenAuthenticator.Configuration {
        var configuration = BearerTokenAuthenticator.Configuration(
            issuers: [issuer], audiences: [audience], clock: clock)
        configuration.realm = "live"
        return configuration
    }

    /// An authenticator that verifies this issuer's tokens with its public key (no fetching).
    public func authenticator(
        configuration: BearerTokenAuthenticator.Configuration = authenticatorConfiguration()
    ) throws -> BearerTokenAuthenticator {
        try BearerTokenAuthenticator(keys: StaticKeySource(key: try key.publicKey()), configuration: configuration)
    }
}
