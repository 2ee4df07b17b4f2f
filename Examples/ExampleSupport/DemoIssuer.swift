import Foundation
package import JOSE

/// The embedded demo authorization server: one RS256 key pair made at start, its public JWKS at
/// `/.well-known/jwks.json`, and `POST /demo/token` minting tokens from a JSON body of claims. Framework-free:
/// each example server routes the two paths to ``jwks()`` and ``mint(body:encrypted:)``.
///
/// It also plays the resource server's side of encrypted tokens: a P-256 encryption key pair made at start, whose
/// public half the JWKS publishes with `use: enc` and `alg: ECDH-ES+A256KW`; `POST /demo/token?encrypted=true` mints
/// a nested token (signed, then encrypted to that key), which the `/secured` routes decrypt with the private half.
///
/// With `DEMO_KEY_ROTATION_SECONDS=N` it rotates its key every N seconds, as an authorization server does: new
/// tokens are signed with a new key under a new `kid`, and the JWKS publishes it beside the previous one, so older
/// tokens keep verifying for one more period. Key servers under rotation are what `Benchmarks/tsan/run` loads.
///
/// FOR TRYING THINGS OUT ONLY: anyone who can reach the server can mint any token.
package struct DemoIssuer: Sendable {
    package static let jwksPath = "/.well-known/jwks.json"
    package static let tokenPath = "/demo/token"
    package static let defaultAudience = "api://example-server"
    /// The demo tokens' `iss`: a fixed identifier, so it does not depend on the port.
    package static let issuer = "urn:example-server:demo-issuer"
    /// The largest token request body read.
    package static let maximumRequestBody = 64 * 1024

    package let audience: String
    private let keys: KeyRing
    /// The encryption key pair: the private half decrypts (``decryptionKey``), the public half is published.
    private let encryptionKey: JWSKey
    /// The encryption key's algorithms.
    package static let encryptionAlgorithm = JWEAlgorithm.ecdhESA256KW
    package static let contentEncryption = JWEContentEncryption.a256GCM

    package init(audience: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let period = environment["DEMO_KEY_ROTATION_SECONDS"].flatMap(Int.init)
        keys = try KeyRing(rotationPeriod: period.flatMap { $0 > 0 ? .seconds($0) : nil })
        self.audience = audience ?? Self.defaultAudience
        var key = try JWSKey.generate(for: .es256, keyID: "demo-enc-\(UUID().uuidString.prefix(8).lowercased())")
        key.algorithm = nil
        encryptionKey = key
    }

    /// The private encryption key, which decrypts the nested tokens this issuer mints.
    package var decryptionKey: JWEKey {
        get throws { try Self.encryptionJWK(of: encryptionKey, isPrivate: true) }
    }

    /// `key` as an encryption JWK (`use: enc`, the encryption algorithm), private or public.
    private static func encryptionJWK(of key: JWSKey, isPrivate: Bool) throws -> JWEKey {
        try JWEKey(jwk: .object(try encryptionMembers(of: key, isPrivate: isPrivate)))
    }

    private static func encryptionMembers(of key: JWSKey, isPrivate: Bool) throws -> [String: JSONValue] {
        var members = try (isPrivate ? key.privateJWK() : key.publicJWK()).objectValue ?? [:]
        members["use"] = "enc"
        members["alg"] = .string(encryptionAlgorithm.rawValue)
        return members
    }

    /// The answer to `GET /.well-known/jwks.json`: the public signing keys and the public encryption key,
    /// cacheable for ten minutes.
    package func jwks() throws -> ExampleResponse {
        var published = try JWKSet(keys: keys.keys()).publicJSON().objectValue?["keys"]?.arrayValue ?? []
        published.append(.object(try Self.encryptionMembers(of: encryptionKey, isPrivate: false)))
        return ExampleResponse(
            status: 200, body: JSONValue.object(["keys": .array(published)]).serialized(),
            headers: [("Content-Type", "application/json"), ("Cache-Control", "max-age=600")])
    }

    /// The answer to `POST /demo/token`: a token valid one hour with `iss`, `aud`, `sub`, `iat`, `exp`, then every
    /// member of the JSON body (an empty body is no extra claims); 400 for a body that is not a JSON object. With
    /// `encrypted` (`?encrypted=true`) the signed token is encrypted to the published encryption key (`cty: JWT`).
    package func mint(body: [UInt8], encrypted: Bool = false) throws -> ExampleResponse {
        var claims: [String: JSONValue] = [:]
        if !body.isEmpty {
            guard let object = try? JSONValue(parsing: body).objectValue else {
                return .json(400, ["error": "The body must be a JSON object of claims"])
            }
            claims = object
        }
        let now = Int64(Date().timeIntervalSince1970)
        var token: [String: JSONValue] = [
            "iss": .string(Self.issuer), "aud": .string(audience), "sub": "demo-user",
            "iat": .number(JSONNumber(now)), "exp": .number(JSONNumber(now + 3600)),
        ]
        for (name, value) in claims { token[name] = value }
        var signed = try JWTSigner.sign(JWTClaims(token), with: keys.keys()[0], type: "at+jwt")
        if encrypted {
            signed = try JWEEncrypter.encrypt(
                Array(signed.utf8), to: try Self.encryptionJWK(of: encryptionKey, isPrivate: false),
                algorithm: Self.encryptionAlgorithm, encryption: Self.contentEncryption, header: ["cty": "JWT"])
        }
        // A token bound to a key (`cnf` with `jkt`, RFC 9449 §6) is a DPoP token.
        let type: JSONValue = token["cnf"]?["jkt"] == nil ? "Bearer" : "DPoP"
        return .json(200, ["access_token": .string(signed), "token_type": type, "expires_in": 3600])
    }

    /// The current signing key and the one before it, rotated lazily when the period has passed.
    private final class KeyRing: Sendable {
        private struct State {
            var current: JWSKey
            var previous: JWSKey?
            var rotatedAt: ContinuousClock.Instant
        }

        private let rotationPeriod: Duration?
        private let state: Locked<State>

        init(rotationPeriod: Duration?) throws {
            self.rotationPeriod = rotationPeriod
            state = Locked(State(current: try Self.newKey(), previous: nil, rotatedAt: .now))
        }

        private static func newKey() throws -> JWSKey {
            try JWSKey.generate(for: .rs256, keyID: "demo-\(UUID().uuidString.prefix(8).lowercased())")
        }

        /// The keys to sign with (the first) and to publish (all), after rotating when it is due.
        func keys() throws -> [JWSKey] {
            let now = ContinuousClock.now
            if let rotationPeriod, state.withLock({ now - $0.rotatedAt >= rotationPeriod }) {
                let fresh = try Self.newKey()  // made outside the lock: RSA key generation takes milliseconds
                state.withLock { state in
                    guard now - state.rotatedAt >= rotationPeriod else { return }
                    state = State(current: fresh, previous: state.current, rotatedAt: now)
                }
            }
            return state.withLock { [$0.current] + ($0.previous.map { [$0] } ?? []) }
        }
    }
}
