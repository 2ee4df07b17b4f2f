import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import HummingbirdOAuthJWT
import HummingbirdTesting
import JOSE
import Logging
import OAuthJWT
import OAuthJWTTesting
import RemoteJWKS

enum LiveApp {
    typealias Context = BasicAuthRequestContext<AccessToken>

    /// A router like the example's: one authenticator for every route. `/any` takes any valid token; `/read`
    /// (scope read), `/readOrAdmin`, `/claim` (sub present and myClaim = someRequiredValue) and `/role` (roles
    /// contains admin) add a requirement on top of it; `/wrapped` is the single-route `secure` wrapper.
    static func router(keys: some KeySource, configuration: BearerTokenAuthenticator.Configuration) throws
        -> Router<Context>
    {
        let authenticator = try BearerTokenAuthenticator(keys: keys, configuration: configuration)
        let router = Router(context: Context.self)
        router.get("wrapped", use: authenticator.secure { _, _, token in "user=\(token.claims.subject ?? "-")" })
        let group = router.group().add(middleware: OAuthJWTAuthenticator<Context>(authenticator))
        group.get("any") { _, context in "user=\(try context.requireIdentity().claims.subject ?? "-")" }

        func route(_ path: RouterPath, _ requirement: AccessRequirement) throws {
            group.group(path).add(
                middleware: AccessRequirementMiddleware(try authenticator.authorizer(for: requirement))
            )
            .get { _, context in "user=\(try context.requireIdentity().claims.subject ?? "-")" }
        }
        try route("read", AccessRequirement(scopes: .allOf("read")))
        try route("readOrAdmin", AccessRequirement(scopes: .anyOf("read", "admin")))
        try route("claim", AccessRequirement(claimRules: [.present("sub"), .equals("myClaim", "someRequiredValue")]))
        try route("role", AccessRequirement(claimRules: [.equals("roles", "admin")]))
        return router
    }

    /// Runs `body` against a live app whose routes use `keys`.
    static func test<Value: Sendable>(
        keys: some KeySource,
        configuration: BearerTokenAuthenticator.Configuration = TestIssuer.authenticatorConfiguration(),
        _ body: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        var logger = Logger(label: "live-test")
        logger.logLevel = .warning
        let app = Application(
            router: try router(keys: keys, configuration: configuration),
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)), logger: logger)
        return try await app.test(.live, body)
    }
}

extension TestClientProtocol {
    func get(_ uri: String, authorization: [String] = []) async throws -> TestResponse {
        var headers = HTTPFields()
        for value in authorization { headers.append(HTTPField(name: .authorization, value: value)) }
        return try await execute(uri: uri, method: .get, headers: headers)
    }

    func get(_ uri: String, token: String) async throws -> TestResponse {
        try await get(uri, authorization: ["Bearer \(token)"])
    }
}

extension TestResponse {
    var challenge: String? {
        let values = headers[values: .wwwAuthenticate]
        precondition(values.count <= 1, "more than one WWW-Authenticate field")
        return values.first
    }
    var text: String { String(buffer: body) }
}
