import Foundation
import HTTPTypes
import JOSE
import OAuthJWT
import OAuthJWTTesting
import RemoteJWKS
import Testing
import Vapor
import VaporOAuthJWT

/// The user's own type, decoded from the token's claims and logged in beside the `AccessToken`.
struct TenantUser: Authenticatable, Decodable, Sendable {
    let sub: String
    let tenant: String
}

/// Vapor's own Basic authenticator, logging in a fixed `TenantUser`: another authenticator of the chain.
struct FixedBasicAuthenticator: AsyncBasicAuthenticator {
    func authenticate(basic: BasicAuthorization, for request: Request) async throws {
        if basic.username == "user", basic.password == "password" {
            request.auth.login(TenantUser(sub: "basic-user", tenant: "internal"))
        }
    }
}

@Suite struct VaporAdapterTests {
    let issuer: TestIssuer
    let authenticator: BearerTokenAuthenticator

    init() throws {
        issuer = try TestIssuer(keyID: "live-1")
        authenticator = try issuer.authenticator()
    }

    /// `/any` behind the authenticator; `/read` and `/claim` with route requirements on top of the same one.
    func routes(_ app: Application) throws {
        let api = app.grouped(OAuthJWTAuthenticator(authenticator))
        api.get("any") { request in try request.auth.require(AccessToken.self).claims.subject ?? "-" }
        api.grouped(AccessRequirementMiddleware(try authenticator.authorizer(for: .init(scopes: .allOf("read")))))
            .get("read") { _ in "read" }
        api.grouped(
            AccessRequirementMiddleware(
                try authenticator.authorizer(
                    for: .init(claimRules: [.present("sub"), .equals("myClaim", "someRequiredValue")])))
        ).get("claim") { _ in "claim" }
    }

