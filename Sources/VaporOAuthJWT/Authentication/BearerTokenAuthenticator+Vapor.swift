import HTTPTypes
public import OAuthJWT
import SwiftASN1
public import Vapor
import X509

extension BearerTokenAuthenticator {
    /// Decides about a Vapor request: its headers, plus its query and form body when those token locations are
    /// enabled, its method, path and `Host` for DPoP proofs, and with `CertificateBinding.tlsConnection` the leaf of
    /// `req.peerCertificateChain` (which Vapor fills when the server's configuration verifies client certificates
    /// with `customCertificateVerifyCallbackWithMetadata`). Reading a form body collects it (up to the application's
    /// default maximum body size), so the handler still finds it in `req.body`.
    ///
    /// A request that its headers and query settle (a cached token, a missing or malformed credential) is decided
    /// without suspending (`immediateDecision(headerFields:query:)`); the rest go on from what that step found.
    public func authenticate(_ request: Request) async throws -> BearerAuthenticationResult {
        let query = readsQuery ? request.url.query : nil
        let headerFields = HTTPFields(
            authenticationFieldsOf: request.headers,
            clientCertificate: configuration.certificateBinding.clientCertificateHeader)
        let pending: PendingDecision
        switch immediateStep(headerFields: headerFields, query: query) {
        case .decided(let decision): return decision
        case .pending(let left): pending = left
        }
        let method = HTTPRequest.Method(request.method.rawValue)
        var formBody: [UInt8]? = nil
        if let method, readsFormBody(method: method, contentType: request.headers.first(name: .contentType)) {
            let limit = request.application.routes.defaultMaxBodySize.value
            formBody = try await request.body.collect(max: limit).get().map { Array($0.readableBytesView) } ?? []
        }
        let target =
            readsRequestTarget
            ? method.map {
                RequestTarget(method: $0, path: request.url.path, authority: request.headers.first(name: .host))
            }
            : nil
        var certificate: [UInt8]?
        if configuration.certificateBinding.readsConnectionCertificate, let leaf = request.peerCertificateChain?.leaf {
            var serializer = DER.Serializer()
            certificate = (try? serializer.serialize(leaf)).map { serializer.serializedBytes }
        }
        return await authenticate(
            after: pending, headerFields: headerFields, query: query, formBody: formBody, target: target,
            clientCertificate: certificate)
    }
}
