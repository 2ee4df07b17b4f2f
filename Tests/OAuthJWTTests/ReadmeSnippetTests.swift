import Foundation
import JOSE
import OAuthJWTTesting
import RemoteJWKS
import Testing

@testable import OAuthJWT

/// The configuration snippets of the README's DPoP, certificate-binding and introspection sections compile, are in
/// the README as written here, and make an authenticator.
@Suite struct ReadmeSnippetTests {
    static let dpopLine = #"configuration.dpop = .allowed(origin: .fixed("https://api.example"))"#
    static let certificateLines = [
        "configuration.certificateBinding = .tlsConnection",
        "configuration.certificateBinding = .clientCertificateHeader()",
    ]
    static let decryptionLine =
        "configuration.decryption = JWTDecryption(keys: [try JWEKey(jwkJSON: privateEncryptionJWK)])"
    static let introspectionLines = [
        "let introspector = try RemoteTokenIntrospector(",
        "    configuration: IntrospectionConfiguration(",
        #"        endpoint: URL(string: "https://login.example.com/oauth2/introspect")!,"#,
        #"        clientAuthentication: .clientSecretBasic(clientID: "orders-api", secret: clientSecret),"#,
        #"        issuer: "https://login.example.com/"))"#,
        "configuration.introspection = .opaqueTokens(introspector)",
    ]

    @Test func senderConstraintSnippets() throws {
        var configuration = BearerTokenAuthenticator.Configuration.test()
        configuration.dpop = .allowed(origin: .fixed("https://api.example"))
        configuration.certificateBinding = .tlsConnection
        #expect(configuration.certificateBinding.readsConnectionCertificate)
        configuration.certificateBinding = .clientCertificateHeader()
        let clientSecret = "secret"
        let introspector = try RemoteTokenIntrospector(
            configuration: IntrospectionConfiguration(
                endpoint: URL(string: "https://login.example.com/oauth2/introspect")!,
                clientAuthentication: .clientSecretBasic(clientID: "orders-api", secret: clientSecret),
                issuer: "https://login.example.com/"))
        configuration.introspection = .opaqueTokens(introspector)
        let privateEncryptionJWK = #"{"kty":"oct","k":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8","use":"enc"}"#
        configuration.decryption = JWTDecryption(keys: [try JWEKey(jwkJSON: privateEncryptionJWK)])
        #expect(configuration.decryption?.decrypter.keys.count == 1)
        let authenticator = try BearerTokenAuthenticator(
            keys: StaticKeySource(key: try TestIssuer().publicKey), configuration: configuration)
        #expect(authenticator.configuration.dpop.mode == .allowed)
        #expect(authenticator.configuration.certificateBinding.clientCertificateHeader == .clientCert)

        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        for line in [Self.dpopLine, Self.decryptionLine] + Self.certificateLines + Self.introspectionLines {
            #expect(readme.contains(line), "\(line)")
        }
        #expect(readme.contains(Self.introspectionLines.joined(separator: "\n")))
    }
}
