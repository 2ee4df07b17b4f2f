import Foundation
import JOSE
import OAuthJWTTesting
import RemoteJWKS
import Testing

@Suite("RemoteJWKS key selection")
struct KeySelectionTests {
    @Test("A kid that matches no key fails even when exactly one usable key would verify (no fallback)")
    func unknownKidNeverFallsBack() async throws {
        let key = try JWSKey.generate(for: .es256, keyID: "real")
        try await JWKSTestServer.run { server in
            server.setKeys([key])
            let verifier = JWTVerifier(keys: try RemoteJWKS(url: server.jwksURL))
            // Signed by the served key itself, but naming another kid.
            let token = try TestIssuer(key: key).token(keyID: .some("other"))
            #expect(await joseError { try await verifier.verify(token) }?.code == .noMatchingKey)
            _ = try await verifier.verify(try TestIssuer(key: key).token())
        }
    }

    @Test("Without a kid, keys of the token's type are tried in order; alg decides type and curve")
    func noKidTriesCandidates() async throws {
        let first = try JWSKey.generate(for: .es256, keyID: nil)
        let second = try JWSKey.generate(for: .es256, keyID: nil)
        let p384 = try JWSKey.generate(for: .es384, keyID: nil)
        try await JWKSTestServer.run { server in
            server.setKeys([p384, first, second])
            let verifier = JWTVerifier(keys: try RemoteJWKS(url: server.jwksURL))
            _ = try await verifier.verify(try TestIssuer(key: second).token())
            _ = try await verifier.verify(try TestIssuer(key: p384).token())
            let ed = try JWSKey.generate(for: .eddsa, keyID: nil)
            #expect(
                await joseError { try await verifier.verify(try TestIssuer(key: ed).token()) }?.code == .noMatchingKey)
            #expect(server.requestCount() <= 2)
        }
    }

    @Test("Keys marked use=enc or without verify in key_ops never verify")
    func encryptionKeysNotUsed() async throws {
        let key = try JWSKey.generate(for: .es256, keyID: "k1")
        try await JWKSTestServer.run { server in
            guard case .object(var jwk) = try key.publicJWK() else { return }
            jwk["use"] = "enc"
            server.setJWKS(["keys": .array([.object(jwk)])])
            let verifier = JWTVerifier(keys: try RemoteJWKS(url: server.jwksURL))
            let error = await joseError { try await verifier.verify(try TestIssuer(key: key).token()) }
            #expect(error != nil)
            #expect(error?.code != .keySourceUnavailable)

            jwk["use"] = nil
            jwk["key_ops"] = ["encrypt"]
            server.setJWKS(["keys": .array([.object(jwk)])])
            let other = JWTVerifier(keys: try RemoteJWKS(url: server.jwksURL))
            #expect(await joseError { try await other.verify(try TestIssuer(key: key).token()) } != nil)
        }
    }

    @Test("jku and x5u headers are never followed")
    func jkuNotFollowed() async throws {
        let served = try JWSKey.generate(for: .es256, keyID: "served")
        let attacker = try JWSKey.generate(for: .es256, keyID: "attacker")
        try await JWKSTestServer.run { server in
            server.setKeys([served])
            server.setDocument("/attacker.json", ["keys": .array([try attacker.publicJWK()])])
            let verifier = JWTVerifier(keys: try RemoteJWKS(url: server.jwksURL))
            let token = try TestIssuer(key: attacker).token(header: [
                "jku": .string(server.url("/attacker.json").absoluteString),
                "x5u": .string(server.url("/attacker.json").absoluteString),
            ])
            #expect(await joseError { try await verifier.verify(token) }?.code == .noMatchingKey)
            #expect(server.requestCount("/attacker.json") == 0)
        }
    }
}
