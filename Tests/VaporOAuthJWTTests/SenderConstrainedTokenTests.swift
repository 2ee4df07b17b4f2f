import JOSE
import OAuthJWT
import OAuthJWTTesting
import Testing
import Vapor
import VaporOAuthJWT

/// DPoP and certificate-bound tokens through Vapor over real HTTP: the adapter hands the authenticator the request's
/// method, path and `Host`, the `DPoP` header and the configured client-certificate header.
@Suite struct SenderConstrainedTokenTests {
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
                    try request.auth.require(AccessToken.self).claims.subject ?? "-"
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

    @Test func certificateBoundTokensOverHTTP() async throws {
        let issuer = try TestIssuer()
        var configuration = TestIssuer.authenticatorConfiguration()
        configuration.certificateBinding = .clientCertificateHeader()
        let authenticator = try issuer.authenticator(configuration: configuration)
        // A self-signed certificate's DER (base64) and its SHA-256 (base64url), computed outside this library.
        let certificate =
            "MIIBlDCCATugAwIBAgIUBTerQnzDhblxx1RNjx0Hch7+0uEwCgYIKoZIzj0EAwIwHzEdMBsGA1UEAwwUc3dpZnQtb2F1dGgtand0IHRlc3QwIBcNMjYxMTIzMDA1ODQ4WhgPMjEyNjEwMzAwMDU4NDhaMB8xHTAbBgNVBAMMFHN3aWZ0LW9hdXRoLWp3dCB0ZXN0MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEYFYEsOHV+naLeOfco56MFTT7GbgR6osXtUmjv7PZLn/2GaHC8V44BlP5ak0QNw3QzWTATw5QBRPFa/Fn09lPxKNTMFEwHQYDVR0OBBYEFLfxg4RI9xE5m/hDz2h+Aa2byDX/MB8GA1UdIwQYMBaAFLfxg4RI9xE5m/hDz2h+Aa2byDX/MA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDRwAwRAIgDVeAfuT7JuNMoFQvJthxwKMNgkndJKhbUUNaxm/0sOECIGj4R//WlVuSepBh0CzOLGCVKXVFof/JMBupsKSvxVS5"
        let token = try issuer.token(["cnf": .object(["x5t#S256": "lJst62rMuD_RPQ2mVN70iNrpuNp24McYbvWs0rZrM6w"])])
        try await VaporLiveApp.run(
            routes: { app in
                app.grouped(OAuthJWTAuthenticator(authenticator)).get("orders") { _ in "ok" }
            },
            test: { base in
                let bearer = ("Authorization", "Bearer \(token)")
                let bound = try await HTTP.call(
                    base + "/orders", headers: [bearer, ("client-cert", ":\(certificate):")])
                #expect(bound.status == 200)
                let without = try await HTTP.call(base + "/orders", headers: [bearer])
                #expect(without.status == 401)
                #expect(without.header("WWW-Authenticate")?.contains(#"error="invalid_token""#) == true)
            })
    }
}
