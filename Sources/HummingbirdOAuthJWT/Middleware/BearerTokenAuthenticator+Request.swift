public import Hummingbird
public import OAuthJWT

extension BearerTokenAuthenticator {
    /// Decides about a Hummingbird request: its headers, plus its query and form body when those token
    /// locations are enabled, its method, path and authority for DPoP proofs, and with
    /// `CertificateBinding.tlsConnection` the client certificate of a ``ClientCertificateRequestContext``. Reading a
    /// form body collects it (up to the context's `maxUploadSize`), so the request keeps a buffered copy for the
    /// handler.
    ///
    /// A request that its headers and query settle (a cached token, a missing or malformed credential) is decided
    /// without suspending (`immediateDecision(headerFields:query:)`); the rest go on from what that step found.
    public func authenticate<Context: RequestContext>(_ request: inout Request, context: Context) async throws
        -> BearerAuthenticationResult
    {
        switch immediateStep(request) {
        case .decided(let decision): return decision
        case .pending(let pending): return try await decideWaiting(&request, context: context, after: pending)
        }
    }

    /// The first step of ``authenticate(_:context:)``, without suspending.
    func immediateStep(_ request: Request) -> DecisionStep {
        immediateStep(headerFields: request.headers, query: readsQuery ? request.uri.query : nil)
    }

    /// The second step of ``authenticate(_:context:)``, when the first left the decision pending.
    func decideWaiting<Context: RequestContext>(
        _ request: inout Request, context: Context, after pending: PendingDecision
    )
        async throws -> BearerAuthenticationResult
    {
        let query = readsQuery ? request.uri.query : nil
        var formBody: [UInt8]? = nil
        if readsFormBody(method: request.method, contentType: request.headers[.contentType]) {
            let buffer = try await request.collectBody(upTo: context.maxUploadSize)
            formBody = Array(buffer.readableBytesView)
        }
        var certificate: [UInt8]?
        if configuration.certificateBinding.readsConnectionCertificate,
            let context = context as? any ClientCertificateRequestContext
        {
            certificate = await context.clientCertificate()
        }
        return await authenticate(
            after: pending, headerFields: request.headers, query: query, formBody: formBody,
            target: readsRequestTarget ? RequestTarget(request.head) : nil, clientCertificate: certificate)
    }
}
