import HTTPTypes
import Hummingbird
import HummingbirdAuth
import HummingbirdOAuthJWT
import HummingbirdTesting
import JOSE
import OAuthJWT
import OAuthJWTTesting
import Testing

/// What the adapter logs about rejections, at every level: the reason, never the token, a proof or a certificate.
@Suite struct RejectionLoggingTests {
    @Test func rejectionsAreLoggedWithoutTokensProofsOrCertificates() async throws {
        let issuer = try TestIssuer()
        let client = try DPoPTestClient()
        var configuration = TestIssuer.authenticatorConfiguration()
        configuration.dpop = .allowed(origin: .fixed("http://localhost"))
        configuration.certificateBinding = .clientCertificateHeader()
        let authenticator = try issuer.authenticator(configuration: configuration)
        typealias Context = BasicAuthRequestContext<AccessToken>
        let router = Router(context: Context.self)
        router.group("orders").add(middleware: OAuthJWTAuthenticator<Context>(authenticator))
            .add(
                middleware: AccessRequirementMiddleware(
                    try authenticator.authorizer(for: AccessRequirement(scopes: .allOf("admin"))))
            )
            .get { _, _ in "ok" }
        let capture = LogCapture()

        let valid = try issuer.token()
        let expired = try issuer.expiredToken()
        let bound = try issuer.token(try client.confirmation)
        let forged = try TestIssuer().token()
        let proof = try client.proof(method: "GET", url: "http://localhost/other", accessToken: bound)
        let certificate = ":MIIBlDCCATugAwIBAgIUBTerQnzDhblxx1RNjx0Hch7:"
        var dpopFields = HTTPFields()
        dpopFields[.authorization] = "DPoP \(bound)"
        dpopFields[DPoPTestClient.dpopField] = proof
        var certificateFields = HTTPFields.bearer(try issuer.token(["cnf": ["x5t#S256": "abc"]]))
        certificateFields[.clientCert] = certificate

        let requests = [
            HTTPFields.bearer(valid), .bearer(expired), .bearer(forged), .bearer(bound), .bearer("a b"), dpopFields,
            certificateFields,
        ]
        try await Application(router: router, logger: capture.logger).test(.router) { http in
            for fields in requests {
                try await http.execute(uri: "/orders", method: .get, headers: fields) { response in
                    #expect([400, 401, 403].contains(response.status.code))
                }
            }
        }
        let text = capture.text
        #expect(text.contains("invalid_token"))  // the reasons are there
        #expect(text.contains("invalid_dpop_proof"))
        for secret in [valid, expired, bound, forged, proof] {
            for part in secret.split(separator: ".") where part.count > 8 {
                #expect(!text.contains(part), "a token or proof part was logged")
            }
        }
        #expect(!text.contains("MIIBlDCCATugAwIBAgIUBTerQnzDhblxx1RNjx0Hch7"))
    }
}
