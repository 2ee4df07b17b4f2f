// The "Protect routes in your own Hummingbird app" snippet of the README, kept here so it always compiles.
// README-SNIPPET-START
import Hummingbird
import HummingbirdOAuthJWT
import OAuthJWT
import RemoteJWKS

func buildRouter(jwksURL: String, issuer: String, audience: String) throws -> Router<BasicOAuthJWTRequestContext> {
    let keys = try RemoteJWKS(url: jwksURL)  // cached, refreshed, shared by all routes
    var configuration = BearerTokenAuthenticator.Configuration(issuers: [issuer], audiences: [audience])
    configuration.realm = "orders"
    let anyValidToken = try BearerTokenAuthenticator(keys: keys, configuration: configuration)

    var readConfiguration = configuration
    readConfiguration.scopes = .allOf("orders:read")
    readConfiguration.claimRules = [.present("sub")]
    let canReadOrders = try BearerTokenAuthenticator(keys: keys, configuration: readConfiguration)

    let router = Router(context: BasicOAuthJWTRequestContext.self)
    // A middleware protects a whole group; handlers find the claims in the request context.
    router.group("api")
        .add(middleware: OAuthJWTMiddleware(anyValidToken))
        .get("me") { _, context in context.claims?.subject ?? "" }
    // Or wrap a single route; the handler receives the verified token.
    router.get(
        "orders",
        use: canReadOrders.secure { _, _, token in
            "orders of \(token.claims.subject ?? "")"
        })
    return router
}
// README-SNIPPET-END
