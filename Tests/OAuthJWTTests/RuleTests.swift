import HTTPTypes
import JOSE
import OAuthJWT
import OAuthJWTTesting
import Testing

/// Scope requirements (exact tokens, all-of and any-of), claim rules and the predicate.
@Suite struct RuleTests {
    let issuer: TestIssuer

    init() throws { issuer = try TestIssuer(issuedAt: TestIssuer.start) }

    func authenticator(
        scopes: ScopeRequirement = .none, rules: [ClaimRule] = [], predicate: TokenPredicate? = nil
    ) throws -> BearerTokenAuthenticator {
        var configuration = BearerTokenAuthenticator.Configuration.test()
        configuration.scopes = scopes
        configuration.claimRules = rules
        configuration.predicate = predicate
        return try BearerTokenAuthenticator(
            keys: StaticKeySource(key: try issuer.publicKey), configuration: configuration)
    }

    func result(_ authenticator: BearerTokenAuthenticator, _ claims: [String: JSONValue]) async throws
        -> BearerAuthenticationResult
    {
        await authenticator.authenticate(headerFields: HTTPFields.bearer(try issuer.token(claims)))
    }

    static let readChallenge =
        #"Bearer realm="api", error="insufficient_scope", error_description="Token is missing some required scopes", scope="read""#
    static let claimChallenge =
        #"Bearer realm="api", error="insufficient_scope", error_description="Token is missing some required claims""#

    @Test(
        "Claim rules compare numbers exactly: integers of any size, decimals by value, never through Double",
        arguments: [
            ("12345678901234567890", "12345678901234567891", false),
            ("12345678901234567890", "12345678901234567890", true),
            ("12345678901234567890", "1.2345678901234567890e19", true), ("0.1", "0.10000000000000000001", false),
            ("1.5", "15e-1", true), ("1.50", "1.5", true), ("100", "1e2", true), ("0", "-0.0e5", true),
            ("-3", "3", false), ("9007199254740993", "9007199254740992", false),
            ("1e99999999999999999999", "1e99999999999999999998", false),
        ])
    func numbersAreExact(required: String, actual: String, satisfied: Bool) async throws {
        let value = try #require(JSONNumber(literal: required))
        let claim = try #require(JSONNumber(literal: actual))
        let authenticator = try authenticator(rules: [.equals("org_id", .number(value))])
        #expect(try await result(authenticator, ["org_id": .number(claim)]).isAuthorized == satisfied)
        // Equal numbers hash alike.
        if satisfied { #expect(Set([value, claim]).count == 1) }
    }

    @Test func missingScopeIs403WithNeededScope() async throws {
        let result = try await result(try authenticator(scopes: .allOf("read")), ["scope": "write"])
        #expect(result.status == .forbidden)
        #expect(result.challenge == Self.readChallenge)
        #expect(result.rejection?.reason == .insufficientScope)
    }

    @Test func scopesAndClaimValuesCompareBytesNotUnicodeEquivalence() async throws {
        // U+212A KELVIN SIGN is canonically equivalent to "K": Swift's == says equal, bytes do not.
        let scoped = try authenticator(scopes: .allOf("Keys"))
        #expect(try await result(scoped, ["scope": "Keys"]).isAuthorized)
        #expect(try await result(scoped, ["scope": "\u{212A}eys"]).status == .forbidden)
        let claimed = try authenticator(rules: [.equals("group", "K-team")])
        #expect(try await result(claimed, ["group": "K-team"]).isAuthorized)
        #expect(try await result(claimed, ["group": "\u{212A}-team"]).status == .forbidden)
    }

    @Test func noScopeClaimIs403() async throws {
        #expect(try await result(try authenticator(scopes: .allOf("read")), [:]).challenge == Self.readChallenge)
    }

    @Test(arguments: ["readonly", "rea", "read:all", "xread", "READ", "read,write"])
    func scopeIsMatchedAsExactToken(granted: String) async throws {
        let result = try await result(try authenticator(scopes: .allOf("read")), ["scope": .string(granted)])
        #expect(result.challenge == Self.readChallenge)
    }

    @Test(
        arguments: [
            ["scope": "read"], ["scope": "write read admin"], ["scope": ["write", "read"]], ["scp": "read"],
            ["scp": ["read"]],
        ] as [[String: JSONValue]])
    func scopeFromStringArrayOrScp(claims: [String: JSONValue]) async throws {
        #expect(try await result(try authenticator(scopes: .allOf("read")), claims).isAuthorized)
    }

    @Test func scopeArrayIsNotSearchedBySubstring() async throws {
        let result = try await result(try authenticator(scopes: .allOf("read")), ["scope": ["readonly", "read write"]])
        #expect(result.status == .forbidden)
    }

    @Test func allOfNeedsEveryScope() async throws {
        let both = try authenticator(scopes: .allOf("read", "write"))
        #expect(try await result(both, ["scope": "write read"]).isAuthorized)
        let missing = try await result(both, ["scope": "read"])
        #expect(
            missing.challenge
                == #"Bearer realm="api", error="insufficient_scope", error_description="Token is missing some required scopes", scope="read write""#
        )
    }

