import Foundation
import JOSE
import OAuthJWTTesting
import OIDCMessages
import Testing

/// A resolver that counts how often it is asked (to prove unknown issuers never reach a remote bundle).
final class CountingResolver: KeySource, Sendable {
    private let calls = Locked(0)
    let keys: [JWSKey]
    let error: JOSEError?

    init(keys: [JWSKey], error: JOSEError? = nil) {
        self.keys = keys
        self.error = error
    }

    var count: Int { calls.withLock { $0 } }

    func keys(for token: UnverifiedJWT) async throws(JOSEError) -> [JWSKey] {
        calls.withLock { $0 += 1 }
        if let error { throw error }
        return JWKSet(keys: keys).candidates(for: token.header)
    }
}

@Suite struct KeyJarTests {
    static let issuerA = "https://a.example"
    static let issuerB = "https://b.example"

    static func token(_ issuer: String?, key: JWSKey, kid: String?? = .none) throws -> UnverifiedJWT {
        var claims: [String: JSONValue] = ["sub": "ann", "exp": 4_000_000_000]
        if let issuer { claims["iss"] = .string(issuer) }
        var header: [String: JSONValue] = [:]
        if case .some(let kid) = kid { header["kid"] = kid.map(JSONValue.string) ?? .null }
        var signer = key
        if case .some(nil) = kid { signer.keyID = nil }
        let text = try CompactJWS.sign(
            payload: JSONValue.object(claims).serialized(), algorithm: key.algorithm ?? .hs256, key: signer,
            extraHeader: header.filter { !$0.value.isNull })
        return try UnverifiedJWT(parsing: text)
    }

    static func jar() throws -> KeyJar {
        var jar = KeyJar()
        jar.add(
            KeyBundle(keys: [TestIssuer.sharedPublicKey(.rs256), TestIssuer.sharedPublicKey(.es256)]), for: issuerA)
        try jar.importJWKS(
            JWKSet(keys: [TestIssuer.sharedKey(.rs256, 2), TestIssuer.sharedKey(.es256, 2)]).publicJSON(),
            for: issuerB + "/")
        return jar
    }

