public import HTTPTypes

/// The parts of a request that a DPoP proof is checked against (RFC 9449 §4.3): its method, its path, and the
/// authority it was sent to (used only with ``DPoPPolicy/Origin/requestAuthority(scheme:)``).
public struct RequestTarget: Sendable, Hashable {
    /// The request's method.
    public var method: HTTPRequest.Method
    /// The request's path, with or without its query (the query is ignored).
    public var path: String
    /// The request's authority (`Host`), if known.
    public var authority: String?

    /// A target.
    public init(method: HTTPRequest.Method, path: String, authority: String? = nil) {
        self.method = method
        self.path = path
        self.authority = authority
    }

    /// The target of a swift-http-types request.
    public init(_ request: HTTPRequest) {
        self.init(method: request.method, path: request.path ?? "/", authority: request.authority)
    }

    /// The public URL the proof's `htu` must name: `policy`'s origin and the path, without the query; `nil` when
    /// the origin comes from the request and the request has no authority.
    func url(under origin: DPoPPolicy.Origin) -> String? {
        var path = Substring(path)
        if let query = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<query] }
        let absolutePath = path.hasPrefix("/") ? String(path) : "/" + path
        switch origin {
        case .fixed(let base):
            var base = Substring(base)
            while base.hasSuffix("/") { base.removeLast() }
            return String(base) + absolutePath
        case .requestAuthority(let scheme):
            guard let authority, !authority.isEmpty else { return nil }
            return scheme + "://" + authority + absolutePath
        }
    }
}

extension HTTPField.Name {
    /// `DPoP`, the proof header of RFC 9449.
    static let dpop = HTTPField.Name("DPoP")!
    /// `DPoP-Nonce`, a server-provided nonce for the next proof (RFC 9449 §9).
    public static let dpopNonce = HTTPField.Name("DPoP-Nonce")!
}
