import Foundation
import Hummingbird
import JOSE

/// The embedded demo authorization server: one RS256 key pair made at start, its public JWKS at
/// `/.well-known/jwks.json`, and `POST /demo/token` minting tokens from a JSON body of claims.
///
/// With `DEMO_KEY_ROTATION_SECONDS=N` it rotates its key every N seconds, as an authorization server does: new
/// tokens are signed with a new key under a new `kid`, and the JWKS publishes it beside the previous one, so older
/// tokens keep verifying for one more period. Key servers under rotation are what `Benchmarks/tsan/run` loads.
///
/// FOR TRYING THINGS OUT ONLY: anyone who can reach the server can mint any token.
struct DemoIssuer: Sendable {
    static let jwksPath = "/.well-known/jwks.json"
    static let tokenPath = "/demo/token"
    static let defaultAudience = "api://example-server"

    let audience: String
    private let keys: KeyRing

    init(audience: String?) throws {
        let period = ProcessInfo.processInfo.environment["DEMO_KEY_ROTATION_SECONDS"].flatMap(Int.init)
        keys = try KeyRing(rotationPeriod: period.flatMap { $0 > 0 ? .seconds($0) : nil })
        self.audience = audience ?? Self.defaultAudience
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

    /// The demo tokens' `iss`: a fixed identifier, so it does not depend on the port.
    static let issuer = "urn:example-server:demo-issuer"

    func addRoutes(to router: Router<some RequestContext>) throws {
        router.get(RouterPath(Self.jwksPath)) { _, _ in
            let jwks = ByteBuffer(bytes: try JWKSet(keys: keys.keys()).publicJSON().serialized())
            return Response(
                status: .ok, headers: [.contentType: "application/json", .cacheControl: "max-age=600"],
                body: ResponseBody(byteBuffer: jwks))
        }
        router.post(RouterPath(Self.tokenPath)) { request, context in
            try await mint(request: request, context: context)
        }
    }

    /// Makes a token valid one hour: `iss`, `aud`, `sub`, `iat`, `exp`, then every member of the JSON body.
    private func mint(request: Request, context: some RequestContext) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 64 * 1024)
        var claims: [String: JSONValue] = [:]
        if body.readableBytes > 0 {
            guard let object = try? JSONValue(parsing: Array(body.readableBytesView)).objectValue else {
                return Self.json(.badRequest, ["error": "The body must be a JSON object of claims"])
            }
            claims = object
        }
        let now = Int64(Date().timeIntervalSince1970)
        var token: [String: JSONValue] = [
            "iss": .string(Self.issuer), "aud": .string(audience), "sub": "demo-user",
            "iat": .number(JSONNumber(now)), "exp": .number(JSONNumber(now + 3600)),
        ]
        for (name, value) in claims { token[name] = value }
        let signed = try JWTSigner.sign(JWTClaims(token), with: keys.keys()[0], type: "at+jwt")
        return Self.json(.ok, ["access_token": .string(signed), "token_type": "Bearer", "expires_in": 3600])
    }

    static func json(_ status: HTTPResponse.Status, _ value: JSONValue) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: value.serialized())))
    }
}