    @Test func selectionAcrossTwoIssuers() async throws {
        let jar = try Self.jar()
        #expect(jar.issuers == [Self.issuerA, Self.issuerB + "/"])
        let fromA = try await jar.keys(for: Self.token(Self.issuerA, key: TestIssuer.sharedKey(.rs256)))
        #expect(fromA.map(\.keyID) == ["RS256-1"])
        // Issuers match byte for byte: B's keys are filed under "B/", so a token from "B" finds none (the original
        // tolerated the trailing slash), and one from "B/" finds its key.
        await #expect(throws: JOSEError.self) {
            _ = try await jar.keys(for: Self.token(Self.issuerB, key: TestIssuer.sharedKey(.es256, 2)))
        }
        #expect(jar.bundles(for: Self.issuerB).isEmpty)
        let fromB = try await jar.keys(for: Self.token(Self.issuerB + "/", key: TestIssuer.sharedKey(.es256, 2)))
        #expect(fromB.map(\.keyID) == ["ES256-2"])
        // Issuer B's key does not verify a token claiming issuer A: its kid is unknown there, no fallback.
        await #expect(throws: JOSEError(.noMatchingKey, "No key matches the token")) {
            _ = try await jar.keys(for: Self.token(Self.issuerA, key: TestIssuer.sharedKey(.rs256, 2)))
        }
        // Without a kid, the alg picks the key type (ES256 → the P-256 key only).
        let noKid = try await jar.keys(
            for: Self.token(Self.issuerA, key: TestIssuer.sharedKey(.es256), kid: .some(nil)))
        #expect(noKid.map(\.keyID) == ["ES256-1"])
        // The whole path: a verifier over the jar.
        let signed = try JWTSigner.sign(
            JWTClaims(["iss": .string(Self.issuerB + "/"), "sub": "ann", "exp": 4_000_000_000]),
            with: TestIssuer.sharedKey(.rs256, 2)
        )
        let verified = try await JWTVerifier(keys: jar).verify(signed)
        #expect(verified.key.keyID == "RS256-2")
    }

    @Test func es512SelectsTheP521Key() async throws {
        // The Python original mapped ES512 to a curve "P-512"; the right curve is P-521.
        let p521 = try JWSKey.generate(for: .es512, keyID: nil)
        var jar = KeyJar()
        jar.add(KeyBundle(keys: [TestIssuer.sharedPublicKey(.es256), try p521.publicKey()]), for: Self.issuerA)
        let token = try Self.token(Self.issuerA, key: p521)
        #expect(try await jar.keys(for: token).map(\.type) == [.ec(.p521)])
        _ = try await JWTVerifier(keys: jar).verify(
            try JWTSigner.sign(JWTClaims(["iss": .string(Self.issuerA), "exp": 4_000_000_000]), with: p521))
    }

    @Test func unknownOrMissingIssuerIsRefusedBeforeAnyFetch() async throws {
        let remote = CountingResolver(keys: [TestIssuer.sharedPublicKey(.rs256)])
        var jar = KeyJar()
        jar.add(.remote(remote, url: "https://a.example/jwks"), for: Self.issuerA)
        await #expect(throws: JOSEError(.noMatchingKey, "The token's issuer is not known")) {
            _ = try await jar.keys(for: Self.token("https://evil.example", key: TestIssuer.sharedKey(.rs256)))
        }
        await #expect(throws: JOSEError(.noMatchingKey, "The token has no issuer to pick keys by")) {
            _ = try await jar.keys(for: Self.token(nil, key: TestIssuer.sharedKey(.rs256)))
        }
        #expect(remote.count == 0)
        #expect(try await jar.keys(for: Self.token(Self.issuerA, key: TestIssuer.sharedKey(.rs256))).count == 1)
        #expect(remote.count == 1)
    }

    @Test func unavailableRemoteIsReportedAsSuch() async throws {
        var jar = KeyJar()
        jar.add(.remote(CountingResolver(keys: [], error: JOSEError(.keySourceUnavailable, "down"))), for: Self.issuerA)
        await #expect(throws: JOSEError(.keySourceUnavailable, "down")) {
            _ = try await jar.keys(for: Self.token(Self.issuerA, key: TestIssuer.sharedKey(.rs256)))
        }
        // A local bundle of the same issuer still serves its keys.
        jar.add(KeyBundle(keys: [TestIssuer.sharedPublicKey(.rs256)]), for: Self.issuerA)
        #expect(try await jar.keys(for: Self.token(Self.issuerA, key: TestIssuer.sharedKey(.rs256))).count == 1)
    }

    @Test func jarEditing() throws {
        var jar = try Self.jar()
        #expect(throws: JOSEError.self) { try jar.importJWKS(["kty": "RSA"], for: "x") }
        #expect(throws: JOSEError.self) { try jar.addSymmetric(Array("short".utf8), for: "x") }
        try jar.addSymmetric(Array(repeating: 7, count: 32), for: "", keyID: "mine")
        #expect(jar.signingKey(algorithm: .hs256)?.keyID == "mine")
        #expect(jar.signingKey(for: Self.issuerA, algorithm: .rs256) == nil)  // public keys only
        jar[Self.issuerA] = []
        #expect(jar.issuers?.contains(Self.issuerA) == false)
        let exported = try jar.exportJWKS(for: Self.issuerB + "/")
        #expect(exported["keys"]?.arrayValue?.count == 2)
        #expect(try jar.exportJWKS(for: "")["keys"] == [])  // secrets are never exported
    }

    @Test func loadKeysFromProviderConfiguration() async throws {
        var jar = KeyJar()
        let inline = try Message(
            OpenIDConnect.providerConfigurationResponse,
            ["issuer": .string(Self.issuerA), "jwks": try JWKSet(keys: [TestIssuer.sharedKey(.rs256)]).publicJSON()])
        try jar.loadKeys(from: inline, issuer: Self.issuerA) { _ in fatalError("no remote expected") }
        #expect(jar.bundles(for: Self.issuerA).first?.keys.count == 1)
        let remote = CountingResolver(keys: [TestIssuer.sharedPublicKey(.es256)])
        let config = try Message(
            OpenIDConnect.providerConfigurationResponse,
            ["issuer": .string(Self.issuerA), "jwks_uri": "https://a.example/jwks"])
        var asked: [String] = []
        try jar.loadKeys(from: config, issuer: Self.issuerA, replace: true) { uri in
            asked.append(uri)
            return remote
        }
        #expect(asked == ["https://a.example/jwks"])
        #expect(jar.bundles(for: Self.issuerA).count == 1)
        #expect(jar.bundles(for: Self.issuerA)[0].isRemote)
        #expect(
            try await jar.keys(for: Self.token(Self.issuerA, key: TestIssuer.sharedKey(.es256))).map(\.keyID) == [
                "ES256-1"
            ])
    }
}

