import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import HummingbirdOAuthJWT
import HummingbirdTesting
import JOSE
import OAuthJWT
import OAuthJWTTesting
import Testing

/// The user's own claims type, decoded once per request into `TokenIdentity`.
struct OrderClaims: Decodable, Sendable {
    let sub: String
    let tenant: String
}

/// Counts the errors that travel back through the middleware chain, as an error or metrics middleware sees them.
struct ErrorObserver<Context: RequestContext>: RouterMiddleware {
    let seen: Locked<[HTTPResponse.Status]>
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError {
            seen.withLock { $0.append(error.status) }
            throw error
        }
    }
}

/// Accepts `Authorization: Basic` for one fixed user, as another authenticator of the chain.
struct FixedBasicAuthenticator<Context: AuthRequestContext>: AuthenticatorMiddleware
where Context.Identity == AccessToken {
    let token: AccessToken
    func authenticate(request: Request, context: Context) async throws -> AccessToken? {
        request.headers[.authorization] == "Basic dXNlcjpwYXNzd29yZA==" ? token : nil
    }
}

@Suite struct AuthIdiomTests {
    let issuer: TestIssuer
    let authenticator: BearerTokenAuthenticator

    init() throws {
        issuer = try TestIssuer(keyID: "live-1")
        authenticator = try issuer.authenticator()
    }

