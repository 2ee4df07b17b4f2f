import Hummingbird
import HummingbirdOAuthJWT
import JOSE
import OAuthJWT

/// The three protected routes of the example (as in `express-oauth-jwt`'s example), with JSON bodies.
enum SecuredRoutes {
    /// Adds `/secured/token` (any valid token, through the middleware), `/secured/scope` (scope `read`) and
    /// `/secured/claim` (claim `sub` present and `myClaim` = `someRequiredValue`), the last two through the
    /// single-route wrapper.
    static func add(
        to router: Router<BasicOAuthJWTRequestContext>, keys: some KeySource,
        configuration: BearerTokenAuthenticator.Configuration
    ) throws {
        let anyToken = try BearerTokenAuthenticator(keys: keys, configuration: configuration)

        var scopeConfiguration = configuration
        scopeConfiguration.scopes = .allOf("read")
        let readScope = try BearerTokenAuthenticator(keys: keys, configuration: scopeConfiguration)

        var claimConfiguration = configuration
        claimConfiguration.claimRules = [.present("sub"), .equals("myClaim", "someRequiredValue")]
        let requiredClaim = try BearerTokenAuthenticator(keys: keys, configuration: claimConfiguration)

        router.group("secured")
            .add(middleware: OAuthJWTMiddleware(anyToken))
            .get("token") { _, context in
                json(["data": "Some data from secured endpoint.", "user": user(context.claims)])
            }

        router.get(
            "secured/scope",
            use: readScope.secure { _, _, token in
                json([
                    "data": "Some data from secured endpoint.", "user": user(token.claims),
                    "scope": .string(token.claims.scopes.joined(separator: " ")),
                ])
            })

        router.get(
            "secured/claim",
            use: requiredClaim.secure { _, _, token in
                json([
                    "data": "Some data from secured endpoint.", "user": user(token.claims),
                    "audience": token.claims["aud"] ?? .null,
                ])
            })
    }

    private static func user(_ claims: JWTClaims?) -> JSONValue {
        claims?.subject.map(JSONValue.string) ?? .null
    }

    private static func json(_ value: JSONValue) -> Response {
        DemoIssuer.json(.ok, value)
    }
}
