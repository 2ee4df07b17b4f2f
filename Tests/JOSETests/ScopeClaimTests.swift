import Testing

@testable import JOSE

/// `JWTClaims.grantsScope(_:)` answers what `scopes.containsExactly(_:)` answers, without building the list; and the
/// `String` overload of `hasSameBytes(as:)` compares bytes, not canonical equivalence.
struct ScopeClaimTests {
    private static let payloads: [String] = [
        #"{"scope":"read"}"#, #"{"scope":"read write"}"#, #"{"scope":"  read   write  "}"#, #"{"scope":""}"#,
        #"{"scope":" "}"#, #"{"scope":"readonly xread"}"#, #"{"scope":"write read"}"#, #"{"scope":"\u212Aeys"}"#,
        #"{"scope":"read\twrite"}"#, #"{"scope":["read","write"]}"#, #"{"scope":["read write"]}"#,
        #"{"scope":["",1,null,"read"]}"#, #"{"scope":[]}"#, #"{"scope":5,"scp":"read"}"#,
        #"{"scope":null,"scp":"read"}"#, #"{"scp":"read write"}"#, #"{"scp":["write","read"]}"#,
        #"{"scp":{"read":true}}"#, #"{}"#, #"{"sub":"read"}"#,
    ]
    private static let candidates = [
        "read", "write", "rea", "readonly", "read write", "", " ", "Keys", "\u{212A}eys", "read\twrite", "x",
    ]

    @Test(arguments: payloads)
    func grantsScopeAgreesWithTheScopeList(payload: String) throws {
        let claims = try JWTClaims(json: Array(payload.utf8))
        for candidate in Self.candidates {
            #expect(claims.grantsScope(candidate) == claims.scopes.containsExactly(candidate), "\(candidate)")
        }
    }

    @Test func grantsScopeMatchesWholeFieldsOnly() throws {
        let claims = try JWTClaims(json: Array(#"{"scope":"  read   write:all  "}"#.utf8))
        #expect(claims.grantsScope("read"))
        #expect(claims.grantsScope("write:all"))
        #expect(!claims.grantsScope("write"))
        #expect(!claims.grantsScope("rea"))
        #expect(!claims.grantsScope("read   write:all"))
        #expect(!claims.grantsScope(""))
        #expect(!claims.grantsScope(" "))
        // Empty entries are dropped from arrays as from strings.
        let array = try JWTClaims(json: Array(#"{"scope":["",1,null,"read"]}"#.utf8))
        #expect(array.scopes == ["read"])
        #expect(!array.grantsScope(""))
        // A scope claim of another type grants nothing and does not fall through to scp.
        #expect(!(try JWTClaims(json: Array(#"{"scope":5,"scp":"read"}"#.utf8))).grantsScope("read"))
        #expect(!(try JWTClaims(json: Array(#"{"scope":"\u212Aeys"}"#.utf8))).grantsScope("Keys"))
    }

    @Test func stringsAreComparedByBytes() {
        #expect("\u{212A}" == "K")
        #expect(!"\u{212A}".hasSameBytes(as: "K"))
        #expect(!"K".hasSameBytes(as: "\u{212A}"))
        #expect("".hasSameBytes(as: ""))
        #expect("abc".hasSameBytes(as: String("xabc".dropFirst())))
        #expect(!"abc".hasSameBytes(as: "abd"))
        #expect(!"abc".hasSameBytes(as: "abcd"))
        #expect(["K", "x"].containsExactly("K"))
        #expect(!["\u{212A}", "x"].containsExactly("K"))
    }
}
