import Foundation
import JOSE
import OAuthJWTTesting
import Testing

@testable import OAuthJWT

/// The one-line configuration snippets of the README's DPoP and certificate-binding sections compile, are in the
/// README as written here, and make an authenticator.
@Suite struct ReadmeSnippetTests {
    static let dpopLine = #"configuration.dpop = .allowed(origin: .fixed("https://api.example"))"#
    static let certificateLine = "configuration.certificateBinding = .clientCertificateHeader()"

    @Test func senderConstraintSnippets() throws {
        var configuration = BearerTokenAuthenticator.Configuration.test()
        configuration.dpop = .allowed(origin: .fixed("https://api.example"))
        configuration.certificateBinding = .clientCertificateHeader()
        let authenticator = try BearerTokenAuthenticator(
            keys: StaticKeySource(key: try TestIssuer().publicKey), configuration: configuration)
        #expect(authenticator.configuration.dpop.mode == .allowed)
        #expect(authenticator.configuration.certificateBinding.clientCertificateHeader == .clientCert)

        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        for line in [Self.dpopLine, Self.certificateLine] { #expect(readme.contains(line), "\(line)") }
    }
}