@Suite struct KeyBundleTests {
    @Test func jwksWithBadKeysKeepsTheGoodOnes() throws {
        let good = try TestIssuer.sharedKey(.rs256).publicJWK()
        let bundle = try KeyBundle(jwks: ["keys": [good, ["kty": "RSA", "kid": "broken"], ["kty": "XYZ"]]])
        #expect(bundle.keys.count == 1)
        #expect(bundle.skipped.map(\.keyID) == ["broken", nil])
        #expect(try KeyBundle(jwks: good).keyIDs == ["RS256-1"])
        #expect(throws: JOSEError.self) { try KeyBundle(jwks: ["kty": "nope"]) }
    }

    @Test func fileBundleReloadMarksVanishedKeysInactive() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("oidc-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("jwks.json").path
        func write(_ keys: [JWSKey]) throws {
            try Data(JWKSet(keys: keys).publicJSON().serialized()).write(to: URL(fileURLWithPath: path))
        }
        try write([TestIssuer.sharedKey(.rs256)])
        var bundle = try KeyBundle(file: path)
        #expect(bundle.keyIDs == ["RS256-1"])
        try write([TestIssuer.sharedKey(.rs256, 2)])
        try bundle.reload(clock: .fixed(secondsSinceEpoch: 1000))
        #expect(bundle.keyIDs == ["RS256-2", "RS256-1"])
        #expect(bundle.activeKeys.map(\.keyID) == ["RS256-2"])
        // Inactive keys still verify (rotation)...
        let token = try UnverifiedJWT(
            parsing: JWTSigner.sign(JWTClaims(["iss": "i", "exp": 4_000_000_000]), with: TestIssuer.sharedKey(.rs256)))
        #expect(try await bundle.candidates(for: token).map(\.keyID) == ["RS256-1"])
        // ...until they are outdated.
        bundle.removeOutdated(after: .seconds(100), clock: .fixed(secondsSinceEpoch: 1050))
        #expect(bundle.keys.count == 2)
        bundle.removeOutdated(after: .seconds(100), clock: .fixed(secondsSinceEpoch: 1101))
        #expect(bundle.keyIDs == ["RS256-2"])
        // A failed reload keeps the keys.
        try "not json".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: JOSEError.self) { try bundle.reload(clock: .fixed(secondsSinceEpoch: 2000)) }
        #expect(bundle.keyIDs == ["RS256-2"])
        #expect(throws: JOSEError(.invalidInput, "The key file cannot be read")) {
            try KeyBundle(file: directory.appendingPathComponent("missing").path)
        }
    }

    @Test func pemFileBundle() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("oidc-\(UUID().uuidString).pem").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let pem =
            "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEVs/o5+uQbTjL3chynL4wXgUg2R9\nq9UU8I5mEovUf86QZ7kOBIjJwqnzD1omageEHWwHdBO6B+dFabmdT9POxg==\n-----END PUBLIC KEY-----\n"
        try pem.write(toFile: path, atomically: true, encoding: .utf8)
        let bundle = try KeyBundle(file: path, format: .pem)
        #expect(bundle.keys.first?.type == .ec(.p256))
    }

    @Test func inactiveKeysNeverSign() throws {
        var bundle = KeyBundle(keys: [TestIssuer.sharedKey(.es256), TestIssuer.sharedKey(.es256, 2)])
        #expect(bundle.signingKey(for: .es256)?.keyID == "ES256-1")
        bundle.markInactive(keyID: "ES256-1", clock: .fixed(secondsSinceEpoch: 10))
        #expect(bundle.signingKey(for: .es256)?.keyID == "ES256-2")
        #expect(bundle.signingKey(for: .es256, keyID: "ES256-1") == nil)
        #expect(bundle.signingKey(for: .rs256) == nil)
        #expect(try bundle.publicJWKS()["keys"]?.arrayValue?.count == 1)
    }
}