    func run<Identity: Sendable>(
        _ router: Router<BasicAuthRequestContext<Identity>>,
        _ body: @Sendable (any TestClientProtocol) async throws -> Void
    )
        async throws
    {
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live, body)
    }

    @Test func typedClaimsAreDecodedOnceIntoTheIdentity() async throws {
        typealias Context = BasicAuthRequestContext<TokenIdentity<OrderClaims>>
        let router = Router(context: Context.self)
        router.group("orders").add(middleware: OAuthJWTAuthenticator<Context>(authenticator))
            .get { _, context in
                let identity = try context.requireIdentity()
                return
                    "\(identity.claims.sub)@\(identity.claims.tenant) kid=\(identity.accessToken.jwt?.header.keyID ?? "-")"
            }
        let withTenant = try issuer.token(["tenant": "acme"])
        let withoutTenant = try issuer.token()
        try await run(router) { client in
            // Twice each: verified, then decided from the verified-token cache; the identity is made either way.
            for _ in 0..<2 {
                let ok = try await client.get("/orders", token: withTenant)
                #expect(ok.text == "alice@acme kid=live-1")
                // Valid signature, but the claims lack what the server's type needs: 401 invalid_token, handler not
                // run.
                let noTenant = try await client.get("/orders", token: withoutTenant)
                #expect(noTenant.status == .unauthorized)
                #expect(noTenant.challenge?.contains(#"error="invalid_token""#) == true)
                #expect(noTenant.text.hasPrefix(#"{"error":"invalid_token""#))
            }
        }
        #expect(authenticator.cachedTokenCount == 2)
    }

    @Test func optionalModeLetsAnonymousRequestsThroughButNeverABadToken() async throws {
        typealias Context = BasicAuthRequestContext<AccessToken>
        let router = Router(context: Context.self)
        router.group("feed").add(middleware: OAuthJWTAuthenticator<Context>(authenticator, mode: .optional))
            .get { _, context in context.identity?.claims.subject ?? "anonymous" }
        try await run(router) { client in
            #expect(try await client.get("/feed").text == "anonymous")
            #expect(try await client.get("/feed", authorization: ["Basic dXNlcjpwYXNzd29yZA=="]).text == "anonymous")
            #expect(try await client.get("/feed", token: try issuer.token()).text == "alice")
            let forged = try await client.get("/feed", token: try TestIssuer(keyID: "live-1").token())
            #expect(forged.status == .unauthorized)
            #expect(forged.challenge?.contains(#"error="invalid_token""#) == true)
            let malformed = try await client.get("/feed", authorization: ["Bearer a b"])
            #expect(malformed.status == .badRequest)
        }
    }

    @Test func chainsWithAnotherAuthenticator() async throws {
        typealias Context = BasicAuthRequestContext<AccessToken>
        let serviceToken = AccessToken(
            try await JWTVerifier(
                keys: StaticKeySource(key: try issuer.key.publicKey()),
                options: JWTValidationOptions(issuers: [TestIssuer.issuer], audiences: [TestIssuer.audience])
            ).verify(try issuer.token(["sub": "service"])))
        let router = Router(context: Context.self)
        router.group("api")
            .add(middleware: FixedBasicAuthenticator<Context>(token: serviceToken))
            .add(middleware: OAuthJWTAuthenticator<Context>(authenticator))  // required, after Basic
            .get { _, context in try context.requireIdentity().claims.subject ?? "-" }
        try await run(router) { client in
            // Basic authenticated it first: the required bearer authenticator lets it through.
            #expect(try await client.get("/api", authorization: ["Basic dXNlcjpwYXNzd29yZA=="]).text == "service")
            #expect(try await client.get("/api", token: try issuer.token()).text == "alice")
            let nobody = try await client.get("/api")
            #expect(nobody.status == .unauthorized)
            #expect(nobody.challenge == #"Bearer realm="live""#)
        }
    }

    @Test func rejectionsAreThrownSoErrorMiddlewareSeesThem() async throws {
        typealias Context = BasicAuthRequestContext<AccessToken>
        let seen = Locked<[HTTPResponse.Status]>([])
        let router = Router(context: Context.self)
        router.add(middleware: ErrorObserver(seen: seen))
        let api = router.group("api").add(middleware: OAuthJWTAuthenticator<Context>(authenticator))
        api.get("any") { _, _ in "ok" }
        api.group("read")
            .add(
                middleware: AccessRequirementMiddleware(
                    try authenticator.authorizer(for: .init(scopes: .allOf("read"))))
            )
            .get { _, _ in "ok" }
        router.get("wrapped", use: authenticator.secure { _, _, _ in "ok" })
        try await run(router) { client in
            let none = try await client.get("/api/any")
            #expect(none.status == .unauthorized)
            #expect(none.headers[.contentType] == "application/json")
            #expect(none.text == #"{"error":"unauthorized"}"#)
            let noScope = try await client.get("/api/read", token: try issuer.token())
            #expect(noScope.status == .forbidden)
            #expect(noScope.challenge?.hasSuffix(#"scope="read""#) == true)
            #expect(try await client.get("/wrapped").status == .unauthorized)
            #expect(try await client.get("/api/read", token: try issuer.token(["scope": "read"])).text == "ok")
        }
        #expect(seen.withLock { $0 } == [.unauthorized, .forbidden, .unauthorized])
    }

    @Test func requirementWithoutAnAuthenticatorBeforeItIsAPlainChallenge() async throws {
        typealias Context = BasicAuthRequestContext<AccessToken>
        let router = Router(context: Context.self)
        let requirement = try authenticator.authorizer(for: .init(claimRules: [.equals("roles", "admin")]))
        router.group("admin").add(middleware: AccessRequirementMiddleware(requirement)).get { _, _ in "ok" }
        try await run(router) { client in
            let response = try await client.get("/admin", token: try issuer.token(["roles": ["admin"]]))
            #expect(response.status == .unauthorized)
            #expect(response.challenge == #"Bearer realm="live""#)
        }
    }

    @Test func routeRequirementsShareTheGroupAuthenticatorsCache() async throws {
        typealias Context = BasicAuthRequestContext<AccessToken>
        let router = Router(context: Context.self)
        let api = router.group("api").add(middleware: OAuthJWTAuthenticator<Context>(authenticator))
        api.group("read")
            .add(
                middleware: AccessRequirementMiddleware(
                    try authenticator.authorizer(for: .init(scopes: .allOf("read"))))
            )
            .get { _, _ in "read" }
        api.group("admin")
            .add(
                middleware: AccessRequirementMiddleware(
                    try authenticator.authorizer(for: .init(claimRules: [.equals("roles", "admin")])))
            )
            .get { _, _ in "admin" }
        let token = try issuer.token(["scope": "read", "roles": ["admin"]])
        try await run(router) { client in
            let read = try await client.get("/api/read", token: token)
            #expect(read.text == "read")
            #expect(try await client.get("/api/admin", token: token).text == "admin")
            // The requirement is checked on the cached token: a reader without the role is refused at that route.
            let reader = try issuer.token(["scope": "read", "sub": "bob"])
            #expect(try await client.get("/api/read", token: reader).text == "read")
            #expect(try await client.get("/api/admin", token: reader).status == .forbidden)
        }
        // One entry per token, in the group authenticator's cache: the routes verified nothing of their own.
        #expect(authenticator.cachedTokenCount == 2)
    }
}
