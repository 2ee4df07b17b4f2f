// The "Vapor" snippet of the README's integration section and of VaporOAuthJWT's getting-started article, kept
// here so it always compiles (`SnippetSyncTests` checks that both texts contain it).
// README-SNIPPET-START
import JOSE
import OAuthJWT
import RemoteJWKS
import ServiceLifecycle
import Vapor
import VaporOAuthJWT

/// The claims your handlers need, decoded once per request and logged in with `req.auth`.
struct User: Authenticatable, Decodable, Sendable {
    let sub: String
}

func routes(_ app: Application, keys: some KeySource, issuer: String, audience: String) throws {
    var configuration = BearerTokenAuthenticator.Configuration(issuers: [issuer], audiences: [audience])
    configuration.realm = "orders"
    // One authenticator (one verified-token cache) for the whole API.
    let authenticator = try BearerTokenAuthenticator(keys: keys, configuration: configuration)
    let canReadOrders = try authenticator.authorizer(
        for: AccessRequirement(scopes: .allOf("orders:read"), claimRules: [.present("sub")]))

    let api = app.grouped("api").grouped(OAuthJWTAuthenticator(authenticator, user: User.self))
    // Handlers find your user type (and the AccessToken) in req.auth.
    api.get("me") { req in try req.auth.require(User.self).sub }
    // Route-level requirements on top of the same authenticator: 403 insufficient_scope when missing.
    api.grouped(AccessRequirementMiddleware(canReadOrders))
        .get("orders") { req in "orders of \(try req.auth.require(User.self).sub)" }
}

/// Runs the application, with its keys fetched at start and refreshed in the background by a service group beside
/// it (Vapor 4 has none of its own).
func run(_ app: Application, issuer: String, audience: String) async throws {
    let keys = try IssuerKeySource(issuer: issuer)  // discovers jwks_uri; cached, shared by all routes
    try routes(app, keys: keys, issuer: issuer, audience: audience)
    let refresh = ServiceGroup(services: [KeyRefreshService(keys: keys)], logger: app.logger)
    let refreshing = Task { try await refresh.run() }
    try await app.execute()
    await refresh.triggerGracefulShutdown()
    try await refreshing.value
}
// README-SNIPPET-END
