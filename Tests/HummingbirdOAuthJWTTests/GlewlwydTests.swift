import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import HummingbirdOAuthJWT
import HummingbirdTesting
import JOSE
import NIOCore
import OAuthJWT
import OAuthJWTTesting
import RemoteJWKS
import Testing

/// End to end against a real authorization server someone else wrote: glewlwyd (`Scripts/glewlwyd-start`, which
/// `.ci/run` runs and exports as `GLEWLWYD_URL`). Each test creates its own OpenID Connect plugin instance (its own
/// issuer and signing key), scope and client through glewlwyd's admin API, gets tokens from its token endpoint, and
/// sends them to a real Hummingbird route whose keys come from discovery.
///
/// Without `GLEWLWYD_URL` these tests are skipped, and say so; CI refuses to run without it.
@Suite(
    .serialized, .enabled(if: Glewlwyd.url != nil, "GLEWLWYD_URL is not set: the glewlwyd end-to-end tests did not run")
)
struct GlewlwydTests {
    static let resource = "https://api.test"

    @Test(arguments: [JWSAlgorithm.rs256, .ps256, .es256, .es384, .eddsa])
    func accessTokensOfEveryAlgorithmThroughDiscovery(_ algorithm: JWSAlgorithm) async throws {
        let server = try await Glewlwyd.session()
        let issuer = try await server.addIssuer(algorithm: algorithm)
        let client = try await server.addClient(issuer: issuer)
        let token = try await server.token(issuer: issuer, client: client)
        let header = try CompactJWS(parsing: token).header
        #expect(header.algorithm == algorithm)

        let keys = try IssuerKeySource(
            issuer: issuer.url, configuration: RemoteJWKSConfiguration(allowsInsecureHTTP: false))
        try await withRoute(keys: keys, issuer: issuer.url, dpop: .disabled) { http in
            try await http.execute(uri: "/orders", method: .get, headers: .bearer(token)) { response in
                #expect(response.status == .ok, "\(algorithm)")
                #expect(String(buffer: response.body) == client.id)
            }
            let tampered = String(token.dropLast(6)) + "AAAAAA"
            try await http.execute(uri: "/orders", method: .get, headers: .bearer(tampered)) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test func dpopBoundTokens() async throws {
        let server = try await Glewlwyd.session()
        let issuer = try await server.addIssuer(algorithm: .es256)
        let client = try await server.addClient(issuer: issuer)
        let holder = try DPoPTestClient()
        let tokenProof = try holder.proof(method: "POST", url: issuer.url + "/token", accessToken: nil)
        let (token, type) = try await server.tokenResponse(issuer: issuer, client: client, dpopProof: tokenProof)
        #expect(type == "DPoP")
        let claims = try UnverifiedJWT(parsing: token).claims
        #expect(claims["cnf"]?["jkt"]?.stringValue == (try holder.thumbprint))

        let keys = try IssuerKeySource(issuer: issuer.url)
        try await withRoute(keys: keys, issuer: issuer.url, dpop: .allowed(origin: .fixed("http://localhost"))) {
            http in
            let fields = try holder.fields(token: token, method: "GET", url: "http://localhost/orders")
            try await http.execute(uri: "/orders", method: .get, headers: fields) { response in
                #expect(response.status == .ok)
            }
            try await http.execute(uri: "/orders", method: .get, headers: .bearer(token)) { response in
                #expect(response.status == .unauthorized)  // a bound token is no bearer token
            }
        }
    }

    @Test func introspectionOfItsTokensNoticesARevocation() async throws {
        let server = try await Glewlwyd.session()
        let issuer = try await server.addIssuer(algorithm: .es256)
        let client = try await server.addClient(issuer: issuer)
        let token = try await server.token(issuer: issuer, client: client)
        let metadata = try await HTTP.call(issuer.url + "/.well-known/openid-configuration")
        let endpoint = try #require(
            try JSONValue(parsing: Array(metadata.body.utf8))["introspection_endpoint"]?.stringValue)
        #expect(endpoint == issuer.url + "/introspect")
        // glewlwyd lets a client introspect the tokens issued to it ("allow target client"), with HTTP Basic.
        var introspection = IntrospectionConfiguration(
            endpoint: try #require(URL(string: endpoint)),
            clientAuthentication: .clientSecretBasic(clientID: client.id, secret: client.secret), issuer: issuer.url)
        introspection.maximumActiveLifetime = .zero  // ask every time, so the revocation shows at once
        let introspector = try RemoteTokenIntrospector(configuration: introspection)
        var configuration = BearerTokenAuthenticator.Configuration(issuers: [issuer.url], audiences: [Self.resource])
        configuration.scopes = .allOf("orders")
        let authenticator = try BearerTokenAuthenticator(introspector: introspector, configuration: configuration)
        try await withRoute(authenticator) { http in
            try await http.execute(uri: "/orders", method: .get, headers: .bearer(token)) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == client.id)
            }
            try await server.revoke(token, issuer: issuer, client: client)
            try await http.execute(uri: "/orders", method: .get, headers: .bearer(token)) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate]?.contains(#"error="invalid_token""#) == true)
            }
            try await http.execute(uri: "/orders", method: .get, headers: .bearer("not-a-glewlwyd-token")) {
                response in
                #expect(response.status == .unauthorized)
            }
        }
        // The DPoP binding comes back in the answer's cnf: the token is refused as a bearer token.
        let holder = try DPoPTestClient()
        let proof = try holder.proof(method: "POST", url: issuer.url + "/token", accessToken: nil)
        let bound = try await server.tokenResponse(issuer: issuer, client: client, dpopProof: proof).token
        guard case .active(let claims) = try await introspector.introspect(bound) else {
            Issue.record("glewlwyd says its DPoP-bound token is not active")
            return
        }
        #expect(claims.confirmation?["jkt"]?.stringValue == (try holder.thumbprint))
        try await withRoute(authenticator) { http in
            try await http.execute(uri: "/orders", method: .get, headers: .bearer(bound)) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    private func withRoute(
        keys: IssuerKeySource, issuer: String, dpop: DPoPPolicy,
        _ body: @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        var configuration = BearerTokenAuthenticator.Configuration(
            issuers: [issuer], audiences: [Self.resource], type: "at+jwt")
        configuration.scopes = .allOf("orders")
        configuration.dpop = dpop
        try await withRoute(try BearerTokenAuthenticator(keys: keys, configuration: configuration), body)
    }

    /// `GET /orders` behind `authenticator`, answering with the token's `sub` (or else `client_id`).
    private func withRoute(
        _ authenticator: BearerTokenAuthenticator, _ body: @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        typealias Context = BasicAuthRequestContext<AccessToken>
        let router = Router(context: Context.self)
        router.group("orders").add(middleware: OAuthJWTAuthenticator<Context>(authenticator))
            .get { _, context in
                let claims = try context.requireIdentity().claims
                return claims.subject ?? claims.clientID ?? "-"
            }
        try await Application(router: router).test(.router, body)
    }
}

