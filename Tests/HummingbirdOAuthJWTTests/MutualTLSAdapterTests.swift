import AsyncHTTPClient
import Hummingbird
import HummingbirdAuth
import HummingbirdOAuthJWT
import HummingbirdTLS
import JOSE
import Logging
import NIOCore
import NIOSSL
import OAuthJWT
import OAuthJWTTesting
import Testing

/// Certificate-bound tokens (RFC 8705 §3) over a real mutual-TLS connection to a real Hummingbird server
/// (HummingbirdTLS): the context reads the client certificate off its channel, as `ClientCertificateRequestContext`
/// documents.
@Suite struct MutualTLSAdapterTests {
    /// The context of the protocol's documentation.
    struct CertificateContext: AuthRequestContext, ClientCertificateRequestContext {
        var coreContext: CoreRequestContextStorage
        var identity: AccessToken?
        let channel: any Channel

        init(source: ApplicationRequestContextSource) {
            coreContext = .init(source: source)
            channel = source.channel
        }

        func clientCertificate() async -> [UInt8]? {
            try? await channel.nioSSL_peerCertificate().get()?.toDERBytes()
        }
    }

    @Test func boundTokenNeedsTheCertificateOfTheConnection() async throws {
        let issuer = try TestIssuer()
        var configuration = TestIssuer.authenticatorConfiguration()
        configuration.certificateBinding = .tlsConnection
        let authenticator = try issuer.authenticator(configuration: configuration)
        let bound = try issuer.token(["cnf": ["x5t#S256": .string(TLSFixtures.clientThumbprint)]])
        let otherBound = try issuer.token(["cnf": ["x5t#S256": "lJst62rMuD_RPQ2mVN70iNrpuNp24McYbvWs0rZrM6w"]])
        let plain = try issuer.token()

        let router = Router(context: CertificateContext.self)
        router.group("orders").add(middleware: OAuthJWTAuthenticator<CertificateContext>(authenticator))
            .get { _, context in try context.requireIdentity().claims.subject ?? "-" }
        try await withServer(router) { base in
            try await TLSFixtures.withHTTPClient(presentingCertificate: true) { client in
                let accepted = try await status(of: base, token: bound, with: client)
                #expect(accepted == 200)
                let other = try await status(of: base, token: otherBound, with: client)
                #expect(other == 401)
                let unbound = try await status(of: base, token: plain, with: client)
                #expect(unbound == 200)
            }
            try await TLSFixtures.withHTTPClient(presentingCertificate: false) { client in
                let withoutCertificate = try await status(of: base, token: bound, with: client)
                #expect(withoutCertificate == 401)
                let unbound = try await status(of: base, token: plain, with: client)
                #expect(unbound == 200)
            }
        }
    }

    private func status(of base: String, token: String, with client: HTTPClient) async throws -> Int {
        var request = HTTPClientRequest(url: base + "/orders")
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        let response = try await client.execute(request, timeout: .seconds(30))  // as `HTTPCall`: generous under load
        _ = try await response.body.collect(upTo: 64 * 1024)
        return Int(response.status.code)
    }

    /// Runs `router` behind TLS on 127.0.0.1, asking clients for a certificate issued by the test CA (optional).
    private func withServer(
        _ router: Router<CertificateContext>, _ body: @escaping @Sendable (String) async throws -> Void
    ) async throws {
        let tls = try TLSFixtures.serverConfiguration()
        var logger = Logger(label: "mtls-hummingbird")
        logger.logLevel = .critical  // cancelling the service at the end logs the cancelled connections
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router, server: try .tls(.http1(), tlsConfiguration: tls),
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService() }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            defer { group.cancelAll() }
            try await body("https://127.0.0.1:\(port)")
        }
    }
}
