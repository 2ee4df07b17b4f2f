import ExampleSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import HummingbirdOAuthJWT
import JOSE
import OAuthJWT

// The bundled example server on Hummingbird (`Documentation/Architecture.md`, "The example servers"):
// `swift run ExampleServer`. `VaporExampleServer` serves the same routes from the same `ExampleSupport`.

let setup = ExampleSetup(label: "ExampleServer")
typealias Context = BasicAuthRequestContext<AccessToken>
let router = Router(context: Context.self)

if let demoIssuer = setup.demoIssuer {
    router.get(RouterPath(DemoIssuer.jwksPath)) { _, _ in try demoIssuer.jwks().hummingbird }
    router.post(RouterPath(DemoIssuer.tokenPath)) { request, _ in
        let body = try await request.body.collect(upTo: DemoIssuer.maximumRequestBody)
        return try demoIssuer.mint(
            body: Array(body.readableBytesView), encrypted: request.uri.queryParameters["encrypted"] == "true"
        ).hummingbird
    }
}
router.get("/") { _, _ in ExampleRoutes.root.hummingbird }
if let registry = setup.metrics {
    router.get("metrics") { _, _ in ExampleRoutes.metrics(registry).hummingbird }
}
router.get("public/token") { _, _ in ExampleRoutes.publicToken().hummingbird }

// One authenticator (one verified-token cache) for the group; the scope and claim requirements on top of it.
let secured = router.group("secured").add(middleware: OAuthJWTAuthenticator<Context>(setup.authenticator))
secured.get("token") { _, context in ExampleRoutes.securedToken(try context.requireIdentity()).hummingbird }
secured.group("scope").add(middleware: AccessRequirementMiddleware(setup.readScope))
    .get { _, context in ExampleRoutes.securedScope(try context.requireIdentity()).hummingbird }
secured.group("claim").add(middleware: AccessRequirementMiddleware(setup.requiredClaim))
    .get { _, context in ExampleRoutes.securedClaim(try context.requireIdentity()).hummingbird }

// Benchmark-only: `/floor/token` (and `/naive/token` with the cache on) answer as `/secured/token` behind a decision
// that does less than the authenticator (`FloorMiddleware`), so `Benchmarks/load` can show what any decision costs in
// this server.
if ProcessInfo.processInfo.environment["BENCHMARK_FLOOR"] == "1", let demoIssuer = setup.demoIssuer {
    func route(_ path: RouterPath, _ mode: FloorMiddleware.Mode) {
        router.group(path).add(middleware: FloorMiddleware(mode, authenticator: setup.authenticator))
            .get("token") { _, context in ExampleRoutes.securedToken(try context.requireIdentity()).hummingbird }
    }
    if ProcessInfo.processInfo.environment["OAUTH_JWT_CACHE"] == "off" {
        let options = JWTValidationOptions(issuers: [DemoIssuer.issuer], audiences: [demoIssuer.audience])
        let keys = StaticKeySource(keySet: try JWKSet(jsonBytes: try demoIssuer.jwks().body))
        route("floor", .verifying(JWTVerifier(keys: keys, options: options), keys))
    } else {
        route("floor", .oneToken)
        route("naive", .dictionary)
    }
}

let app = Application(
    router: router,
    configuration: ApplicationConfiguration(
        address: .hostname(setup.settings.host, port: setup.settings.port), serverName: "ExampleServer"),
    // The key source's refresh runs in the application's service group: warmed at start, stopped on shutdown.
    services: setup.refreshService.map { [$0] } ?? [],
    onServerRunning: { channel in setup.serverStarted(port: channel.localAddress?.port ?? setup.settings.port) },
    logger: setup.logger
)

try await app.runService()
setup.logger.info("ExampleServer stopped")

extension ExampleResponse {
    /// As a Hummingbird response.
    var hummingbird: Response {
        var fields = HTTPFields()
        for (name, value) in headers {
            if let name = HTTPField.Name(name) { fields.append(HTTPField(name: name, value: value)) }
        }
        return Response(
            status: HTTPResponse.Status(code: status), headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
