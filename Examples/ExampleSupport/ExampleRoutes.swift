import JOSE
package import OAuthJWT
package import Prometheus

/// The routes of both example servers (as in `express-oauth-jwt`'s example) and their JSON bodies.
///
/// `/secured/token` takes any valid token, `/secured/scope` the scope `read`, `/secured/claim` a `sub` and `myClaim`
/// equal to `someRequiredValue`: one authenticator for the `/secured` group, the last two requirements on top.
package enum ExampleRoutes {
    package static let paths = ["/public/token", "/secured/token", "/secured/scope", "/secured/claim"]

    /// What `/secured/scope` requires beyond a valid token.
    package static let readScope = AccessRequirement(scopes: .allOf("read"))
    /// What `/secured/claim` requires beyond a valid token.
    package static let requiredClaim = AccessRequirement(
        claimRules: [.present("sub"), .equals("myClaim", "someRequiredValue")])

    /// `GET /`.
    package static let root = ExampleResponse.json(200, ["routes": .array(paths.map(JSONValue.string))])

    /// `GET /metrics`: the registry in Prometheus text format.
    package static func metrics(_ registry: PrometheusCollectorRegistry) -> ExampleResponse {
        ExampleResponse(
            status: 200, body: registry.emitToBuffer(),
            headers: [("Content-Type", "text/plain; version=0.0.4; charset=utf-8")])
    }

    /// `GET /public/token`: the unsecured twin of `/secured/token` (the same path depth, and a body of the same kind
    /// built per request, as the secured one is); `Benchmarks/load` measures the cost of securing a route as the
    /// ratio of the two.
    package static func publicToken() -> ExampleResponse {
        .json(200, ["data": "Some data from a public endpoint.", "user": .null])
    }

    /// `GET /secured/token`.
    package static func securedToken(_ token: AccessToken) -> ExampleResponse {
        .json(200, ["data": "Some data from secured endpoint.", "user": user(token)])
    }

    /// `GET /secured/scope`.
    package static func securedScope(_ token: AccessToken) -> ExampleResponse {
        .json(
            200,
            [
                "data": "Some data from secured endpoint.", "user": user(token),
                "scope": .string(token.claims.scopes.joined(separator: " ")),
            ])
    }

    /// `GET /secured/claim`.
    package static func securedClaim(_ token: AccessToken) -> ExampleResponse {
        .json(
            200,
            [
                "data": "Some data from secured endpoint.", "user": user(token),
                "audience": token.claims["aud"] ?? .null,
            ])
    }

    private static func user(_ token: AccessToken) -> JSONValue {
        token.claims.subject.map(JSONValue.string) ?? .null
    }
}
