public import JOSE

/// An access token that a ``BearerTokenAuthenticator`` accepted: its claims, and how they were established (a
/// verified JWT signature, or the authorization server's introspection answer).
///
/// Scopes, claim rules, predicates and your own identity types read ``claims``, so they work the same for both.
/// It is the identity the framework adapters hand to handlers unless you ask for your own.
public struct AccessToken: Sendable {
    /// How an access token's claims were established.
    public enum Verification: Sendable {
        /// A JWT whose signature and claims were verified with the key source's keys.
        case signature(VerifiedJWT)
        /// The authorization server's introspection endpoint said the token is active (RFC 7662); the claims are
        /// its answer.
        case introspection
    }

    /// The token's claims: a JWT's payload, or the members of an introspection answer.
    public var claims: JWTClaims {
        switch source {
        case .signature(let verified): verified.claims
        case .introspection(let claims): claims
        }
    }

    /// How the claims were established.
    public var verification: Verification {
        switch source {
        case .signature(let verified): .signature(verified)
        case .introspection: .introspection
        }
    }

    /// The verified JWT (header, claims and the key that verified it), or `nil` for an introspected token.
    public var jwt: VerifiedJWT? {
        if case .signature(let verified) = source { verified } else { nil }
    }

    /// One reference either way, so handing a token on (a cache hit, a request context) retains one object.
    private enum Source: Sendable {
        case signature(VerifiedJWT)
        case introspection(JWTClaims)
    }

    private let source: Source

    /// A token whose JWT signature was verified.
    public init(_ verified: VerifiedJWT) {
        source = .signature(verified)
    }

    /// A token the authorization server vouched for by introspection.
    init(introspected claims: JWTClaims) {
        source = .introspection(claims)
    }
}

extension AccessToken: BearerIdentity {
    /// The token itself.
    public init(accessToken: AccessToken) { self = accessToken }

    /// The token itself.
    public var accessToken: AccessToken { self }
}
