import CoreMetrics
import Foundation
import HTTPTypes
import JOSE
package import Logging
package import OAuthJWT
package import Prometheus
package import RemoteJWKS

/// Everything the two example servers decide the same way: the settings, the key source, the demo issuer, the one
/// authenticator of the `/secured` routes and its two route-level requirements, and what is said at start.
package struct ExampleSetup: Sendable {
    package let settings: ServerSettings
    package let logger: Logger
    /// Present when neither `JWKS_URI` nor `ISSUER` is set.
    package let demoIssuer: DemoIssuer?
    /// The one authenticator of the `/secured` group (one verified-token cache).
    package let authenticator: BearerTokenAuthenticator
    /// ``ExampleRoutes/readScope`` prepared against ``authenticator``.
    package let readScope: BearerAuthorizer
    /// ``ExampleRoutes/requiredClaim`` prepared against ``authenticator``.
    package let requiredClaim: BearerAuthorizer
    /// Keeps a real authorization server's keys fresh in the background (warmed at start, best effort: the server
    /// starts even while the authorization server is down). `nil` with the demo issuer, whose keys are served by
    /// this very server and fetched on the first token.
    package let refreshService: KeyRefreshService?
    /// With `METRICS=1`: the registry behind `GET /metrics` (Prometheus text format), bootstrapped as the
    /// process's swift-metrics backend before anything records.
    package let metrics: PrometheusCollectorRegistry?
    private let keys: LateBoundKeys

    /// Reads the settings and makes the key source and authenticator; exits with status 2 on a setting that cannot
    /// be used, after saying why.
    package init(label: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        var logger = Logger(label: label)
        logger.logLevel = environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        self.logger = logger
        if environment["METRICS"] == "1" {
            let registry = PrometheusCollectorRegistry()
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
            metrics = registry
        } else {
            metrics = nil
        }
        do {
            settings = try ServerSettings.load(environment: environment)
            demoIssuer = settings.usesDemoIssuer ? try DemoIssuer(audience: settings.audience) : nil
            keys = LateBoundKeys()
            var remoteKeys: (any RefreshableKeySource)?
            if demoIssuer == nil, !settings.introspectsAllTokens {
                if let jwksURI = settings.jwksURI {
                    remoteKeys = try RemoteJWKS(url: jwksURI, logger: logger)
                } else if let issuer = settings.issuer {
                    remoteKeys = try IssuerKeySource(issuer: issuer, logger: logger)
                }
            }
            if demoIssuer == nil {
                if settings.issuer == nil { logger.warning("ISSUER is not set: the token issuer (iss) is not checked") }
                if settings.audience == nil {
                    logger.warning("AUDIENCE is not set: the token audience (aud) is not checked")
                }
            }
            if let remoteKeys { keys.bind(remoteKeys) }
            refreshService = remoteKeys.map { KeyRefreshService(keys: $0, warmUp: .bestEffort, logger: logger) }
            // RFC 9068 §4: a resource server validates iss and aud. Without ISSUER or AUDIENCE the server says so at
            // start and uses the named opt-outs, `.any`, so the choice stays visible here.
            let issuers: IssuerPolicy =
                demoIssuer != nil ? [DemoIssuer.issuer] : settings.issuer.map { .oneOf([$0]) } ?? .any
            let audiences: AudiencePolicy =
                demoIssuer.map { [$0.audience] } ?? settings.audience.map { .oneOf([$0]) } ?? .any
            var configuration = BearerTokenAuthenticator.Configuration(issuers: issuers, audiences: audiences)
            configuration.realm = settings.realm
            if let header = settings.clientCertificateHeader {
                guard let name = HTTPField.Name(header) else {
                    throw SettingsError("CLIENT_CERT_HEADER is not a header name")
                }
                configuration.certificateBinding = .clientCertificateHeader(name)
            }
            if let publicBaseURL = settings.publicBaseURL {
                configuration.dpop = DPoPPolicy(mode: settings.dpop, origin: .fixed(publicBaseURL))
            }
            // The verified-token cache is on by default; OAUTH_JWT_CACHE=off turns it off (used by Benchmarks/load).
            if environment["OAUTH_JWT_CACHE"] == "off" { configuration.cache = .disabled }
            if let url = settings.introspectionURL, let client = settings.introspectionClient {
                guard let endpoint = URL(string: url) else { throw SettingsError("INTROSPECTION_URL is not a URL") }
                let introspector = try RemoteTokenIntrospector(
                    configuration: IntrospectionConfiguration(
                        endpoint: endpoint,
                        clientAuthentication: .clientSecretBasic(clientID: client.id, secret: client.secret),
                        issuer: settings.issuer),
                    logger: logger)
                configuration.introspection =
                    settings.introspectsAllTokens ? .allTokens(introspector) : .opaqueTokens(introspector)
            }
            var decryptionKeys = try demoIssuer.map { [try $0.decryptionKey] } ?? []
            if let path = settings.decryptionJWKS {
                guard let data = FileManager.default.contents(atPath: path),
                    let entries = try JSONValue(parsing: Array(data))["keys"]?.arrayValue
                else { throw SettingsError("DECRYPTION_JWKS must name a readable JWK set file") }
                decryptionKeys += try entries.map { try JWEKey(jwk: $0) }
            }
            if !decryptionKeys.isEmpty { configuration.decryption = JWTDecryption(keys: decryptionKeys) }
            authenticator = try BearerTokenAuthenticator(keys: keys, configuration: configuration)
            readScope = try authenticator.authorizer(for: ExampleRoutes.readScope)
            requiredClaim = try authenticator.authorizer(for: ExampleRoutes.requiredClaim)
        } catch {
            logger.critical("Invalid settings: \(error)")
            exit(2)
        }
    }

    /// Called once the server listens on `port`: binds the demo issuer's JWKS (fetched over HTTP from the server
    /// itself, exactly as a real issuer's) and prints the walkthrough and the address.
    package func serverStarted(port: Int) {
        let fetchHost = ["0.0.0.0", "::", ""].contains(settings.host) ? "127.0.0.1" : settings.host
        let base = "http://\(fetchHost.contains(":") ? "[\(fetchHost)]" : fetchHost):\(port)"
        if demoIssuer != nil {
            do {
                keys.bind(try RemoteJWKS(url: base + DemoIssuer.jwksPath, logger: logger))
            } catch {
                logger.critical("Cannot use the demo JWKS URL: \(error)")
            }
            logger.warning(
                "DEMO ISSUER ENABLED: anyone can mint tokens at POST \(DemoIssuer.tokenPath). Set JWKS_URI or ISSUER to use a real authorization server."
            )
            say(
                """
                Try it:
                  TOKEN=$(curl -s -X POST \(base)\(DemoIssuer.tokenPath) -H 'Content-Type: application/json' -d '{"scope":"read","myClaim":"someRequiredValue"}' | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')
                  curl -H "Authorization: Bearer $TOKEN" \(base)/secured/claim
                """)
        }
        say("\(logger.label) listening on \(base)")
    }

    /// Writes a line to standard output unbuffered, so it reaches a pipe at once.
    private func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
}
