public import Hummingbird

/// A request context that can tell the certificate the client presented on the TLS connection, for
/// certificate-bound access tokens (RFC 8705) with `CertificateBinding.tlsConnection`.
///
/// Hummingbird hands each context the connection's channel (`ApplicationRequestContextSource.channel`); with
/// HummingbirdTLS the certificate is one call away:
///
/// ```swift
/// struct APIContext: AuthRequestContext, ClientCertificateRequestContext {
///     var coreContext: CoreRequestContextStorage
///     var identity: AccessToken?
///     let channel: any Channel
///
///     init(source: ApplicationRequestContextSource) {
///         coreContext = .init(source: source)
///         channel = source.channel
///     }
///
///     func clientCertificate() async -> [UInt8]? {
///         try? await channel.nioSSL_peerCertificate().get()?.toDERBytes()
///     }
/// }
/// ```
///
/// The server's TLS configuration decides whether clients must present a certificate and verifies it
/// (`certificateVerification`, `trustRoots`). The adapters ask only when the authenticator's configuration says
/// `.tlsConnection`; with any other context type a certificate-bound token is refused.
public protocol ClientCertificateRequestContext: RequestContext {
    /// The DER bytes of the client's (leaf) certificate, verified by the server's TLS configuration; `nil` when the
    /// client presented none.
    func clientCertificate() async -> [UInt8]?
}
