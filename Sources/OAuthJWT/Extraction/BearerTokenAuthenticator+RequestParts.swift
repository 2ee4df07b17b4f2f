public import HTTPTypes

extension BearerTokenAuthenticator {
    /// Whether the authenticator reads the request's URI query (``TokenLocations/query`` is enabled). Adapters pass
    /// the raw query only then.
    public var readsQuery: Bool { configuration.tokenLocations.contains(.query) }

    /// Whether the authenticator reads the request's method, path and authority (``RequestTarget``): only when it
    /// accepts DPoP proofs. Adapters build the target only then, so no other request pays for it.
    public var readsRequestTarget: Bool { configuration.dpop.mode != .disabled }

    /// Whether the authenticator may find the token in the body of a request with `method` and `contentType`:
    /// ``TokenLocations/formBody`` is enabled, the method is not GET or HEAD (RFC 6750 §2.2), and the media type is
    /// `application/x-www-form-urlencoded` (parameters ignored). Adapters collect the body only then, so no other
    /// request pays for reading it.
    public func readsFormBody(method: HTTPRequest.Method, contentType: String?) -> Bool {
        configuration.tokenLocations.contains(.formBody) && method != .get && method != .head
            && TokenExtractor.isFormEncoded(contentType)
    }
}