/// An administrator session on the glewlwyd of `GLEWLWYD_URL`.
struct Glewlwyd: Sendable {
    static var url: String? { ProcessInfo.processInfo.environment["GLEWLWYD_URL"].flatMap { $0.isEmpty ? nil : $0 } }

    struct Issuer: Sendable {
        let name: String
        /// The issuer identifier, which is also where its metadata is (`/.well-known/openid-configuration` below).
        let url: String
    }

    struct Client: Sendable {
        let id: String
        let secret: String
    }

    let base: String
    let cookie: String

    /// Logs in as the package's administrator.
    static func session() async throws -> Glewlwyd {
        let base = try #require(url)
        let login = try await HTTP.call(
            base + "/api/auth/", method: "POST", headers: [("Content-Type", "application/json")],
            body: #"{"username":"admin","password":"password"}"#)
        #expect(login.status == 200)
        let cookie = try #require(login.header("Set-Cookie")?.split(separator: ";").first.map(String.init))
        return Glewlwyd(base: base, cookie: cookie)
    }

    @discardableResult
    private func admin(_ path: String, _ body: JSONValue, expecting: Set<Int> = [200]) async throws -> Int {
        let reply = try await HTTP.call(
            base + "/api" + path, method: "POST", headers: [("Content-Type", "application/json"), ("Cookie", cookie)],
            body: String(decoding: body.serialized(), as: UTF8.self))
        #expect(expecting.contains(reply.status), "POST \(path): \(reply.status) \(reply.body)")
        return reply.status
    }

    /// A new OpenID Connect plugin instance that signs access tokens with a new key of `algorithm`, with client
    /// credentials, DPoP, RFC 8707 resources and introspection on.
    func addIssuer(algorithm: JWSAlgorithm) async throws -> Issuer {
        let name = "oidc_" + UUID().uuidString.prefix(8).lowercased()
        let key = try JWSKey.generate(for: algorithm, keyID: algorithm.rawValue)
        var jwk = try key.privateJWK().objectValue ?? [:]
        jwk["alg"] = .string(algorithm.rawValue)
        let issuer = Issuer(name: name, url: base + "/api/" + name)
        try await admin(
            "/mod/plugin/",
            [
                "module": "oidc", "name": .string(name), "display_name": .string(name), "enabled": true,
                "parameters": [
                    "iss": .string(issuer.url),
                    "jwks-private": .string(
                        String(decoding: JSONValue.object(["keys": [.object(jwk)]]).serialized(), as: UTF8.self)),
                    "default-kid": .string(algorithm.rawValue), "code-duration": 600, "refresh-token-duration": 3600,
                    "access-token-duration": 3600, "allow-non-oidc": true, "auth-type-client-enabled": true,
                    "oauth-dpop-allowed": true, "oauth-dpop-iat-duration": 60,
                    "introspection-revocation-allowed": true, "introspection-revocation-allow-target-client": true,
                    "resource-allowed": true, "resource-client-property": "resource",
                ],
            ])
        return issuer
    }

    /// A confidential client allowed the client-credentials grant, the scope `orders` and the resource
    /// ``GlewlwydTests/resource``.
    func addClient(issuer: Issuer) async throws -> Glewlwyd.Client {
        let client = Client(id: "client_" + UUID().uuidString.prefix(8).lowercased(), secret: UUID().uuidString)
        // 400 when an earlier test made the scope already.
        try await admin(
            "/scope/",
            ["name": "orders", "display_name": "orders", "description": "orders", "password_required": false],
            expecting: [200, 400])
        try await admin(
            "/client/",
            [
                "client_id": .string(client.id), "client_name": .string(client.id),
                "client_secret": .string(client.secret),
                "confidential": true, "authorization_type": ["client_credentials"], "scope": ["orders"],
                "enabled": true,
                "token_endpoint_auth_method": ["client_secret_basic"], "resource": [.string(GlewlwydTests.resource)],
            ])
        return client
    }

    /// An access token for `client` from `issuer`'s token endpoint (client credentials, scope `orders`, resource
    /// ``GlewlwydTests/resource``).
    func token(issuer: Issuer, client: Glewlwyd.Client) async throws -> String {
        try await tokenResponse(issuer: issuer, client: client, dpopProof: nil).token
    }

    /// Revokes `token` at `issuer`'s revocation endpoint (RFC 7009) as `client`.
    func revoke(_ token: String, issuer: Issuer, client: Glewlwyd.Client) async throws {
        let credentials = Data("\(client.id):\(client.secret)".utf8).base64EncodedString()
        let reply = try await HTTP.call(
            issuer.url + "/revoke", method: "POST",
            headers: [
                ("Content-Type", "application/x-www-form-urlencoded"), ("Authorization", "Basic \(credentials)"),
            ],
            body: "token=\(token)&token_type_hint=access_token")
        #expect(reply.status == 200, "revoke: \(reply.status) \(reply.body)")
    }

    /// The same, with a DPoP proof for the token request when given; also returns the `token_type`.
    func tokenResponse(issuer: Issuer, client: Glewlwyd.Client, dpopProof: String?) async throws
        -> (token: String, type: String?)
    {
        let credentials = Data("\(client.id):\(client.secret)".utf8).base64EncodedString()
        var headers = [
            ("Content-Type", "application/x-www-form-urlencoded"), ("Authorization", "Basic \(credentials)"),
        ]
        if let dpopProof { headers.append(("DPoP", dpopProof)) }
        let reply = try await HTTP.call(
            issuer.url + "/token", method: "POST", headers: headers,
            body: "grant_type=client_credentials&scope=orders&resource=https%3A%2F%2Fapi.test")
        #expect(reply.status == 200, "\(reply.body)")
        let document = try JSONValue(parsing: Array(reply.body.utf8))
        return (try #require(document["access_token"]?.stringValue), document["token_type"]?.stringValue)
    }
}
