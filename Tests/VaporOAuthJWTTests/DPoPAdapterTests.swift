import JOSE
import OAuthJWT
import OAuthJWTTesting
import Testing
import Vapor
import VaporOAuthJWT

/// DPoP through Vapor over real HTTP: the adapter hands the authenticator the request's method, path and `Host`.
@Suite struct DPoPAdapterTests {
    @Test func dpopBoundTokensOverHTTP() async throws {
        let issuer = try TestIssuer()
        let client = try DPoPTestClient()
        var configuration = TestIssuer.authenticatorConfiguration()
        configuration.dpop = .allowed(origin: .requestAuthority(scheme: "http"))
        let authenticator = try issuer.authenticator(configuration: configuration)
        let token = try issuer.token(try client.confirmation)
        try await VaporLiveApp.run(
            routes: { app in
                app.grouped(OAuthJWTAuthenticator(authenticator)).get("orders") { request in
                    try request.auth.require(VerifiedJWT.self).claims.subject ?? "-"
                }
            },
            test: { base in
                let proof = try client.proof(method: "GET", url: base + "/orders", accessToken: token)
                let headers = [("Authorization", "DPoP \(token)"), ("DPoP", proof)]
                let first = try await HTTP.call(base + "/orders?page=1", headers: headers)
                #expect(first.status == 200)
                #expect(first.body == TestIssuer.subject)
                let replay = try await HTTP.call(base + "/orders", headers: headers)
                #expect(replay.status == 401)
                #expect(
                    replay.header("WWW-Authenticate")?.hasPrefix(#"DPoP realm="live", error="invalid_dpop_proof""#)
                        == true)
                let twoProofs = try await HTTP.call(
                    base + "/orders",
                    headers: [
                        ("Authorization", "DPoP \(token)"),
                        ("DPoP", try client.proof(method: "GET", url: base + "/orders", accessToken: token)),
                        ("DPoP", try client.proof(method: "GET", url: base + "/orders", accessToken: token)),
                    ])
                #expect(twoProofs.status == 400)
                let downgraded = try await HTTP.call(base + "/orders", headers: [("Authorization", "Bearer \(token)")])
                #expect(downgraded.status == 401)
                #expect(downgraded.header("WWW-Authenticate")?.contains(#"error="invalid_token""#) == true)
            })
    }
}