    @Test func anyOfNeedsOneScope() async throws {
        let either = try authenticator(scopes: .anyOf("read", "admin"))
        #expect(try await result(either, ["scope": "admin"]).isAuthorized)
        #expect(try await result(either, ["scope": "read"]).isAuthorized)
        #expect(try await result(either, ["scope": "write"]).status == .forbidden)
    }

    @Test func claimPresent() async throws {
        let rules = try authenticator(rules: [.present("myClaim")])
        #expect(try await result(rules, ["myClaim": "anything"]).isAuthorized)
        #expect(try await result(rules, ["myClaim": nil]).isAuthorized)
        let missing = try await result(rules, [:])
        #expect(missing.status == .forbidden)
        #expect(missing.challenge == Self.claimChallenge)
        #expect(missing.rejection?.reason == .claimRuleFailed)
    }

    @Test func claimEqualsAsJSON() async throws {
        let rules = try authenticator(rules: [.equals("myClaim", "someRequiredValue"), .equals("level", 3)])
        #expect(try await result(rules, ["myClaim": "someRequiredValue", "level": 3.0]).isAuthorized)
        #expect(
            try await result(rules, ["myClaim": "someRequiredValue", "level": "3"]).challenge == Self.claimChallenge)
        #expect(try await result(rules, ["myClaim": "someRequiredValu", "level": 3]).challenge == Self.claimChallenge)
        #expect(try await result(rules, ["myClaim": "someRequiredValueX", "level": 3]).status == .forbidden)
    }

    @Test func arrayClaimContainsValue() async throws {
        let rules = try authenticator(rules: [.equals("roles", "admin")])
        #expect(try await result(rules, ["roles": ["user", "admin"]]).isAuthorized)
        #expect(try await result(rules, ["roles": ["user", "administrator"]]).status == .forbidden)
        #expect(try await result(rules, ["roles": "administrator"]).status == .forbidden)
        let arrayValue = try authenticator(rules: [.equals("pair", ["a", "b"])])
        #expect(try await result(arrayValue, ["pair": ["a", "b"]]).isAuthorized)
    }

    @Test func everyRuleIsChecked() async throws {
        let rules = try authenticator(rules: [.present("sub"), .equals("myClaim", "someRequiredValue")])
        #expect(try await result(rules, ["myClaim": "someRequiredValue"]).isAuthorized)
        // The first rule holds, the second fails.
        #expect(try await result(rules, ["myClaim": "other"]).challenge == Self.claimChallenge)
    }

    @Test func predicateDecidesLast() async throws {
        let predicate = try authenticator(predicate: { $0.claims["tenant"] == "acme" })
        #expect(try await result(predicate, ["tenant": "acme"]).isAuthorized)
        let refused = try await result(predicate, ["tenant": "other"])
        #expect(refused.challenge == Self.claimChallenge)
    }

    @Test func scopeIsCheckedBeforeClaims() async throws {
        let both = try authenticator(scopes: .allOf("read"), rules: [.present("myClaim")])
        #expect(try await result(both, [:]).challenge == Self.readChallenge)
    }

    @Test func scopeRequirementGivesOneAnswerForClaimsAndForTheirScopeList() throws {
        let requirements: [(ScopeRequirement, expected: [Bool])] = [
            (.none, [true, true, true, true]),
            (.allOf("read"), [true, false, true, false]),
            (.allOf("read", "write"), [true, false, false, false]),
            (.anyOf("admin", "write"), [true, false, false, false]),
            (ScopeRequirement(allOf: ["read"], anyOf: ["x", "write"]), [true, false, false, false]),
        ]
        let payloads = [
            #"{"scope":"write  read"}"#, #"{"scope":"readonly"}"#, #"{"scp":["read"]}"#, #"{"scope":5,"scp":"read"}"#,
        ]
        let claims = try payloads.map { try JWTClaims(json: Array($0.utf8)) }
        for (requirement, expected) in requirements {
            #expect(claims.map(requirement.isSatisfied(by:)) == expected)
            #expect(claims.map { requirement.isSatisfied(by: $0.scopes) } == expected)
        }
    }
}
