import Foundation
import Hummingbird
import HummingbirdOAuthJWT
import JOSE
import Logging
import OAuthJWT
import RemoteJWKS

// The bundled example server (`Documentation/Architecture.md`, "The example server"): `swift run ExampleServer`.

/// Writes a line to standard output unbuffered, so it reaches a pipe at once.
func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

let logger: Logger = {
    var logger = Logger(label: "ExampleServer")
    logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
    return logger
}()

let settings: ServerSettings
do {
    settings = try ServerSettings.load()
} catch {
    logger.critical("Invalid settings: \(error)")
    exit(2)
}

let router = Router(context: BasicOAuthJWTRequestContext.self)
let keys = LateBoundKeys()
let demoIssuer = settings.usesDemoIssuer ? try DemoIssuer(audience: settings.audience) : nil

// RFC 9068 §4: a resource server validates iss and aud. Without ISSUER or AUDIENCE the server says so at start and
// uses the named opt-outs, `.any`, so the choice stays visible here.
let issuers: IssuerPolicy = demoIssuer != nil ? [DemoIssuer.issuer] : settings.issuer.map { .oneOf([$0]) } ?? .any
let audiences: AudiencePolicy = demoIssuer.map { [$0.audience] } ?? settings.audience.map { .oneOf([$0]) } ?? .any
var configuration = BearerTokenAuthenticator.Configuration(issuers: issuers, audiences: audiences)
configuration.realm = settings.realm
// The verified-token cache is on by default; OAUTH_JWT_CACHE=off turns it off (used by Benchmarks/load).
if ProcessInfo.processInfo.environment["OAUTH_JWT_CACHE"] == "off" { configuration.cache = .disabled }
if let demoIssuer {
    try demoIssuer.addRoutes(to: router)
} else {
    do {
        if let jwksURI = settings.jwksURI {
            keys.bind(try RemoteJWKS(url: jwksURI, logger: logger))
        } else if let issuer = settings.issuer {
            keys.bind(try IssuerKeySource(issuer: issuer, logger: logger))
        }
    } catch {
        logger.critical("Invalid JWKS_URI or ISSUER: \(error)")
        exit(2)
    }
    if settings.issuer == nil { logger.warning("ISSUER is not set: the token issuer (iss) is not checked") }
    if settings.audience == nil { logger.warning("AUDIENCE is not set: the token audience (aud) is not checked") }
}

router.get("/") { _, _ in
    DemoIssuer.json(.ok, ["routes": ["/public/token", "/secured/token", "/secured/scope", "/secured/claim"]])
}
// The unsecured twin of /secured/token: the same path depth and the same kind of body, without secure(). Benchmarks/load
// measures secure()'s cost as the ratio of the two.
router.get("public/token") { _, _ in
    DemoIssuer.json(.ok, ["data": "Some data from a public endpoint.", "user": .null])
}

do {
    try SecuredRoutes.add(to: router, keys: keys, configuration: configuration)
} catch {
    logger.critical("Invalid configuration: \(error)")
    exit(2)
}

let app = Application(
    router: router,
    configuration: ApplicationConfiguration(
        address: .hostname(settings.host, port: settings.port), serverName: "ExampleServer"),
    onServerRunning: { channel in
        let port = channel.localAddress?.port ?? settings.port
        let fetchHost = ["0.0.0.0", "::", ""].contains(settings.host) ? "127.0.0.1" : settings.host
        let base = "http://\(fetchHost.contains(":") ? "[\(fetchHost)]" : fetchHost):\(port)"
        if demoIssuer != nil {
            do {
                // The secured routes fetch the demo JWKS over HTTP, exactly as they would a real issuer's.
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
        say("ExampleServer listening on \(base)")
    },
    logger: logger
)

try await app.runService()
logger.info("ExampleServer stopped")
