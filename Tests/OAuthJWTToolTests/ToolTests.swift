import Foundation
import JOSE
import Testing

/// The `oauth-jwt` executable, run as a subprocess: every subcommand and exit code.
@Suite(.serialized)
struct ToolTests {
    let tool: ToolRunner

    init() throws { tool = try ToolRunner() }

    private func json(_ text: String) throws -> JSONValue { try JSONValue(parsing: Array(text.utf8)) }

    @Test("sign → jwks → verify round trip for every asymmetric algorithm, through keygen files")
    func asymmetricRoundTrip() async throws {
        for algorithm in JWSAlgorithm.allCases where !algorithm.isSymmetric {
            let name = algorithm.rawValue
            let keygen = try await tool.runDetached(["keygen", "--alg", name, "--out", name])
            #expect(keygen.status == 0, "\(name): \(keygen.standardError)")
            let attributes = try FileManager.default.attributesOfItem(atPath: tool.path("\(name).key.pem"))
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            let signed = try await tool.runDetached(
                [
                    "sign", "--key", "\(name).key.pem", "--alg", name, "--expires-in", "10m",
                    #"{"sub":"alice","aud":"api"}"#,
                ])
            #expect(signed.status == 0, "\(name): \(signed.standardError)")
            let token = signed.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
            let jwks = try await tool.runDetached(["jwks", "\(name).pub.pem"])
            #expect(jwks.status == 0)
            try tool.write("\(name).jwks.json", jwks.standardOutput)
            let verified = try await tool.runDetached([
                "verify", "--jwks", "\(name).jwks.json", "--alg", name, "--audience", "api", token,
            ])
            #expect(verified.status == 0, "\(name): \(verified.standardError)")
            #expect(try json(verified.standardOutput)["sub"] == "alice")
            // The public JWK from keygen verifies too, and its kid is the thumbprint.
            let thumbprint = try await tool.runDetached(["thumbprint", "\(name).pub.pem"]).standardOutput
                .trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(try json(try tool.read("\(name).pub.jwk.json"))["kid"]?.stringValue == thumbprint)
            #expect(try await tool.runDetached(["verify", "--key", "\(name).pub.jwk.json", token]).status == 0)
        }
    }

