import Testing

@testable import JOSE

/// One key shared by many tasks: the OpenSSL key and the prepared HMAC contexts are only read after creation.
/// Run under ThreadSanitizer (`swift test --sanitize=thread --filter ConcurrencyTests`) to check for races.
struct ConcurrencyTests {
    @Test(
        "concurrent verifications with shared keys all succeed",
        arguments: [JWSAlgorithm.hs256, .rs256, .es256, .eddsa])
    func sharedKey(algorithm: JWSAlgorithm) async throws {
        let key = try Fixtures.key(algorithm)
        let token = try Fixtures.token(algorithm)
        let forged = String(token.dropLast(2)) + (token.hasSuffix("AA") ? "BA" : "AA")
        let verifier = JWTVerifier(keys: StaticKeyResolver(key: key))
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
