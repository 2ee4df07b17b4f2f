import Foundation
import HTTPTypes
import JOSE
import OAuthJWT
import OAuthJWTTesting
import Testing

/// RFC 6750 §2: header by default, query and form body only when enabled, never two tokens.
@Suite struct TokenLocationTests {
    let issuer: TestIssuer

    init() throws { issuer = try TestIssuer(issuedAt: TestIssuer.start) }

    func authenticator(_ locations: TokenLocations) throws -> BearerTokenAuthenticator {
        var configuration = BearerTokenAuthenticator.Configuration.test()
        configuration.tokenLocations = locations
        return try BearerTokenAuthenticator(
            keys: StaticKeySource(key: try issuer.publicKey), configuration: configuration)
    }

    var formFields: HTTPFields {
        var fields = HTTPFields()
        fields[.contentType] = "application/x-www-form-urlencoded; charset=utf-8"
        return fields
    }

    @Test func queryIsIgnoredUnlessEnabled() async throws {
        let token = try issuer.token()
        let headerOnly = try authenticator(.authorizationHeader)
        #expect(
            await headerOnly.authenticate(headerFields: HTTPFields(), query: "access_token=\(token)").status
                == .unauthorized)
        let withQuery = try authenticator([.authorizationHeader, .query])
        #expect(
            await withQuery.authenticate(headerFields: HTTPFields(), query: "a=1&access_token=\(token)&b").isAuthorized)
    }

    @Test func headerAndQueryTogetherAreAnInvalidRequest() async throws {
        let token = try issuer.token()
        let withQuery = try authenticator([.authorizationHeader, .query])
        let result = await withQuery.authenticate(
            headerFields: HTTPFields.bearer(token), query: "access_token=\(token)")
        #expect(result.status == .badRequest)
        #expect(result.challenge?.contains(#"error="invalid_request""#) == true)
        // With the query location off, the same request simply uses the header.
        #expect(
            await (try authenticator(.authorizationHeader)).authenticate(
                headerFields: HTTPFields.bearer(token), query: "access_token=\(token)"
            ).isAuthorized)
    }

    @Test func twoQueryTokensAreAnInvalidRequest() async throws {
        let token = try issuer.token()
        let result = await (try authenticator(.query)).authenticate(
            headerFields: HTTPFields(), query: "access_token=\(token)&access_token=\(token)")
        #expect(result.status == .badRequest)
    }

    @Test func malformedQueryTokenIsAnInvalidRequest() async throws {
        let query = try authenticator(.query)
        #expect(await query.authenticate(headerFields: HTTPFields(), query: "access_token=a%2").status == .badRequest)
        #expect(await query.authenticate(headerFields: HTTPFields(), query: "access_token=a+b").status == .badRequest)
        #expect(await query.authenticate(headerFields: HTTPFields(), query: "access_token=").status == .badRequest)
    }

    @Test func percentEncodedQueryNameAndValueAreDecoded() async throws {
        let token = try issuer.token()
        let encoded = token.replacingOccurrences(of: ".", with: "%2E")
        #expect(
            await (try authenticator(.query)).authenticate(
                headerFields: HTTPFields(), query: "access%5Ftoken=\(encoded)"
            ).isAuthorized)
    }

    @Test func formBodyNeedsFormContentTypeAndOptIn() async throws {
        let token = try issuer.token()
        let body = Array("x=1&access_token=\(token)".utf8)
        #expect(
            await (try authenticator(.formBody)).authenticate(headerFields: formFields, formBody: body).isAuthorized)
        #expect(
            await (try authenticator(.formBody)).authenticate(headerFields: HTTPFields(), formBody: body).status
                == .unauthorized)
        #expect(
            await (try authenticator(.authorizationHeader)).authenticate(headerFields: formFields, formBody: body)
                .status == .unauthorized)
    }

    @Test func headerAndFormTogetherAreAnInvalidRequest() async throws {
        let token = try issuer.token()
        var fields = formFields
        fields[.authorization] = "Bearer \(token)"
        let result = await (try authenticator([.authorizationHeader, .formBody])).authenticate(
            headerFields: fields, formBody: Array("access_token=\(token)".utf8))
        #expect(result.status == .badRequest)
    }

    @Test func otherSchemeWithQueryTokenUsesTheQueryToken() async throws {
        let token = try issuer.token()
        let result = await (try authenticator([.authorizationHeader, .query])).authenticate(
            headerFields: HTTPFields.bearer("dXNlcg==", scheme: "Basic"), query: "access_token=\(token)")
        #expect(result.isAuthorized)
    }

    @Test func tokenEntryPointChecksSyntax() async throws {
        let authenticator = try authenticator(.authorizationHeader)
        #expect(await authenticator.authenticate(token: try issuer.token()).isAuthorized)
        #expect(await authenticator.authenticate(token: "a b").status == .badRequest)
    }
}
