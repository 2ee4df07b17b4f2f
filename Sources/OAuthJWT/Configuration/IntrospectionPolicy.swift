public import JOSE

/// Which tokens a ``BearerTokenAuthenticator`` asks the authorization server about (OAuth 2.0 Token
/// Introspection, RFC 7662) instead of verifying a JWT signature.
///
/// An introspected token passes the same checks as a JWT: `iss`, `aud`, `exp`, `nbf` and the required claims of
/// ``BearerTokenAuthenticator/Configuration/validation``, then scopes, claim rules and the predicate, and its `cnf`
/// binds it to a DPoP key or client certificate in the same way. An inactive token is answered with 401
/// `invalid_token` (`token_inactive`); an endpoint that gives no answer with 503 and `Retry-After`.
public struct IntrospectionPolicy: Sendable {
    enum Mode: Sendable, Hashable {
        case disabled
        case opaqueTokens
        case allTokens
    }

    let mode: Mode
    let introspector: (any TokenIntrospector)?

    /// No token is introspected: only JWTs are accepted. The default.
    public static let disabled = IntrospectionPolicy(mode: .disabled, introspector: nil)

    /// Tokens that are not JWTs (neither three `.`-separated parts, a JWS, nor five, a JWE) are introspected; JWTs are
    /// verified with the key source's keys as before. For an authorization server that issues both, or is moving from one to the other.
    /// A JWT that fails verification is not introspected.
    public static func opaqueTokens(_ introspector: some TokenIntrospector) -> IntrospectionPolicy {
        IntrospectionPolicy(mode: .opaqueTokens, introspector: introspector)
    }

    /// Every token is introspected, JWTs included: the authorization server's answer decides, so a revoked token is
    /// refused as soon as the introspector's cache lets go of it. Signatures are not checked (the answer vouches for
    /// the token).
    public static func allTokens(_ introspector: some TokenIntrospector) -> IntrospectionPolicy {
        IntrospectionPolicy(mode: .allTokens, introspector: introspector)
    }

    /// The introspector for `token`, or `nil` when the token is to be verified as a JWT.
    func introspector(for token: String) -> (any TokenIntrospector)? {
        switch mode {
        case .disabled: nil
        case .allTokens: introspector
        case .opaqueTokens: Self.isJWT(token) ? nil : introspector
        }
    }

    /// Whether `token` has the shape of a compact JWS (three parts) or JWE (five).
    static func isJWT(_ token: String) -> Bool {
        let parts = CompactSerialization.partCount(token)
        return parts == 3 || parts == 5
    }
}
