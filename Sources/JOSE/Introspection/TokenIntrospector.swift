/// Asks an authorization server about a token it issued (OAuth 2.0 Token Introspection, RFC 7662): the way to
/// accept opaque access tokens, and to notice revoked ones.
///
/// The `RemoteJWKS` module's `RemoteTokenIntrospector` POSTs to an introspection endpoint, with client
/// authentication, a cache and one request per token in flight. Implement it yourself to reach the server another
/// way.
///
/// An implementation must report a token as ``TokenIntrospection/active(_:)`` only when the server answered
/// `"active": true`, and throw ``ErrorCode/introspectionUnavailable`` when it could not get an answer at all (which
/// a resource server answers with 503, never by letting the token through).
public protocol TokenIntrospector: Sendable {
    /// What the authorization server says about `token`.
    /// - Throws: ``ErrorCode/introspectionUnavailable`` when there is no answer to give.
    func introspect(_ token: String) async throws(JOSEError) -> TokenIntrospection
}

/// An authorization server's answer about one token (RFC 7662 §2.2).
public enum TokenIntrospection: Sendable {
    /// The token is active; the claims are the members of the answer (`scope`, `client_id`, `sub`, `aud`, `iss`,
    /// `exp`, `cnf` and the rest), checked by the resource server like a JWT's claims.
    case active(JWTClaims)
    /// The token is not active. The server says nothing else about it (RFC 7662 §2.2).
    case inactive
}
