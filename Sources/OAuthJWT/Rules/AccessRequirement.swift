import JOSE

/// What a verified token must carry to reach a resource: scopes, claim rules and a predicate of your own.
///
/// A ``BearerTokenAuthenticator`` enforces the requirement of its `Configuration` on every request. Routes that
/// need more (a scope for one route, a role for another) state it here and check it with an ``BearerAuthorizer``
/// made by ``BearerTokenAuthenticator/authorizer(for:)``: one authenticator, one verified-token cache, and the
/// route-level checks on top of it.
///
/// ```swift
/// let readOrders = try authenticator.authorizer(for: AccessRequirement(scopes: .allOf("orders:read")))
/// ```
public struct AccessRequirement: Sendable {
    /// The scopes a token must carry; a token without them gets 403 `insufficient_scope` with a `scope` parameter.
    public var scopes: ScopeRequirement
    /// Claim rules; every rule must hold, or the request gets 403 `insufficient_scope`.
    public var claimRules: [ClaimRule]
    /// A last check of your own on the verified token; `false` is answered like a failed claim rule.
    public var predicate: TokenPredicate?

    /// Creates a requirement; by default nothing is required.
    public init(scopes: ScopeRequirement = .none, claimRules: [ClaimRule] = [], predicate: TokenPredicate? = nil) {
        self.scopes = scopes
        self.claimRules = claimRules
        self.predicate = predicate
    }

    /// Refuses scopes that could not be written into a challenge safely.
    func check() throws(BearerConfigurationError) {
        for scope in scopes.allOf + scopes.anyOf
        where scope.isEmpty || !scope.utf8.allSatisfy(TokenSyntax.isScopeTokenCharacter) {
            throw .invalidScope
        }
    }

    /// The first failed part of the requirement, or `nil` when `token` meets all of it.
    func failure(for token: AccessToken) -> BearerRejection.Reason? {
        if let failure = claimsFailure(for: token.claims) { return failure }
        if let predicate, !predicate(token) { return .claimRuleFailed }
        return nil
    }

    /// The failure of the scopes or claim rules, which depend on the claims alone (unlike the predicate).
    func claimsFailure(for claims: JWTClaims) -> BearerRejection.Reason? {
        if !scopes.isEmpty, !scopes.isSatisfied(by: claims) { return .insufficientScope }
        for rule in claimRules where !rule.isSatisfied(by: claims) { return .claimRuleFailed }
        return nil
    }
}
