/// Which token issuers (`iss`) a verifier accepts: a named list, the issuers its key source serves, or, as a
/// deliberate choice, any.
///
/// A resource server must validate `iss` (RFC 9068 §4): keys published by a shared authorization server sign tokens
/// for every client and tenant of it. Write the decision where a reviewer sees it:
///
/// ```swift
/// let pinned: IssuerPolicy = ["https://issuer.example"]     // one of these, compared byte for byte
/// let fromKeys: IssuerPolicy = .keySource                    // the issuers an IssuerKeySource or MultiIssuerKeySource serves
/// let unchecked: IssuerPolicy = .any                         // the key source serves one issuer's keys alone
/// ```
public struct IssuerPolicy: Sendable, Hashable, ExpressibleByArrayLiteral {
    enum Rule: Sendable {
        case any
        case oneOf([String])
        case keySource
    }

    let rule: Rule

    /// Any issuer, or none, is accepted: the explicit opt-out, for a key source whose keys sign for one issuer only.
    public static let any = IssuerPolicy(rule: .any)

    /// The issuers the verifier's key source declares (``KeySource/issuers``), such as the issuer of an
    /// `IssuerKeySource` or those of a `MultiIssuerKeySource`. A key source that declares none accepts no token.
    public static let keySource = IssuerPolicy(rule: .keySource)

    /// `iss` must be present and equal, byte for byte, to one of `issuers`.
    public static func oneOf(_ issuers: [String]) -> IssuerPolicy {
        IssuerPolicy(rule: .oneOf(issuers))
    }

    /// `iss` must be present and equal, byte for byte, to one of the listed issuers.
    public init(arrayLiteral issuers: String...) {
        rule = .oneOf(issuers)
    }

    private init(rule: Rule) {
        self.rule = rule
    }

    /// The accepted issuers, or `nil` when any is accepted. `keySource` not yet resolved against a key source
    /// accepts none.
    public var acceptedIssuers: [String]? {
        switch rule {
        case .any: nil
        case .oneOf(let issuers): issuers
        case .keySource: []
        }
    }

    /// This policy with `keySource` replaced by the issuers `keys` declares (none when it declares none).
    public func resolved(with keys: some KeySource) -> IssuerPolicy {
        guard case .keySource = rule else { return self }
        return .oneOf(keys.issuers ?? [])
    }

    /// Equal policies accept the same issuers, compared byte for byte.
    public static func == (left: IssuerPolicy, right: IssuerPolicy) -> Bool {
        switch (left.rule, right.rule) {
        case (.any, .any), (.keySource, .keySource): true
        case (.oneOf(let own), .oneOf(let other)): own.map { ExactString($0) } == other.map { ExactString($0) }
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch rule {
        case .any: hasher.combine(0)
        case .keySource: hasher.combine(1)
        case .oneOf(let issuers): hasher.combine(issuers.map { ExactString($0) })
        }
    }
}

/// Which audiences (`aud`) a verifier accepts: a named list, or, as a deliberate choice, any.
///
/// A resource server must check that a token was issued for it (RFC 9068 §4); otherwise a token an authorization
/// server issued for another API, with the same keys, is accepted here.
///
/// ```swift
/// let mine: AudiencePolicy = ["api://orders"]   // the token's aud must contain one of these, byte for byte
/// let unchecked: AudiencePolicy = .any          // every token of the accepted issuers is meant for this server
/// ```
public struct AudiencePolicy: Sendable, Hashable, ExpressibleByArrayLiteral {
    /// The accepted audiences, or `nil` when any is accepted.
    public let acceptedAudiences: [String]?

    /// Any audience, or none, is accepted: the explicit opt-out.
    public static let any = AudiencePolicy(acceptedAudiences: nil)

    /// `aud` must be present and contain, byte for byte, one of `audiences`.
    public static func oneOf(_ audiences: [String]) -> AudiencePolicy {
        AudiencePolicy(acceptedAudiences: audiences)
    }

    /// `aud` must be present and contain, byte for byte, one of the listed audiences.
    public init(arrayLiteral audiences: String...) {
        acceptedAudiences = audiences
    }

    private init(acceptedAudiences: [String]?) {
        self.acceptedAudiences = acceptedAudiences
    }

    /// Equal policies accept the same audiences, compared byte for byte.
    public static func == (left: AudiencePolicy, right: AudiencePolicy) -> Bool {
        left.acceptedAudiences?.map { ExactString($0) } == right.acceptedAudiences?.map { ExactString($0) }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(acceptedAudiences?.map { ExactString($0) })
    }
}
