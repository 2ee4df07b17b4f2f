// The "Vapor" snippet of the README's integration section, kept here so it always compiles.
// README-SNIPPET-START
import OAuthJWT
import RemoteJWKS
import Vapor
import VaporOAuthJWT

/// The claims your handlers need, decoded once per request and logged in with `req.auth`.
struct User: Authenticatable, Decodable, Sendable {
    let sub: String
}

func routes(_ app: Application, jwksURL: String, issuer: String, audience: String) throws {
    let keys = try RemoteJWKS(url: jwksURL)  // cached, refreshed, shared by all routes
    var configuration = BearerTokenAuthenticator.Configuration(issuers: [issuer], audiences: [audience])
    configuration.realm = "orders"
    // One authenticator (one verified-token cache) for the whole API.
    let authenticator = try BearerTokenAuthenticator(keys: keys, configuration: configuration)
    let canReadOrders = try authenticator.authorizer(
        for: AccessRequirement(scopes: .allOf("orders:read"), claimRules: [.present("sub")]))

    let api = app.grouped("api").grouped(OAuthJWTAuthenticator(authenticator, user: User.self))
    // Handlers find your user type (and the VerifiedJWT) in req.auth.
    api.get("me") { req in try req.auth.require(User.self).sub }
    // Route-level requirements on top of the same authenticator: 403 insufficient_scope when missing.
    api.grouped(AccessRequirementMiddleware(canReadOrders))
        .get("orders") { req in "orders of \(try req.auth.require(User.self).sub)" }
}
// README-SNIPPET-END