    @Test("HMAC round trip: sign with a JWK, verify with --secret-env; the secret never appears in argv")
    func hmacRoundTrip() async throws {
        let secret = "a-shared-secret-that-is-long-enough-for-hs256!"
        try tool.write("secret.jwk.json", #"{"kty":"oct","k":"\#(Base64URL.encode(Array(secret.utf8)))"}"#)
        for name in ["HS256"] {
            let token = try await tool.runDetached([
                "sign", "--key", "secret.jwk.json", "--alg", name, "--expires-in", "1h", #"{"sub":"s"}"#,
            ])
            .standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
            let environment = ["OAUTH_JWT_TEST_SECRET": secret]
            let verified = try await tool.runDetached(
                ["verify", "--secret-env", "OAUTH_JWT_TEST_SECRET", "--alg", name, token], environment: environment)
            #expect(verified.status == 0, "\(verified.standardError)")
            let defaultAlgorithms = try await tool.runDetached(
                ["verify", "--secret-env", "OAUTH_JWT_TEST_SECRET", token], environment: environment)
            #expect(defaultAlgorithms.status == 0, "with --secret-env the default algorithms are HS*")
            let asymmetricOnly = try await tool.runDetached(
                ["verify", "--secret-env", "OAUTH_JWT_TEST_SECRET", "--alg", "RS256", token], environment: environment)
            #expect(asymmetricOnly.status == 1)
            #expect(asymmetricOnly.standardError.hasPrefix("error: algorithm_not_allowed: "))
            let wrongSecret = try await tool.runDetached(
                ["verify", "--secret-env", "OAUTH_JWT_TEST_SECRET", token],
                environment: ["OAUTH_JWT_TEST_SECRET": String(secret.reversed())])
            #expect(wrongSecret.status == 1)
            #expect(wrongSecret.standardError.hasPrefix("error: invalid_signature: "))
        }
        let unset = try await tool.runDetached([
            "verify", "--secret-env", "OAUTH_JWT_UNSET_VARIABLE", "--alg", "HS256", "x.y.z",
        ])
        #expect(unset.status == 2)
    }

    @Test("rejections exit 1 with a stable code: expired, wrong audience, bad signature, missing scope, missing claim")
    func rejections() async throws {
        #expect(try await tool.runDetached(["keygen", "--alg", "ES256", "--out", "k"]).status == 0)
        let token = try await tool.runDetached([
            "sign", "--key", "k.key.pem", "--alg", "ES256", "--expires-in", "60s", #"{"aud":"api","scope":"read"}"#,
        ])
        .standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        let future = String(Int(Date().timeIntervalSince1970) + 3600)
        let cases: [([String], String)] = [
            (["--now", future], "token_expired"),
            (["--audience", "other"], "audience_mismatch"),
            (["--scope", "write"], "insufficient_scope"),
            (["--require", "sub"], "missing_claim"),
            (["--typ", "at+jwt"], "type_mismatch"),
            (["--issuer", "https://issuer.example"], "missing_claim"),
        ]
        for (options, code) in cases {
            let result = try await tool.runDetached(["verify", "--key", "k.pub.pem"] + options + [token])
            #expect(result.status == 1, "\(options)")
            #expect(result.standardError.hasPrefix("error: \(code): "), "\(options): \(result.standardError)")
            #expect(result.standardOutput.isEmpty)
        }
        // A signature by another key.
        #expect(try await tool.runDetached(["keygen", "--alg", "ES256", "--out", "other"]).status == 0)
        let forged = try await tool.runDetached([
            "sign", "--key", "other.key.pem", "--alg", "ES256", "--kid", "x", #"{"aud":"api"}"#,
        ])
        .standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        let bad = try await tool.runDetached(["verify", "--key", "k.pub.pem", forged])
        #expect(bad.status == 1)
        #expect(bad.standardError.hasPrefix("error: invalid_signature: "))
        // Leeway rescues a token that expired moments ago; --now pins the clock.
        let result = try await tool.runDetached([
            "verify", "--key", "k.pub.pem", "--now", String(Int(Date().timeIntervalSince1970) + 90), "--leeway", "120",
            token,
        ])
        #expect(result.status == 0, "\(result.standardError)")
    }

    @Test("usage, I/O and key-source failures exit 2")
    func failures() async throws {
        #expect(try await tool.runDetached(["verify", "a.b.c"]).status == 2, "no key source")
        #expect(
            try await tool.runDetached(["verify", "--jwks", "a", "--key", "b", "a.b.c"]).status == 2, "two key sources")
        #expect(try await tool.runDetached(["verify", "--jwks", "missing.json", "a.b.c"]).status == 2, "missing file")
        try tool.write("garbage.pem", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")
        #expect(try await tool.runDetached(["verify", "--key", "garbage.pem", "a.b.c"]).status == 2, "broken key")
        #expect(
            try await tool.runDetached(["verify", "--key", "garbage.pem", "--alg", "XS256", "a.b.c"]).status == 2,
            "unknown alg")
        #expect(try await tool.runDetached(["sign", "--key", "missing.pem", "--alg", "ES256", "{}"]).status == 2)
        #expect(try await tool.runDetached(["nonsense"]).status == 2)
        #expect(try await tool.runDetached(["keygen", "--alg", "ES256", "--out", "span"]).status == 0)
        for span in ["60", "1w", "soon"] {  // a bare number would be milliseconds in node's grammar: refused
            let signed = try await tool.runDetached(
                ["sign", "--key", "span.key.pem", "--alg", "ES256", "--expires-in", span, "{}"])
            #expect(signed.status == 2, "--expires-in \(span)")
        }
        #expect(try await tool.runDetached(["decode", "not-a-token"]).status == 2)
        #expect(try await tool.runDetached(["--help"]).status == 0)
        #expect(
            try await tool.runDetached(["verify", "--key", "k.pem", "--leeway", "nan", "a.b.c"]).status == 2, "leeway")
        #expect(
            try await tool.runDetached(["verify", "--key", "k.pem", "--leeway", "1e30", "a.b.c"]).status == 2, "leeway")
    }

    @Test("decode reads standard input, prints header and payload, and warns on stderr")
    func decode() async throws {
        #expect(try await tool.runDetached(["keygen", "--alg", "EdDSA", "--out", "ed"]).status == 0)
        let token = try await tool.runDetached(
            ["sign", "--key", "ed.jwk.json", "--alg", "EdDSA", "--no-iat", "-"], input: #"{"sub":"bob"}"#
        )
        .standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        let decoded = try await tool.runDetached(["decode", "-"], input: token + "\n")
        #expect(decoded.status == 0)
        #expect(decoded.standardError.contains("NOT verified"))
        let document = try json(decoded.standardOutput)
        #expect(document["header"]?["alg"] == "EdDSA")
        #expect(document["payload"]?["sub"] == "bob")
        #expect(document["payload"]?["iat"] == nil, "--no-iat")
        #expect(document["payload"]?["exp"] == nil)
        let verified = try await tool.runDetached(["verify", "--key", "ed.pub.pem", "-"], input: token)
        #expect(verified.status == 1, "exp is required by default")
        #expect(verified.standardError.hasPrefix("error: missing_claim: "))
    }

    @Test("thumbprint of the RFC 7638 example key, and jwks keeps an existing kid")
    func thumbprintAndJWKS() async throws {
        let n =
            "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"
        try tool.write("rfc.jwk.json", #"{"kty":"RSA","n":"\#(n)","e":"AQAB","alg":"RS256","kid":"2011-04-29"}"#)
        let thumbprint = try await tool.runDetached(["thumbprint", "rfc.jwk.json"])
        #expect(thumbprint.status == 0)
        #expect(thumbprint.standardOutput == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs\n")
        let set = try json(try await tool.runDetached(["jwks", "rfc.jwk.json"]).standardOutput)
        #expect(set["keys"]?.arrayValue?.first?["kid"] == "2011-04-29")
        #expect(try await tool.runDetached(["jwks"]).status == 2, "no files")
    }
}
