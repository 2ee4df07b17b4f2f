// The "Hummingbird" snippet of the README's integration section, kept here so it always compiles.
// README-SNIPPET-START
import Hummingbird
import HummingbirdAuth
import HummingbirdOAuthJWT
import OAuthJWT
import RemoteJWKS

/// The claims your handlers need, decoded once per request.
struct User: Decodable, Sendable {
    let sub: String
}

typealias AppContext = BasicAuthRequestContext<TokenIdentity<User>>

func buildRouter(jwksURL: String, issuer: String, audience: String) throws -> Router<AppContext> {
    let keys = try RemoteJWKS(url: jwksURL)  // cached, refreshed, shared by all routes
    var configuration = BearerTokenAuthenticator.Configuration(issuers: [issuer], audiences: [audience])
    configuration.realm = "orders"
    // One authenticator (one verified-token cache) for the whole API.
    let authenticator = try BearerTokenAuthenticator(keys: keys, configuration: configuration)
    let canReadOrders = try authenticator.authorizer(
        for: AccessRequirement(scopes: .allOf("orders:read"), claimRules: [.present("sub")]))

    let router = Router(context: AppContext.self)
    let api = router.group("api").add(middleware: OAuthJWTAuthenticator<AppContext>(authenticator))
    // Handlers find the identity in the context: the verified token and your claims type.
    api.get("me") { _, context in try context.requireIdentity().claims.sub }
    // Route-level requirements on top of the same authenticator: 403 insufficient_scope when missing.
    api.group("orders").add(middleware: AccessRequirementMiddleware(canReadOrders))
        .get { _, context in "orders of \(try context.requireIdentity().claims.sub)" }
    return router
}
// README-SNIPPET-END
