import HTTPTypes
import JOSE
import OAuthJWT
import OAuthJWTTesting
import Testing

/// Route-level requirements prepared against one authenticator.
@Suite struct AccessRequirementTests {
    @Test("a scope that could not be written into a challenge is refused when the authorizer is made")
    func unsafeScopesAreRefused() throws {
        let authenticator = try TestIssuer(keyID: "req-1").authenticator()
        for scope in ["", "two words", "quote\"", "back\\slash", "line\nbreak", "café"] {
            #expect(throws: BearerConfigurationError.invalidScope) {
                try authenticator.authorizer(for: AccessRequirement(scopes: .anyOf(scope)))
            }
        }
        _ = try authenticator.authorizer(for: AccessRequirement(scopes: .allOf("orders:read", "a-b_c.d/e")))
    }

    @Test("each part of a requirement rejects on its own, with the authenticator's realm and the route's scopes")
    func everyPartRejects() async throws {
        let issuer = try TestIssuer(keyID: "req-1")
        let authenticator = try issuer.authenticator()
        let headers: HTTPFields = [.authorization: "Bearer \(try issuer.token(["scope": "read", "role": "user"]))"]
        let token = try #require(await authenticator.authenticate(headerFields: headers).token)

        let scope = try authenticator.authorizer(for: .init(scopes: .allOf("read", "write")))
        let noScope = try #require(scope.authorize(token).rejection)
        #expect(noScope.reason == .insufficientScope)
        #expect(
            noScope.response.headerFields[.wwwAuthenticate]
                == #"Bearer realm="live", error="insufficient_scope", error_description="Token is missing some required scopes", scope="read write""#
        )
        let rule = try authenticator.authorizer(for: .init(claimRules: [.equals("role", "admin")]))
        #expect(rule.authorize(token).rejection?.reason == .claimRuleFailed)
        let predicate = try authenticator.authorizer(for: .init(predicate: { _ in false }))
        #expect(predicate.authorize(token).rejection?.reason == .claimRuleFailed)
        #expect(predicate.unauthenticated.response.headerFields[.wwwAuthenticate] == #"Bearer realm="live""#)
        #expect(predicate.unauthenticated.response.status == .unauthorized)

        let met = try authenticator.authorizer(
            for: .init(scopes: .anyOf("read"), claimRules: [.equals("role", "user")], predicate: { _ in true }))
        #expect(met.authorize(token).token != nil)
    }

    @Test("the mode lets only a missing token through, and a required one only after another authenticator")
    func modes() throws {
        let authenticator = try TestIssuer(keyID: "req-1").authenticator()
        let missing = authenticator.rejection(.missingToken)
        let bad = authenticator.rejection(.invalidToken(.invalidSignature))
        #expect(AuthenticationMode.optional.lets(missing, continueWhenAlreadyAuthenticated: false))
        #expect(!AuthenticationMode.required.lets(missing, continueWhenAlreadyAuthenticated: false))
        #expect(AuthenticationMode.required.lets(missing, continueWhenAlreadyAuthenticated: true))
        #expect(!AuthenticationMode.optional.lets(bad, continueWhenAlreadyAuthenticated: true))
        #expect(
            !AuthenticationMode.required.lets(
                authenticator.rejection(.invalidRequest), continueWhenAlreadyAuthenticated: true))
    }
}
