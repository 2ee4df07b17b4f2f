import AsyncHTTPClient
import JOSE
import NIOCore
import NIOSSL
import OAuthJWT
import OAuthJWTTesting
import Testing
import Vapor
import VaporOAuthJWT
import X509

/// Certificate-bound tokens (RFC 8705 §3) over a real mutual-TLS connection to a real Vapor server: the adapter
/// takes the client certificate from `Request.peerCertificateChain`, which Vapor fills from the handshake.
@Suite struct MutualTLSTests {
    let issuer: TestIssuer
    let authenticator: BearerTokenAuthenticator

    init() throws {
        issuer = try TestIssuer()
        var configuration = TestIssuer.authenticatorConfiguration()
        configuration.certificateBinding = .tlsConnection
        authenticator = try issuer.authenticator(configuration: configuration)
    }

    func token(boundTo thumbprint: String) throws -> String {
        try issuer.token(["cnf": ["x5t#S256": .string(thumbprint)]])
    }

    @Test func boundTokenNeedsTheCertificateOfTheConnection() async throws {
        let bound = try token(boundTo: TLSFixtures.clientThumbprint)
        let other = try token(boundTo: "lJst62rMuD_RPQ2mVN70iNrpuNp24McYbvWs0rZrM6w")
        try await withMutualTLSServer { base in
            try await TLSFixtures.withHTTPClient(presentingCertificate: true) { client in
                let accepted = try await get(base, token: bound, with: client)
                #expect(accepted.status == 200)
                #expect(accepted.body == TestIssuer.subject)
                let otherCertificate = try await get(base, token: other, with: client)
                #expect(otherCertificate.status == 401)
                let unbound = try await get(base, token: try issuer.token(), with: client)
                #expect(unbound.status == 200)
            }
            try await TLSFixtures.withHTTPClient(presentingCertificate: false) { client in
                let withoutCertificate = try await get(base, token: bound, with: client)
                #expect(withoutCertificate.status == 401)
                let unboundWithoutCertificate = try await get(base, token: try issuer.token(), with: client)
                #expect(unboundWithoutCertificate.status == 200)
            }
        }
    }

    @Test func headerCannotStandInForTheConnection() async throws {
        let bound = try token(boundTo: TLSFixtures.clientThumbprint)
        let der = try TLSFixtures.certificate(TLSFixtures.clientCertificate).toDERBytes()
        try await withMutualTLSServer { base in
            try await TLSFixtures.withHTTPClient(presentingCertificate: false) { client in
                // With `.tlsConnection` a Client-Cert header is not read: a client cannot name a certificate.
                let header = ":" + Data(der).base64EncodedString() + ":"
                let named = try await get(base, token: bound, with: client, extra: [("Client-Cert", header)])
                #expect(named.status == 401)
            }
        }
    }

    private func get(
        _ base: String, token: String, with client: HTTPClient, extra: [(String, String)] = []
    ) async throws -> (status: Int, body: String) {
        var request = HTTPClientRequest(url: base + "/orders")
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        for (name, value) in extra { request.headers.add(name: name, value: value) }
        let response = try await client.execute(request, timeout: .seconds(30))  // as `HTTPCall`: generous under load
        let body = try await response.body.collect(upTo: 64 * 1024)
        return (Int(response.status.code), String(buffer: body))
    }

    /// A Vapor server on 127.0.0.1 that asks clients for a certificate (optional) and verifies it against the test
    /// CA with swift-certificates, handing the validated chain to `Request.peerCertificateChain`.
    private func withMutualTLSServer(_ body: @escaping @Sendable (String) async throws -> Void) async throws {
        let authenticator = authenticator
        let root = try Certificate(pemEncoded: TLSFixtures.caCertificate)
        try await VaporLiveApp.run(
            routes: { app in
                app.http.server.configuration.tlsConfiguration = try TLSFixtures.serverConfiguration()
                app.http.server.configuration.customCertificateVerifyCallbackWithMetadata = { presented, promise in
                    Task { promise.succeed(await Self.verify(presented, root: root)) }
                }
                app.grouped(OAuthJWTAuthenticator(authenticator)).get("orders") { request in
                    try request.auth.require(AccessToken.self).claims.subject ?? "-"
                }
            }, scheme: "https", test: body)
    }

    /// Verifies a presented chain against `root` (RFC 5280) and returns it as Vapor's validated chain.
    private static func verify(_ presented: [NIOSSLCertificate], root: Certificate) async
        -> NIOSSLVerificationResultWithMetadata
    {
        guard let chain = try? presented.map({ try Certificate(derEncoded: try $0.toDERBytes()) }),
            let leaf = chain.first
        else { return .failed }
        var verifier = Verifier(rootCertificates: CertificateStore([root])) { RFC5280Policy(validationTime: Date()) }
        let result = await verifier.validate(leafCertificate: leaf, intermediates: CertificateStore(chain.dropFirst()))
        guard case .validCertificate = result else { return .failed }
        return .certificateVerified(VerificationMetadata(ValidatedCertificateChain(presented)))
    }
}
