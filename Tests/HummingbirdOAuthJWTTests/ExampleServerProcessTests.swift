import ExampleSupport
import Foundation
import JOSE
import OAuthJWTTesting
import Testing

/// The example server run as its own process, talked to over HTTP.
@Suite(.serialized) struct ExampleServerProcessTests {
    @Test(arguments: ExampleServerProcess.names)
    func demoIssuerMintsTokensForAllThreeRoutes(_ name: String) async throws {
        let (server, base) = try await ExampleServerProcess.start(name)
        do {
            #expect(server.outputText.contains("curl -H \"Authorization: Bearer $TOKEN\" \(base)/secured/claim"))
            let minted = try await HTTP.call(
                base + "/demo/token", method: "POST", headers: [("Content-Type", "application/json")],
                body: #"{"scope":"read","myClaim":"someRequiredValue"}"#)
            #expect(minted.status == 200)
            let token = try #require(try JSONValue(parsing: Array(minted.body.utf8))["access_token"]?.stringValue)
            let auth = [("Authorization", "Bearer \(token)")]

            let any = try await HTTP.call(base + "/secured/token", headers: auth)
            #expect(any.status == 200)
            #expect(any.body == #"{"data":"Some data from secured endpoint.","user":"demo-user"}"#)
            let scope = try await HTTP.call(base + "/secured/scope", headers: auth)
            #expect(scope.status == 200)
            #expect(scope.body == #"{"data":"Some data from secured endpoint.","scope":"read","user":"demo-user"}"#)
            let claim = try await HTTP.call(base + "/secured/claim", headers: auth)
            #expect(claim.status == 200)
            #expect(
                claim.body
                    == #"{"audience":"api://example-server","data":"Some data from secured endpoint.","user":"demo-user"}"#
            )

            // Without METRICS=1 there is no metrics endpoint, and without BENCHMARK_FLOOR=1 no floor route.
            #expect(try await HTTP.call(base + "/metrics").status == 404)
            #expect(try await HTTP.call(base + "/floor/token", headers: auth).status == 404)

            // The unsecured twin of /secured/token (the load benchmark's control) needs no token.
            let open = try await HTTP.call(base + "/public/token")
            #expect(open.status == 200)
            #expect(open.body == #"{"data":"Some data from a public endpoint.","user":null}"#)

            let none = try await HTTP.call(base + "/secured/claim")
            #expect(none.status == 401)
            #expect(none.header("WWW-Authenticate") == "Bearer")
            let plain = try await HTTP.call(
                base + "/demo/token", method: "POST", headers: [("Content-Type", "application/json")],
                body: #"{"scope":"readonly"}"#)
            let readonly = try #require(try JSONValue(parsing: Array(plain.body.utf8))["access_token"]?.stringValue)
            let refused = try await HTTP.call(
                base + "/secured/scope", headers: [("Authorization", "Bearer \(readonly)")])
            #expect(refused.status == 403)
            #expect(refused.header("WWW-Authenticate")?.hasSuffix(#"scope="read""#) == true)
        } catch {
            _ = try? await server.stop()
            throw error
        }
        #expect(try await server.stop() == 0)
    }

    @Test(
        "BENCHMARK_FLOOR=1: the floor routes of Benchmarks/load answer a valid token as /secured/token, refuse the rest",
        arguments: ["on", "off"])
    func benchmarkFloorRoutes(cache: String) async throws {
        let (server, base) = try await ExampleServerProcess.start(
            "ExampleServer", environment: ["BENCHMARK_FLOOR": "1", "OAUTH_JWT_CACHE": cache])
        do {
            func mint(_ value: String) async throws -> String {
                let minted = try await HTTP.call(
                    base + "/demo/token", method: "POST", headers: [("Content-Type", "application/json")],
                    body: #"{"myClaim":"\#(value)"}"#)
                return try #require(try JSONValue(parsing: Array(minted.body.utf8))["access_token"]?.stringValue)
            }
            let first = try await mint("first")
            let second = try await mint("second")
            var parts = first.split(separator: ".").map(String.init)
            parts[2] = String(parts[2].reversed())
            let tampered = parts.joined(separator: ".")
            let secured = try await HTTP.call(base + "/secured/token", headers: [("Authorization", "Bearer \(first)")])
            #expect(secured.status == 200)
            // With the cache on: the one-token floor and the dictionary; with it off, the bare verifier.
            let routes = cache == "on" ? ["/floor/token", "/naive/token"] : ["/floor/token"]
            #expect(try await HTTP.call(base + "/naive/token").status == (cache == "on" ? 401 : 404))
            for route in routes {
                for token in [first, first, second, second] {  // each accepted, then remembered (cache on)
                    let reply = try await HTTP.call(base + route, headers: [("Authorization", "Bearer \(token)")])
                    #expect(reply.status == 200, "\(route)")
                    #expect(reply.body == secured.body, "\(route)")
                }
                #expect(try await HTTP.call(base + route).status == 401, "\(route)")
                let basic = try await HTTP.call(base + route, headers: [("Authorization", "Basic \(first)")])
                #expect(basic.status == 401, "\(route)")
                let forged = try await HTTP.call(base + route, headers: [("Authorization", "Bearer \(tampered)")])
                #expect(forged.status == 401, "\(route)")
            }
        } catch {
            _ = try? await server.stop()
            throw error
        }
        #expect(try await server.stop() == 0)
    }

    @Test(arguments: ExampleServerProcess.names)
    func jwksURIFromTheEnvironmentReplacesTheDemoIssuer(_ name: String) async throws {
        let key = try JWSKey.generate(for: .rs256, keyID: "real-1")
        try await JWKSTestServer.run { jwks in
            jwks.setKeys([key])
            let (server, base) = try await ExampleServerProcess.start(
                name,
                environment: [
                    "JWKS_URI": jwks.jwksURL.absoluteString, "ISSUER": "https://auth.test", "AUDIENCE": "api://real",
                    "REALM": "real",
                ])
            do {
                let now = Int64(Date().timeIntervalSince1970)
                func token(_ extra: [String: JSONValue]) throws -> String {
                    var claims: [String: JSONValue] = [
                        "iss": "https://auth.test", "aud": "api://real", "sub": "bob",
                        "exp": .number(JSONNumber(now + 600)),
                    ]
                    for (name, value) in extra { claims[name] = value }
                    return try JWTSigner.sign(JWTClaims(claims), with: key)
                }
                let good = [("Authorization", "Bearer \(try token(["scope": "read", "myClaim": "someRequiredValue"]))")]
                for route in ["token", "scope", "claim"] {
                    let reply = try await HTTP.call(base + "/secured/" + route, headers: good)
                    #expect(reply.status == 200, "\(route)")
                    #expect(reply.body.contains(#""user":"bob""#))
                }
                #expect(jwks.requestCount() >= 1)
                // The demo issuer is off.
                #expect(try await HTTP.call(base + "/demo/token", method: "POST", body: "{}").status == 404)
                #expect(try await HTTP.call(base + "/.well-known/jwks.json").status == 404)
                // Issuer and audience come from the environment.
                let wrongAudience = try await HTTP.call(
                    base + "/secured/token", headers: [("Authorization", "Bearer \(try token(["aud": "api://x"]))")])
                #expect(wrongAudience.status == 401)
                #expect(
                    wrongAudience.header("WWW-Authenticate")?.hasPrefix(#"Bearer realm="real", error="invalid_token""#)
                        == true)
            } catch {
                _ = try? await server.stop()
                throw error
            }
            #expect(try await server.stop() == 0)
        }
    }

    @Test(
        "DPOP=required: the demo issuer mints DPoP-bound tokens, the server takes them with proofs for PUBLIC_BASE_URL",
        arguments: ExampleServerProcess.names)
    func dpopRequiredWithTheDemoIssuer(_ name: String) async throws {
        let (server, base) = try await ExampleServerProcess.start(
            name, environment: ["DPOP": "required", "PUBLIC_BASE_URL": "https://api.test"])
        do {
            let client = try DPoPTestClient()
            let minted = try await HTTP.call(
                base + "/demo/token", method: "POST", headers: [("Content-Type", "application/json")],
                body: String(decoding: JSONValue.object(try client.confirmation).serialized(), as: UTF8.self))
            let document = try JSONValue(parsing: Array(minted.body.utf8))
            #expect(document["token_type"] == "DPoP")
            let token = try #require(document["access_token"]?.stringValue)
            let proof = try client.proof(method: "GET", url: "https://api.test/secured/token", accessToken: token)
            let headers = [("Authorization", "DPoP \(token)"), ("DPoP", proof)]
            let reply = try await HTTP.call(base + "/secured/token", headers: headers)
            #expect(reply.status == 200)
            #expect(try await HTTP.call(base + "/secured/token", headers: headers).status == 401)  // replayed
            let bearer = try await HTTP.call(base + "/secured/token", headers: [("Authorization", "Bearer \(token)")])
            #expect(bearer.status == 400)
            #expect(bearer.header("WWW-Authenticate")?.hasPrefix("DPoP error=\"invalid_request\"") == true)
        } catch {
            _ = try? await server.stop()
            throw error
        }
        #expect(try await server.stop() == 0)
    }

    @Test(
        "Encrypted tokens: the demo issuer publishes its encryption key and mints nested tokens; DECRYPTION_JWKS",
        arguments: ExampleServerProcess.names)
    func encryptedTokens(_ name: String) async throws {
        let (demo, demoBase) = try await ExampleServerProcess.start(name)
        do {
            let jwks = try JSONValue(parsing: Array(try await HTTP.call(demoBase + DemoIssuer.jwksPath).body.utf8))
            let encryption = try #require(jwks["keys"]?.arrayValue?.first { $0["use"] == "enc" })
            #expect(encryption["alg"] == "ECDH-ES+A256KW")
            #expect(encryption["d"] == nil)
            let minted = try await HTTP.call(
                demoBase + DemoIssuer.tokenPath + "?encrypted=true", method: "POST",
                headers: [("Content-Type", "application/json")], body: #"{"scope":"read"}"#)
            let token = try #require(try JSONValue(parsing: Array(minted.body.utf8))["access_token"]?.stringValue)
            #expect(token.split(separator: ".", omittingEmptySubsequences: false).count == 5)
            // Anyone can encrypt to the published key; the nested token is accepted because it is signed.
            let reply = try await HTTP.call(
                demoBase + "/secured/scope", headers: [("Authorization", "Bearer \(token)")])
            #expect(reply.status == 200, "\(reply.body)")
            var parts = token.split(separator: ".").map(String.init)
            parts[4] = String(parts[4].reversed())
            let tampered = try await HTTP.call(
                demoBase + "/secured/token", headers: [("Authorization", "Bearer \(parts.joined(separator: "."))")])
            #expect(tampered.status == 401)
            #expect(tampered.header("WWW-Authenticate")?.contains(#"error="invalid_token""#) == true)
        } catch {
            _ = try? await demo.stop()
            throw error
        }
        #expect(try await demo.stop() == 0)

        // A real authorization server's nested tokens, with the resource server's private key in DECRYPTION_JWKS.
        let signing = try JWSKey.generate(for: .es256, keyID: "sig-1")
        var decryption = try #require(try JWSKey.generate(for: .rs256, keyID: "enc-1").privateJWK().objectValue)
        decryption["alg"] = "RSA-OAEP-256"
        decryption["use"] = "enc"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("decryption-\(UUID()).json")
        try Data(JSONValue.object(["keys": [.object(decryption)]]).serialized()).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        decryption = decryption.filter { !["d", "p", "q", "dp", "dq", "qi"].contains($0.key) }
        let recipient = try JWEKey(jwk: .object(decryption))
        try await JWKSTestServer.run { authorizationServer in
            authorizationServer.setKeys([signing])
            let (server, base) = try await ExampleServerProcess.start(
                name,
                environment: [
                    "JWKS_URI": authorizationServer.jwksURL.absoluteString, "ISSUER": "https://auth.test",
                    "AUDIENCE": "api://e", "DECRYPTION_JWKS": file.path,
                ])
            do {
                let claims: [String: JSONValue] = [
                    "iss": "https://auth.test", "aud": "api://e", "sub": "grace",
                    "exp": .number(JSONNumber(Int64(Date().timeIntervalSince1970) + 600)),
                ]
                let nested = try JWEEncrypter.encrypt(
                    Array(try JWTSigner.sign(JWTClaims(claims), with: signing).utf8), to: recipient,
                    algorithm: .rsaOAEP256, encryption: .a128CBCHS256, header: ["cty": "JWT"])
                let reply = try await HTTP.call(
                    base + "/secured/token", headers: [("Authorization", "Bearer \(nested)")])
                #expect(reply.status == 200, "\(reply.body)")
                #expect(reply.body.contains("grace"))
            } catch {
                _ = try? await server.stop()
                throw error
            }
            #expect(try await server.stop() == 0)
        }
    }

    @Test(
        "INTROSPECTION_URL: opaque tokens are introspected with the client's credentials, JWTs still verified by key",
        arguments: ExampleServerProcess.names)
    func opaqueTokensByIntrospection(_ name: String) async throws {
        let key = try JWSKey.generate(for: .es256, keyID: "intro-1")
        try await JWKSTestServer.run { authorizationServer in
            authorizationServer.setKeys([key])
            authorizationServer.setIntrospectionClient(id: "orders-api", secret: "s3cret")
            let expiry = JSONValue.number(JSONNumber(Int64(Date().timeIntervalSince1970) + 600))
            authorizationServer.setActiveToken(
                "opaque-abc", claims: ["aud": "api://i", "sub": "erin", "scope": "read", "exp": expiry])
            let (server, base) = try await ExampleServerProcess.start(
                name,
                environment: [
                    "JWKS_URI": authorizationServer.jwksURL.absoluteString, "ISSUER": "https://auth.test",
                    "AUDIENCE": "api://i", "INTROSPECTION_URL": authorizationServer.introspectionURL.absoluteString,
                    "INTROSPECTION_CLIENT_ID": "orders-api", "INTROSPECTION_CLIENT_SECRET": "s3cret",
                ])
            do {
                let opaque = try await HTTP.call(
                    base + "/secured/scope", headers: [("Authorization", "Bearer opaque-abc")])
                #expect(opaque.status == 200, "\(opaque.body)")
                #expect(opaque.body.contains("erin"))
                let inactive = try await HTTP.call(
                    base + "/secured/token", headers: [("Authorization", "Bearer opaque-unknown")])
                #expect(inactive.status == 401)
                #expect(inactive.header("WWW-Authenticate")?.contains(#"error="invalid_token""#) == true)
                let jwt = try JWTSigner.sign(
                    JWTClaims(["iss": "https://auth.test", "aud": "api://i", "sub": "frank", "exp": expiry]), with: key)
                let signed = try await HTTP.call(base + "/secured/token", headers: [("Authorization", "Bearer \(jwt)")])
                #expect(signed.status == 200)
                #expect(authorizationServer.requestCount(JWKSTestServer.introspectionPath) == 2)
                authorizationServer.setDocument(JWKSTestServer.introspectionPath, status: 500, ["error": "down"])
                let down = try await HTTP.call(
                    base + "/secured/token", headers: [("Authorization", "Bearer opaque-other")])
                #expect(down.status == 503)
                #expect(down.header("Retry-After") == "30")
            } catch {
                _ = try? await server.stop()
                throw error
            }
            #expect(try await server.stop() == 0)
        }
    }

    @Test(
        "Keys are warmed before the first request, and METRICS=1 serves the library's metrics in Prometheus format",
        arguments: ExampleServerProcess.names)
    func keysAreWarmedAndMetricsServed(_ name: String) async throws {
        let key = try JWSKey.generate(for: .es256, keyID: "metrics-1")
        try await JWKSTestServer.run { jwks in
            jwks.setKeys([key])
            let (server, base) = try await ExampleServerProcess.start(
                name,
                environment: [
                    "JWKS_URI": jwks.jwksURL.absoluteString, "ISSUER": "https://auth.test", "AUDIENCE": "api://m",
                    "METRICS": "1",
                ])
            do {
                // The refresh service fetched the keys at start: no token has been sent yet.
                for _ in 0..<200 where jwks.requestCount() == 0 { try await Task.sleep(for: .milliseconds(50)) }
                #expect(jwks.requestCount() == 1)
                let claims: [String: JSONValue] = [
                    "iss": "https://auth.test", "aud": "api://m", "sub": "dora",
                    "exp": .number(JSONNumber(Int64(Date().timeIntervalSince1970) + 600)),
                ]
                let token = try JWTSigner.sign(JWTClaims(claims), with: key)
                let good = try await HTTP.call(base + "/secured/token", headers: [("Authorization", "Bearer \(token)")])
                #expect(good.status == 200)
                let tampered = String(token.dropLast(4)) + "AAAA"
                let bad = try await HTTP.call(
                    base + "/secured/token", headers: [("Authorization", "Bearer \(tampered)")])
                #expect(bad.status == 401)
                #expect(jwks.requestCount() == 1)

                let metrics = try await HTTP.call(base + "/metrics")
                #expect(metrics.status == 200)
                #expect(metrics.header("Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
                let lines = metrics.body.split(separator: "\n").map(String.init)
                /// The value of the sample of `name` whose labels include `labels`.
                func sample(_ name: String, _ labels: [String]) -> Double? {
                    let line = lines.first { line in
                        line.hasPrefix(name + "{") && labels.allSatisfy { line.contains($0) }
                    }
                    return line?.split(separator: " ").last.flatMap { Double($0) }
                }
                #expect(sample("oauth_jwt_decisions_total", [#"outcome="authorized""#, #"stage="authenticate""#]) == 1)
                #expect(
                    sample("oauth_jwt_decisions_total", [#"outcome="invalid_token""#, #"reason="invalid_signature""#])
                        == 1)
                #expect(sample("oauth_jwt_key_fetches_total", [#"document="jwks""#, #"result="success""#]) == 1)
                #expect(sample("oauth_jwt_keys", [#"source="\#(jwks.jwksURL.absoluteString)""#]) == 1, "\(lines)")
                #expect(sample("oauth_jwt_token_cache_lookups_total", [#"result="miss""#]) == 2)
                #expect(!metrics.body.contains(token.split(separator: ".")[2]))
                #expect(!metrics.body.contains(tampered.split(separator: ".")[2]))
            } catch {
                _ = try? await server.stop()
                throw error
            }
            #expect(try await server.stop() == 0)
        }
    }

    @Test(
        "Without ISSUER and AUDIENCE the server runs on the named opt-outs and warns about both at start",
        arguments: ExampleServerProcess.names)
    func jwksURIAloneUsesTheOptOutsWithWarnings(_ name: String) async throws {
        let key = try JWSKey.generate(for: .es256, keyID: "open-1")
        try await JWKSTestServer.run { jwks in
            jwks.setKeys([key])
            let (server, base) = try await ExampleServerProcess.start(
                name,
                environment: [
                    "JWKS_URI": jwks.jwksURL.absoluteString
                ])
            do {
                let claims: [String: JSONValue] = [
                    "iss": "https://anyone.test", "aud": "api://anything", "sub": "eve",
                    "exp": .number(JSONNumber(Int64(Date().timeIntervalSince1970) + 600)),
                ]
                let token = try JWTSigner.sign(JWTClaims(claims), with: key)
                let reply = try await HTTP.call(
                    base + "/secured/token", headers: [("Authorization", "Bearer \(token)")])
                #expect(reply.status == 200)
                #expect(server.outputText.contains("ISSUER is not set: the token issuer (iss) is not checked"))
                #expect(server.outputText.contains("AUDIENCE is not set: the token audience (aud) is not checked"))
            } catch {
                _ = try? await server.stop()
                throw error
            }
            #expect(try await server.stop() == 0)
        }
    }

    @Test(arguments: ExampleServerProcess.names)
    func issuerFromTheEnvironmentIsDiscovered(_ name: String) async throws {
        let key = try JWSKey.generate(for: .es256, keyID: "disc-1")
        try await JWKSTestServer.run { jwks in
            jwks.setKeys([key])
            jwks.setDiscoveryDocument()
            let (server, base) = try await ExampleServerProcess.start(
                name,
                environment: [
                    "ISSUER": jwks.baseURL, "AUDIENCE": "api://disc",
                ])
            do {
                let now = Int64(Date().timeIntervalSince1970)
                let token = try JWTSigner.sign(
                    JWTClaims([
                        "iss": .string(jwks.baseURL), "aud": "api://disc", "sub": "carol",
                        "exp": .number(JSONNumber(now + 600)),
                    ]), with: key)
                let reply = try await HTTP.call(
                    base + "/secured/token", headers: [("Authorization", "Bearer \(token)")])
                #expect(reply.status == 200)
                #expect(reply.body.contains(#""user":"carol""#))
                #expect(jwks.requestCount("/.well-known/openid-configuration") == 1)
            } catch {
                _ = try? await server.stop()
                throw error
            }
            #expect(try await server.stop() == 0)
        }
    }

    /// The README's curl walkthrough, step by step: every status, challenge, content type and body.
    static func walkthrough(_ base: String) async throws -> [String] {
        func mint(_ body: String, contentType: String?) async throws -> String {
            let reply = try await HTTP.call(
                base + "/demo/token", method: "POST", headers: contentType.map { [("Content-Type", $0)] } ?? [],
                body: body)
            return try #require(try JSONValue(parsing: Array(reply.body.utf8))["access_token"]?.stringValue)
        }
        func step(_ path: String, _ authorization: String?) async throws -> String {
            let reply = try await HTTP.call(base + path, headers: authorization.map { [("Authorization", $0)] } ?? [])
            return [
                path, "\(reply.status)", reply.headers("WWW-Authenticate").joined(separator: " | "),
                reply.headers("Retry-After").joined(), reply.headers("Content-Type").joined(), reply.body,
            ].joined(separator: " ; ")
        }
        let token = try await mint(#"{"scope":"read","myClaim":"someRequiredValue"}"#, contentType: "application/json")
        // Without a content type curl sends a form content type, as in the README.
        let other = try await mint(#"{"scope":"readonly"}"#, contentType: "application/x-www-form-urlencoded")
        return [
            try await step("/", nil), try await step("/public/token", nil),
            try await step("/secured/token", "Bearer \(token)"), try await step("/secured/scope", "Bearer \(token)"),
            try await step("/secured/claim", "Bearer \(token)"), try await step("/secured/token", nil),
            try await step("/secured/token", "Bearer not-a-jwt"), try await step("/secured/scope", "Bearer \(other)"),
            try await step("/secured/claim", "Bearer \(other)"), try await step("/secured/claim", "Basic dXNlcjpwYXNz"),
            try await step("/secured/token", "Bearer a b"),
        ]
    }

    @Test func bothServersAnswerTheWalkthroughTheSameWay() async throws {
        var answers: [[String]] = []
        for name in ExampleServerProcess.names {
            let (server, base) = try await ExampleServerProcess.start(name)
            do {
                answers.append(try await Self.walkthrough(base))
            } catch {
                _ = try? await server.stop()
                throw error
            }
            #expect(try await server.stop() == 0)
        }
        #expect(answers.count == 2)
        #expect(answers.first == answers.last)
        // And what the README shows.
        let readme = try #require(answers.first)
        #expect(readme[2].hasSuffix(#"{"data":"Some data from secured endpoint.","user":"demo-user"}"#))
        #expect(readme[5] == #"/secured/token ; 401 ; Bearer ;  ; application/json ; {"error":"unauthorized"}"#)
        #expect(
            readme[6].hasPrefix(
                #"/secured/token ; 401 ; Bearer error="invalid_token", error_description="The access token is malformed" ;"#
            ))
        #expect(readme[7].contains(#"scope="read""#) && readme[7].contains("; 403 ;"))
        #expect(readme[8].contains(#"error_description="Token is missing some required claims""#))
    }
}
