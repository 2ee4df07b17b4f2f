public import Hummingbird

/// A request context that knows the certificate the client presented on the TLS connection, for certificate-bound
/// access tokens (RFC 8705) with `CertificateBinding.tlsConnection`.
///
/// Hummingbird does not hand the TLS session to request contexts, so the application supplies the certificate: for
/// example from a channel handler of its own that reads the peer certificate of its `NIOSSLHandler` once per
/// connection and stores it where the context's `init(source:)` finds it. The adapters read ``clientCertificate``
/// only when the authenticator's configuration says `.tlsConnection`; with any other context type a
/// certificate-bound token is refused.
public protocol ClientCertificateRequestContext: RequestContext {
    /// The DER bytes of the client's (leaf) certificate, verified by the server's TLS configuration; `nil` when the
    /// client presented none.
    var clientCertificate: [UInt8]? { get }
}
