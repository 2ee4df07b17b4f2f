public import HTTPTypes

/// Where the client certificate of a mutual-TLS connection comes from, for certificate-bound access tokens
/// (RFC 8705 §3): a token whose `cnf` has `x5t#S256` is accepted only from the client holding that certificate.
///
/// The certificate is read from a header set by a TLS-terminating proxy, `Client-Cert` by default (RFC 9440: the
/// DER certificate as a structured-field byte sequence, `:base64:`). Opt in only when a trusted proxy in front of
/// the server sets that header on every request and removes any value a client sent; otherwise a client could name
/// any certificate.
///
/// A certificate-bound token is refused when no certificate can be read (this is off, or the header is missing):
/// it is never accepted as a plain bearer token.
public struct CertificateBinding: Sendable, Hashable {
    /// The header holding the client certificate, or `nil` when certificates are not read.
    public var clientCertificateHeader: HTTPField.Name?

    /// Certificates are not read; certificate-bound tokens are refused.
    public static let disabled = CertificateBinding(clientCertificateHeader: nil)

    /// Certificates come from `header` (default `Client-Cert`, RFC 9440), set by a trusted proxy.
    public static func clientCertificateHeader(_ header: HTTPField.Name = .clientCert) -> CertificateBinding {
        CertificateBinding(clientCertificateHeader: header)
    }
}

extension HTTPField.Name {
    /// `Client-Cert` (RFC 9440): the client certificate a TLS-terminating proxy forwards.
    public static let clientCert = HTTPField.Name("Client-Cert")!
}