    /// Asserts that a live reply is exactly the rejection the framework-agnostic core computes.
    func expect(_ reply: HTTP.Reply, is rejection: BearerRejection, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(reply.status == rejection.response.status.code, sourceLocation: sourceLocation)
        for name in [HTTPField.Name.wwwAuthenticate, .retryAfter, .contentType] {
            #expect(
                reply.headers(name.rawName) == rejection.response.headerFields[values: name],
                "\(name)", sourceLocation: sourceLocation)
        }
        #expect(reply.body == rejection.body, sourceLocation: sourceLocation)
    }

    @Test func everyRejectionIsTheCoresExactResponse() async throws {
        let valid = try issuer.token()
        let expired = try issuer.token(now: Date().addingTimeInterval(-7200))
        let writeScope = try issuer.token(["scope": "write"])
        let read = try authenticator.authorizer(for: .init(scopes: .allOf("read")))
        let claim = try authenticator.authorizer(for: .init(claimRules: [.equals("myClaim", "someRequiredValue")]))
        let core = try #require(
            await authenticator.authenticate(headerFields: [.authorization: "Bearer \(valid)"]).token)
        try await VaporLiveApp.run(routes: routes) { base in
            let ok = try await HTTP.call(base + "/any", headers: [("Authorization", "Bearer \(valid)")])
            #expect(ok.status == 200)
            #expect(ok.body == "alice")

            expect(try await HTTP.call(base + "/any"), is: authenticator.rejection(.missingToken))
            #expect(try await HTTP.call(base + "/any").header("WWW-Authenticate") == #"Bearer realm="live""#)
            let malformed = try await HTTP.call(base + "/any", headers: [("Authorization", "Bearer a b")])
            expect(malformed, is: try #require(await authenticator.authenticate(token: "a b").rejection))
            let late = try await HTTP.call(base + "/any", headers: [("Authorization", "Bearer \(expired)")])
            expect(late, is: authenticator.rejection(.invalidToken(.expired)))
            #expect(late.status == 401)

            let noScope = try await HTTP.call(base + "/read", headers: [("Authorization", "Bearer \(writeScope)")])
            expect(noScope, is: try #require(read.authorize(core).rejection))
            #expect(noScope.status == 403)
            #expect(noScope.header("WWW-Authenticate")?.hasSuffix(#"scope="read""#) == true)
            let noClaim = try await HTTP.call(base + "/claim", headers: [("Authorization", "Bearer \(valid)")])
            expect(noClaim, is: try #require(claim.authorize(core).rejection))
            #expect(noClaim.status == 403)

            // Two Authorization fields stay two through Vapor's headers: 400, not the first token read.
            let twice = try await HTTP.call(
                base + "/any", headers: [("Authorization", "Bearer \(valid)"), ("Authorization", "Bearer \(valid)")])
            expect(
                twice,
                is: try #require(
                    await authenticator.authenticate(headerFields: [
                        .authorization: "Bearer \(valid)", .authorization: "Bearer \(valid)",
                    ]).rejection))
            #expect(twice.status == 400)
        }
    }

    @Test func keyServerDownIs503WithRetryAfter() async throws {
        try await JWKSTestServer.run { server in
            server.setMode(.status(500))
            var configuration = TestIssuer.authenticatorConfiguration()
            configuration.retryAfter = .seconds(7)
            let remote = try BearerTokenAuthenticator(
                keys: try RemoteJWKS(url: server.jwksURL), configuration: configuration)
            try await VaporLiveApp.run(
                routes: { app in
                    app.grouped(OAuthJWTAuthenticator(remote)).get("any") { _ in "ok" }
                },
                test: { base in
                    let reply = try await HTTP.call(
                        base + "/any", headers: [("Authorization", "Bearer \(try issuer.token())")])
                    expect(reply, is: remote.rejection(.keySourceUnavailable))
                    #expect(reply.status == 503)
                    #expect(reply.header("Retry-After") == "7")
                    #expect(reply.header("WWW-Authenticate") == nil)
                })
        }
    }

    @Test func userTypeIsDecodedAndLoggedInBesideTheToken() async throws {
        try await VaporLiveApp.run(
            routes: { app in
                app.grouped(OAuthJWTAuthenticator(authenticator, user: TenantUser.self)).get("me") { request in
                    let user = try request.auth.require(TenantUser.self)
                    let token = try request.auth.require(AccessToken.self)
                    return "\(user.sub)@\(user.tenant) kid=\(token.jwt?.header.keyID ?? "-")"
                }
            },
            test: { base in
                let ok = try await HTTP.call(
                    base + "/me", headers: [("Authorization", "Bearer \(try issuer.token(["tenant": "acme"]))")])
                #expect(ok.body == "alice@acme kid=live-1")
                let noTenant = try await HTTP.call(
                    base + "/me", headers: [("Authorization", "Bearer \(try issuer.token())")])
                expect(noTenant, is: authenticator.rejection(.invalidToken(.invalidClaim)))
                #expect(noTenant.status == 401)
            })
    }

    @Test func optionalModeWithTheGuardAndAnotherAuthenticator() async throws {
        try await VaporLiveApp.run(
            routes: { app in
                // Optional: anonymous requests reach the handler, bad tokens never do.
                app.grouped(OAuthJWTAuthenticator(authenticator, mode: .optional)).get("feed") { request in
                    request.auth.get(AccessToken.self)?.claims.subject ?? "anonymous"
                }
                // Optional, then the guard: the plain RFC 6750 challenge for anonymous requests.
                app.grouped(
                    OAuthJWTAuthenticator(authenticator, mode: .optional), OAuthJWTGuardMiddleware(authenticator)
                )
                .get("guarded") { _ in "ok" }
                // Vapor's Basic authenticator first; the required bearer authenticator lets its user through.
                app.grouped(FixedBasicAuthenticator(), OAuthJWTAuthenticator(authenticator, user: TenantUser.self))
                    .get("either") { request in try request.auth.require(TenantUser.self).sub }
            },
            test: { base in
                #expect(try await HTTP.call(base + "/feed").body == "anonymous")
                let bearer = [("Authorization", "Bearer \(try issuer.token())")]
                #expect(try await HTTP.call(base + "/feed", headers: bearer).body == "alice")
                let forged = try await HTTP.call(
                    base + "/feed", headers: [("Authorization", "Bearer \(try TestIssuer(keyID: "live-1").token())")])
                expect(forged, is: authenticator.rejection(.invalidToken(.invalidSignature)))

                expect(try await HTTP.call(base + "/guarded"), is: authenticator.rejection(.missingToken))
                #expect(try await HTTP.call(base + "/guarded", headers: bearer).body == "ok")

                let basic = [("Authorization", "Basic dXNlcjpwYXNzd29yZA==")]
                #expect(try await HTTP.call(base + "/either", headers: basic).body == "basic-user")
                let tenantToken = [("Authorization", "Bearer \(try issuer.token(["tenant": "acme"]))")]
                #expect(try await HTTP.call(base + "/either", headers: tenantToken).body == "alice")
                expect(try await HTTP.call(base + "/either"), is: authenticator.rejection(.missingToken))
            })
    }

    @Test func formBodyAndQueryTokensWhenEnabled() async throws {
        var configuration = TestIssuer.authenticatorConfiguration()
        configuration.tokenLocations = [.authorizationHeader, .formBody, .query]
        let locations = try BearerTokenAuthenticator(
            keys: StaticKeySource(key: try issuer.key.publicKey()), configuration: configuration)
        let token = try issuer.token()
        try await VaporLiveApp.run(
            routes: { app in
                let api = app.grouped(OAuthJWTAuthenticator(locations))
                api.post("form") { request in
                    "\(try request.auth.require(AccessToken.self).claims.subject ?? "-") body=\(request.body.string?.utf8.count ?? 0)"
                }
                api.get("query") { request in try request.auth.require(AccessToken.self).claims.subject ?? "-" }
            },
            test: { base in
                let form = "access_token=\(token)&note=kept"
                let posted = try await HTTP.call(
                    base + "/form", method: "POST", headers: [("Content-Type", "application/x-www-form-urlencoded")],
                    body: form)
                #expect(posted.body == "alice body=\(form.utf8.count)")
                #expect(try await HTTP.call(base + "/query?access_token=\(token)").body == "alice")
                let both = try await HTTP.call(
                    base + "/query?access_token=\(token)", headers: [("Authorization", "Bearer \(token)")])
                #expect(both.status == 400)
            })
    }

    @Test func routeRequirementsShareTheGroupAuthenticatorsCache() async throws {
        let token = try issuer.token(["scope": "read", "myClaim": "someRequiredValue"])
        try await VaporLiveApp.run(routes: routes) { base in
            for path in ["/any", "/read", "/claim"] {
                let reply = try await HTTP.call(base + path, headers: [("Authorization", "Bearer \(token)")])
                #expect(reply.status == 200)
            }
            // The requirement is checked on the cached token: without `myClaim` the claim route refuses it.
            let other = [("Authorization", "Bearer \(try issuer.token(["scope": "read", "sub": "bob"]))")]
            #expect(try await HTTP.call(base + "/read", headers: other).status == 200)
            #expect(try await HTTP.call(base + "/claim", headers: other).status == 403)
        }
        // One entry per token, in the group authenticator's cache: the routes verified nothing of their own.
        #expect(authenticator.cachedTokenCount == 2)
    }

    @Test func headerConversionKeepsTheAuthenticationFieldsInOrderAndRepeated() {
        let vapor: HTTPHeaders = [
            "Authorization": "Bearer a", "X-Trace": "1", "authorization": "Bearer b", "Cookie": "session=secret",
            "CONTENT-TYPE": "application/x-www-form-urlencoded",
        ]
        let fields = HTTPFields(authenticationFieldsOf: vapor)
        #expect(fields[values: .authorization] == ["Bearer a", "Bearer b"])
        #expect(fields[.contentType] == "application/x-www-form-urlencoded")
        #expect(fields.map(\.value) == ["Bearer a", "Bearer b", "application/x-www-form-urlencoded"])
        let back = HTTPHeaders(
            HTTPFields([
                HTTPField(name: .wwwAuthenticate, value: "Bearer"), HTTPField(name: .wwwAuthenticate, value: "DPoP"),
                HTTPField(name: .retryAfter, value: "7"),
            ]))
        #expect(back.map(\.name) == ["WWW-Authenticate", "WWW-Authenticate", "Retry-After"])
        #expect(back.map(\.value) == ["Bearer", "DPoP", "7"])
    }
}
