import ExampleSupport
import JOSE
import OAuthJWT
import ServiceLifecycle
import Vapor
import VaporOAuthJWT

// The bundled example server on Vapor: `swift run VaporExampleServer`. The same routes, settings, demo issuer and
// JSON bodies as the Hummingbird `ExampleServer`, from the same `ExampleSupport`.

let setup = ExampleSetup(label: "VaporExampleServer")
let app = try await Application.make(try Environment.detect(), logger: setup.logger)
app.http.server.configuration.hostname = setup.settings.host
app.http.server.configuration.port = setup.settings.port
app.http.server.configuration.serverName = "VaporExampleServer"

if let demoIssuer = setup.demoIssuer {
    app.get(ExampleResponse.path(DemoIssuer.jwksPath)) { _ in try demoIssuer.jwks().vapor }
    app.on(
        .POST, ExampleResponse.path(DemoIssuer.tokenPath),
        body: .collect(maxSize: ByteCount(value: DemoIssuer.maximumRequestBody))
    ) { request in
        try demoIssuer.mint(
            body: request.body.data.map { Array($0.readableBytesView) } ?? [],
            encrypted: (try? request.query.get(String.self, at: "encrypted")) == "true"
        ).vapor
    }
}
app.get { _ in ExampleRoutes.root.vapor }
if let registry = setup.metrics {
    app.get("metrics") { _ in ExampleRoutes.metrics(registry).vapor }
}
app.get("public", "token") { _ in ExampleRoutes.publicToken().vapor }

// One authenticator (one verified-token cache) for the group; the scope and claim requirements on top of it.
let secured = app.grouped("secured").grouped(OAuthJWTAuthenticator(setup.authenticator))
secured.get("token") { request in ExampleRoutes.securedToken(try request.auth.require(AccessToken.self)).vapor }
secured.grouped(AccessRequirementMiddleware(setup.readScope)).get("scope") { request in
    ExampleRoutes.securedScope(try request.auth.require(AccessToken.self)).vapor
}
secured.grouped(AccessRequirementMiddleware(setup.requiredClaim)).get("claim") { request in
    ExampleRoutes.securedClaim(try request.auth.require(AccessToken.self)).vapor
}

// Vapor 4 has no service group of its own: the key source's refresh runs in one beside the application, warmed at
// start and shut down gracefully with it.
let services = ServiceGroup(services: setup.refreshService.map { [$0] } ?? [], logger: setup.logger)
let refreshing = Task { try await services.run() }
try await app.startup()
setup.serverStarted(port: app.http.server.shared.localAddress?.port ?? setup.settings.port)
try await app.running?.onStop.get()
await services.triggerGracefulShutdown()
try await refreshing.value
try await app.asyncShutdown()
setup.logger.info("VaporExampleServer stopped")

extension ExampleResponse {
    /// As a Vapor response.
    var vapor: Response {
        Response(
            status: HTTPResponseStatus(statusCode: status), headers: HTTPHeaders(headers),
            body: Response.Body(buffer: ByteBuffer(bytes: body)))
    }

    /// A path such as `/.well-known/jwks.json` as Vapor's path components.
    static func path(_ path: String) -> [PathComponent] {
        path.split(separator: "/").map { PathComponent(stringLiteral: String($0)) }
    }
}
