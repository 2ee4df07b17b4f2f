public import HTTPTypes

/// Where the client certificate of a mutual-TLS connection comes from, for certificate-bound access tokens
/// (RFC 8705 §3): a token whose `cnf` has `x5t#S256` is accepted only from the client holding that certificate.
///
/// - ``tlsConnection``: the certificate the client presented in the TLS handshake with this server, handed to the
///   authenticator by the framework adapter (`clientCertificate:` of
///   ``BearerTokenAuthenticator/authenticate(headerFields:query:formBody:target:clientCertificate:)``). VaporOAuthJWT
///   reads Vapor's `Request.peerCertificateChain`; HummingbirdOAuthJWT reads a context that conforms to its
///   `ClientCertificateRequestContext`.
/// - ``clientCertificateHeader(_:)``: a header set by a TLS-terminating proxy, `Client-Cert` by default (RFC 9440:
///   the DER certificate as a structured-field byte sequence, `:base64:`). Opt in only when a trusted proxy in front
///   of the server sets that header on every request and removes any value a client sent; otherwise a client could
///   name any certificate.
///
/// A certificate-bound token is refused when no certificate can be read (this is off, the connection had none, or
/// the header is missing): it is never accepted as a plain bearer token.
public struct CertificateBinding: Sendable, Hashable {
    enum Source: Sendable, Hashable {
        case none
        case connection
        case header(HTTPField.Name)
    }

    let source: Source

    /// The header holding the client certificate, or `nil` when certificates are not read from a header.
    public var clientCertificateHeader: HTTPField.Name? {
        if case .header(let name) = source { name } else { nil }
    }

    /// Whether the certificate comes from the TLS connection, through the framework adapter.
    public var readsConnectionCertificate: Bool { source == .connection }

    /// Certificates are not read; certificate-bound tokens are refused.
    public static let disabled = CertificateBinding(source: .none)

    /// Certificates come from the TLS connection: the one the client authenticated with in the handshake, which the
    /// server's TLS configuration must ask for and verify.
    public static let tlsConnection = CertificateBinding(source: .connection)

    /// Certificates come from `header` (default `Client-Cert`, RFC 9440), set by a trusted proxy.
    public static func clientCertificateHeader(_ header: HTTPField.Name = .clientCert) -> CertificateBinding {
        CertificateBinding(source: .header(header))
    }
}

extension HTTPField.Name {
    /// `Client-Cert` (RFC 9440): the client certificate a TLS-terminating proxy forwards.
    public static let clientCert = HTTPField.Name("Client-Cert")!
}
