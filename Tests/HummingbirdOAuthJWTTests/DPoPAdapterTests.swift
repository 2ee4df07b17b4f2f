import HTTPTypes
import Hummingbird
import HummingbirdAuth
import HummingbirdOAuthJWT
import HummingbirdTesting
import JOSE
import NIOCore
import OAuthJWT
import OAuthJWTTesting
import Testing

/// DPoP through Hummingbird: the adapter hands the authenticator the request's method and path.
@Suite struct DPoPAdapterTests {
    @Test func dpopBoundTokensThroughTheRouter() async throws {
        let issuer = try TestIssuer()
        let client = try DPoPTestClient()
        var configuration = TestIssuer.authenticatorConfiguration()
        configuration.dpop = .required(origin: .fixed("http://localhost"))
        let authenticator = try issuer.authenticator(configuration: configuration)
        typealias Context = BasicAuthRequestContext<AccessToken>
        let router = Router(context: Context.self)
        router.group("orders").add(middleware: OAuthJWTAuthenticator<Context>(authenticator))
            .post { _, context in try context.requireIdentity().claims.subject ?? "-" }
        let token = try issuer.token(try client.confirmation)
        try await Application(router: router).test(.router) { http in
            let fields = try client.fields(token: token, method: "POST", url: "http://localhost/orders")
            try await http.execute(uri: "/orders?page=1", method: .post, headers: fields) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == TestIssuer.subject)
            }
            try await http.execute(uri: "/orders", method: .post, headers: fields) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate]?.contains(#"error="invalid_dpop_proof""#) == true)
            }
            let forGet = try client.fields(token: token, method: "GET", url: "http://localhost/orders")
            try await http.execute(uri: "/orders", method: .post, headers: forGet) { response in
                #expect(response.status == .unauthorized)
            }
            try await http.execute(uri: "/orders", method: .post, headers: .bearer(try issuer.token())) { response in
                #expect(response.status == .badRequest)
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix(#"DPoP realm="live""#) == true)
            }
        }
    }
}
