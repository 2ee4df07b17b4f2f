// The "Hummingbird" snippet of the README's integration section and of HummingbirdOAuthJWT's getting-started
// article, kept here so it always compiles (`SnippetSyncTests` checks that both texts contain it).
// README-SNIPPET-START
import Hummingbird
import HummingbirdAuth
import HummingbirdOAuthJWT
import JOSE
import OAuthJWT
import RemoteJWKS

/// The claims your handlers need, decoded once per request.
struct User: Decodable, Sendable {
    let sub: String
}

typealias AppContext = BasicAuthRequestContext<TokenIdentity<User>>

func buildRouter(keys: some KeySource, issuer: String, audience: String) throws -> Router<AppContext> {
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

/// The application: keys fetched at start and refreshed in the background by its service group.
func buildApplication(issuer: String, audience: String) throws -> some ApplicationProtocol {
    let keys = try IssuerKeySource(issuer: issuer)  // discovers jwks_uri; cached, shared by all routes
    return Application(
        router: try buildRouter(keys: keys, issuer: issuer, audience: audience),
        services: [KeyRefreshService(keys: keys)])
}
// README-SNIPPET-END
