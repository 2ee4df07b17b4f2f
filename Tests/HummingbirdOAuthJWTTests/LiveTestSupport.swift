import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdOAuthJWT
import HummingbirdTesting
import JOSE
import Logging
import OAuthJWT
import RemoteJWKS
import TestSupport

enum LiveApp {
    static func configuration(clock: JWTClock = .system) -> BearerTokenAuthenticator.Configuration {
        var configuration = BearerTokenAuthenticator.Configuration(
            issuers: [TestIssuer.issuer], audiences: [TestIssuer.audience], clock: clock)
        configuration.realm = "live"
        return configuration
    }

    /// A router like the example's: `/any` behind the middleware, `/read` (scope read), `/readOrAdmin`,
    /// `/claim` (sub present and myClaim = someRequiredValue), `/role` (roles contains admin) through the wrapper.
    static func router(keys: some KeySource, configuration: BearerTokenAuthenticator.Configuration) throws
        -> Router<BasicOAuthJWTRequestContext>
    {
        let router = Router(context: BasicOAuthJWTRequestContext.self)
        router.group("any")
            .add(middleware: OAuthJWTMiddleware(try BearerTokenAuthenticator(keys: keys, configuration: configuration)))
            .get { _, context in "user=\(context.claims?.subject ?? "-")" }

        func route(_ path: RouterPath, _ change: (inout BearerTokenAuthenticator.Configuration) -> Void) throws {
            var routeConfiguration = configuration
            change(&routeConfiguration)
            let authenticator = try BearerTokenAuthenticator(keys: keys, configuration: routeConfiguration)
            router.get(path, use: authenticator.secure { _, _, token in "user=\(token.claims.subject ?? "-")" })
        }
        try route("read") { $0.scopes = .allOf("read") }
        try route("readOrAdmin") { $0.scopes = .anyOf("read", "admin") }
        try route("claim") { $0.claimRules = [.present("sub"), .equals("myClaim", "someRequiredValue")] }
        try route("role") { $0.claimRules = [.equals("roles", "admin")] }
        return router
    }

    /// Runs `body` against a live app whose routes use `keys`.
    static func test<Value: Sendable>(
        keys: some KeySource, configuration: BearerTokenAuthenticator.Configuration = configuration(),
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
