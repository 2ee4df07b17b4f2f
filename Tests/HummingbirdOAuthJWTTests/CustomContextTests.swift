import Foundation
import Hummingbird
import HummingbirdOAuthJWT
import HummingbirdTesting
import JOSE
import OAuthJWT
import TestSupport
import Testing

/// An application's own context, as in the `OAuthJWTRequestContext` documentation.
struct AppRequestContext: OAuthJWTRequestContext {
    var coreContext: CoreRequestContextStorage
    var verifiedToken: VerifiedJWT?
    init(source: Source) {
        coreContext = .init(source: source)
        verifiedToken = nil
    }
}

@Suite struct CustomContextTests {
    @Test func middlewareFillsAnAppOwnContextAndRejectedRequestsNeverReachTheHandler() async throws {
        let issuer = try TestIssuer(keyID: "live-1")
        let calls = HandlerCalls()
        let authenticator = try BearerTokenAuthenticator(
            keys: StaticKeySource(key: try issuer.key.publicKey()), configuration: LiveApp.configuration())
        let router = Router(context: AppRequestContext.self)
        router.group("me")
            .add(middleware: OAuthJWTMiddleware(authenticator))
            .get { _, context in
                calls.increment()
                return context.verifiedToken?.header.keyID ?? "-"
            }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let ok = try await client.get("/me", token: try issuer.token())
            #expect(ok.text == "live-1")
            let rejected = try await client.get("/me", token: try TestIssuer(keyID: "live-1").token())
            #expect(rejected.status == .unauthorized)
            let missing = try await client.get("/me")
            #expect(missing.status == .unauthorized)
        }
        #expect(calls.count == 1)
    }
}

final class HandlerCalls: Sendable {
    private let value = Locked(0)
    func increment() { value.withLock { $0 += 1 } }
    var count: Int { value.withLock { $0 } }
}
