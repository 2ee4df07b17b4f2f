import Foundation
import HTTPTypes
import JOSE
import OAuthJWT
import OAuthJWTTesting
import RemoteJWKS
import Testing

/// Many first requests at once for one issuer whose keys are not fetched yet.
@Suite struct ColdStartBurstTests {
    @Test("2,000 concurrent first requests share exactly one JWKS fetch and are all authorized")
    func burstOnAColdKeySourceFetchesOnce() async throws {
        let issuer = try TestIssuer(keyID: "burst-1")
        try await JWKSTestServer.run { server in
            server.setKeys([issuer.key])
            server.setDelay(.milliseconds(100))  // keeps the fetch in flight while every request arrives
            let authenticator = try BearerTokenAuthenticator(
                keys: try RemoteJWKS(url: server.jwksURL),
                configuration: .init(issuers: [TestIssuer.issuer], audiences: [TestIssuer.audience]))
            let headers: HTTPFields = [.authorization: "Bearer \(try issuer.token())"]
            let start = ContinuousClock.now
            let latencies = await withTaskGroup(of: Duration?.self) { group in
                for _ in 0..<2000 {
                    group.addTask {
                        guard case .authorized = await authenticator.authenticate(headerFields: headers) else {
                            return nil
                        }
                        return ContinuousClock.now - start
                    }
                }
                return await group.reduce(into: [Duration?]()) { $0.append($1) }
            }
            let authorized = latencies.compactMap { $0 }.sorted()
            #expect(authorized.count == 2000)
            #expect(server.requestCount() == 1)
            // Reported, never asserted (timing depends on the machine): how long the burst waited, against the
            // server's 100 ms answer delay.
            if let first = authorized.first, let last = authorized.last {
                let median = authorized[authorized.count / 2]
                let p99 = authorized[authorized.count * 99 / 100]
                print(
                    "cold-start burst: 2000 decisions, 1 fetch (server delay 100 ms); latency from the burst's start:"
                        + " min \(first), median \(median), p99 \(p99), max \(last)")
            }
        }
    }
}
