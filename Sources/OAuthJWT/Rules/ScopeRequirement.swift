public import JOSE

/// The scopes a token must have been granted.
///
/// Scopes are compared as exact tokens of the space-separated `scope` claim, a `scope` array, or else the `scp`
/// string or array (`JWTClaims.scopes`) — never by substring, so `readonly` does not satisfy `read`.
public struct ScopeRequirement: Sendable, Hashable {
    /// Scopes that must all be present.
    public var allOf: [String]
    /// Scopes of which at least one must be present; ignored when empty.
    public var anyOf: [String]

    /// A requirement of both kinds at once.
    public init(allOf: [String] = [], anyOf: [String] = []) {
        self.allOf = allOf
        self.anyOf = anyOf
    }

    /// No scope is required.
    public static let none = ScopeRequirement()

    /// Every one of `scopes` is required.
    public static func allOf(_ scopes: String...) -> ScopeRequirement { ScopeRequirement(allOf: scopes) }

    /// At least one of `scopes` is required.
    public static func anyOf(_ scopes: String...) -> ScopeRequirement { ScopeRequirement(anyOf: scopes) }

    /// Whether nothing is required.
    public var isEmpty: Bool { allOf.isEmpty && anyOf.isEmpty }

    /// Whether `granted` satisfies the requirement.
    public func isSatisfied(by granted: [String]) -> Bool {
        // Scope tokens are compared byte for byte: Swift's `==` would accept canonically equivalent Unicode.
        isSatisfied { granted.containsExactly($0) }
    }

    /// Whether the scopes `claims` grant (`JWTClaims.scopes`) satisfy the requirement: the answer of
    /// `isSatisfied(by: claims.scopes)`, without building the list of granted scopes.
    public func isSatisfied(by claims: JWTClaims) -> Bool {
        isSatisfied { claims.grantsScope($0) }
    }

    /// The rule itself, over a test of whether one scope is granted.
    private func isSatisfied(_ isGranted: (String) -> Bool) -> Bool {
        guard allOf.allSatisfy(isGranted) else { return false }
        return anyOf.isEmpty || anyOf.contains(where: isGranted)
    }

    /// The value of the challenge's `scope` parameter: the required scopes and then the alternatives, each once.
    var challengeScopes: [String] {
        var seen = Set<String>()
        return (allOf + anyOf).filter { seen.insert($0).inserted }
    }
}
