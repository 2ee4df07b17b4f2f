public import AsyncHTTPClient
public import NIOSSL

extension TLSFixtures {
    /// A server configuration with ``serverCertificate``, asking clients for a certificate (optional, so a client
    /// without one still connects) and trusting ``caCertificate`` to verify it.
    public static func serverConfiguration() throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(try certificate(serverCertificate))],
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(serverKey.utf8), format: .pem)))
        configuration.certificateVerification = .optionalVerification
        configuration.trustRoots = .certificates([try certificate(caCertificate)])
        return configuration
    }

    /// Runs `body` with an HTTP/1.1 client that trusts ``caCertificate`` and, when `presentingCertificate`, presents
    /// ``clientCertificate``; shuts the client down afterwards.
    public static func withHTTPClient<Value>(
        presentingCertificate: Bool, _ body: (HTTPClient) async throws -> Value
    ) async throws -> Value {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates([try certificate(caCertificate)])
        if presentingCertificate {
            tls.certificateChain = [.certificate(try certificate(clientCertificate))]
            tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(clientKey.utf8), format: .pem))
        }
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
        configuration.httpVersion = .http1Only
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        let result: Result<Value, any Error>
        do {
            result = .success(try await body(client))
        } catch {
            result = .failure(error)
        }
        try await client.shutdown()
        return try result.get()
    }

    /// Parses one of the PEM certificates above.
    public static func certificate(_ pem: String) throws -> NIOSSLCertificate {
        try NIOSSLCertificate(bytes: Array(pem.utf8), format: .pem)
    }
}
