import OAuthJWTTesting
import Testing

@testable import JOSE

/// One key shared by many tasks: the OpenSSL key and the prepared HMAC contexts are only read after creation.
/// Run under ThreadSanitizer (`swift test --sanitize=thread --filter ConcurrencyTests`) to check for races.
struct ConcurrencyTests {
    @Test(
        "concurrent verifications with shared keys all succeed",
        arguments: [JWSAlgorithm.hs256, .rs256, .es256, .eddsa])
    func sharedKey(algorithm: JWSAlgorithm) async throws {
        let key = TestIssuer.sharedKey(algorithm)
        let token = try TestIssuer.shared(algorithm).token()
        let forged = String(token.dropLast(2)) + (token.hasSuffix("AA") ? "BA" : "AA")
        let verifier = JWTVerifier(keys: StaticKeySource(key: key))
        let results = try await withThrowingTaskGroup(of: (Bool, Bool).self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var good = true
                    var forgedRejected = true
                    for _ in 0..<50 {
                        let verified = try? await verifier.verify(token)
                        let forgery = try? await verifier.verify(forged)
                        good = good && verified != nil
                        forgedRejected = forgedRejected && forgery == nil
                    }
                    return (good, forgedRejected)
                }
            }
            return try await group.reduce(into: [(Bool, Bool)]()) { $0.append($1) }
        }
        #expect(results.count == 8)
        #expect(results.allSatisfy { $0.0 && $0.1 })
    }
}

/// Prepared contexts are reused across verifications: a long interleaved sequence of good and tampered tokens under
/// one key must give exactly the right answer every time (a context left dirty by a failure would show here).
struct ContextReuseTests {
    @Test("interleaved valid and tampered tokens under one key", arguments: JWSAlgorithm.allCases)
    func interleaved(algorithm: JWSAlgorithm) throws {
        let key = TestIssuer.sharedKey(algorithm)
        let verificationKey = algorithm.isSymmetric ? key : try key.publicKey()
        let tokens = try (0..<12).map { index in
            try CompactJWS.sign(payload: Array("message \(index)".utf8), algorithm: algorithm, key: key)
        }
        for round in 0..<3 {
            for (index, token) in tokens.enumerated() {
                let jws = try CompactJWS(parsing: token)
                try verificationKey.verify(signature: jws.signature, for: jws.signingInput, algorithm: algorithm)
                var tampered = jws.signature
                tampered[(index + round) % tampered.count] ^= 0x40
                #expect(throws: JOSEError.self) {
                    try verificationKey.verify(signature: tampered, for: jws.signingInput, algorithm: algorithm)
                }
                let otherMessage = jws.signingInput + [0x41]
                #expect(throws: JOSEError.self) {
                    try verificationKey.verify(signature: jws.signature, for: otherMessage, algorithm: algorithm)
                }
            }
        }
    }
}
