import HTTPTypes
import OAuthJWT
import OAuthJWTTesting
import Testing

/// What adapters read of a request besides its headers, decided in one place.
@Suite struct RequestPartsTests {
    @Test func formBodyIsReadOnlyWhenEnabledForAFormPostAndQueryOnlyWhenEnabled() throws {
        let issuer = try TestIssuer(keyID: "parts-1")
        let headerOnly = try issuer.authenticator()
        #expect(!headerOnly.readsQuery)
        #expect(!headerOnly.readsFormBody(method: .post, contentType: "application/x-www-form-urlencoded"))

        var configuration = TestIssuer.authenticatorConfiguration()
        configuration.tokenLocations = [.authorizationHeader, .formBody, .query]
        let all = try issuer.authenticator(configuration: configuration)
        #expect(all.readsQuery)
        #expect(all.readsFormBody(method: .post, contentType: "application/x-www-form-urlencoded"))
        #expect(all.readsFormBody(method: .put, contentType: " Application/X-WWW-Form-URLEncoded ; charset=utf-8"))
        #expect(!all.readsFormBody(method: .get, contentType: "application/x-www-form-urlencoded"))
        #expect(!all.readsFormBody(method: .head, contentType: "application/x-www-form-urlencoded"))
        #expect(!all.readsFormBody(method: .post, contentType: "application/x-www-form-urlencodedX"))
        #expect(!all.readsFormBody(method: .post, contentType: "application/json"))
        #expect(!all.readsFormBody(method: .post, contentType: nil))
    }
}
