import Foundation
import JOSE  // a plain import: the README example uses only public API
import Testing

/// The README's JOSE example, verbatim inside a function, so it cannot rot.
struct ReadmeExampleTests {
    // README: begin verify example
    func verifyAccessToken(_ token: String, jwksJSON: String) async throws -> (subject: String?, scopes: [String]) {
        let verifier = JWTVerifier(
            keys: StaticKeySource(keySet: try JWKSet(jsonText: jwksJSON)),
            options: JWTValidationOptions(
                algorithms: [.rs256, .es256],
                issuers: ["https://issuer.example"],
                audiences: ["https://api.example"],
                leeway: .seconds(30),
                type: "at+jwt"))
        do {
            let verified = try await verifier.verify(token)
            return (verified.claims.subject, verified.claims.scopes)
        } catch {
            print("rejected:", error.code)  // e.g. token_expired: never token content
            throw error
        }
    }
    // README: end verify example

    @Test("the README verify example accepts a good access token and rejects a wrong audience")
    func readmeExample() async throws {
        let key = try JWSKey.generate(for: .es256, keyID: "k1")
        let jwks = String(decoding: try JWKSet(keys: [key]).publicJSON().serialized(), as: UTF8.self)
        let now = Int64(Date().timeIntervalSince1970)
        func token(audience: JSONValue) throws -> String {
            try JWTSigner.sign(
                JWTClaims([
                    "iss": "https://issuer.example", "aud": audience, "sub": "alice", "scope": "read write",
                    "exp": .number(JSONNumber(now + 600)),
                ]), with: key, type: "at+jwt")
        }
        let result = try await verifyAccessToken(try token(audience: "https://api.example"), jwksJSON: jwks)
        #expect(result.subject == "alice")
        #expect(result.scopes == ["read", "write"])
        await #expect(throws: JOSEError.self) {
            try await verifyAccessToken(try token(audience: "https://other.example"), jwksJSON: jwks)
        }
    }
}
