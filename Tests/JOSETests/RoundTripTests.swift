import Foundation
import OAuthJWTTesting
import Testing

@testable import JOSE

struct RoundTripTests {
    @Test(
        "sign → verify for every algorithm with generated keys, through the public JWK",
        arguments: JWSAlgorithm.allCases)
    func signAndVerify(algorithm: JWSAlgorithm) async throws {
        let privateKey = TestIssuer.sharedKey(algorithm)
        let token = try TestIssuer.shared(algorithm).token()
        let verificationKey = algorithm.isSymmetric ? privateKey : try privateKey.publicKey()
        #expect(!verificationKey.isPrivate || algorithm.isSymmetric)
        let verifier = JWTVerifier(
            keys: StaticKeySource(keySet: JWKSet(keys: [verificationKey])),
            options: JWTValidationOptions(
                algorithms: [algorithm], issuers: [TestIssuer.issuer], audiences: [TestIssuer.audience]))
        let verified = try await verifier.verify(token)
        #expect(verified.claims.subject == TestIssuer.subject)
        #expect(verified.header.algorithm == algorithm)
        #expect(verified.header.keyID == "\(algorithm.rawValue)-1")

        // The public JWK re-imports to a key that verifies too, with the same thumbprint.
        if !algorithm.isSymmetric {
            let exported = try privateKey.publicJWK()
            #expect(exported["d"] == nil)
            let reimported = try JWSKey(jwk: exported)
            #expect(try reimported.thumbprint() == privateKey.thumbprint())
            let jws = try CompactJWS(parsing: token)
            try reimported.verify(signature: jws.signature, for: jws.signingInput, algorithm: algorithm)
        }
    }

    @Test("a private key cannot be made from a public one, and a public key cannot sign")
    func publicKeysDoNotSign() throws {
        let publicKey = try TestIssuer.sharedKey(.es256).publicKey()
        expectJOSEError(.privateKeyRequired) { try publicKey.sign([1, 2, 3], algorithm: .es256) }
    }

    @Test("claims decode into a Decodable type; typed accessors read string and array forms")
    func claimsAccessors() throws {
        struct Custom: Decodable {
            let sub: String
            let myClaim: String
        }
        let claims = try JWTClaims(
            json: Array(#"{"sub":"a","myClaim":"v","aud":["x","y"],"scp":["read","write"],"exp":1.5e9}"#.utf8))
        #expect(try claims.decode(as: Custom.self).myClaim == "v")
        #expect(claims.audience == ["x", "y"])
        #expect(claims.scopes == ["read", "write"])
        #expect(claims.expiresAt == Date(timeIntervalSince1970: 1.5e9))
        let spaced = try JWTClaims(json: Array(#"{"scope":"  read  write:all ","scp":"ignored"}"#.utf8))
        #expect(spaced.scopes == ["read", "write:all"])
    }
}
