import Foundation
import HTTPTypes
import JOSE
import OAuthJWTTesting
import Testing

@testable import OAuthJWT

/// DPoP-bound tokens (RFC 9449): every check on the proof, the binding, replays, downgrades and the challenges.
@Suite struct DPoPTests {
    static let origin = "https://api.example"
    static let url = origin + "/orders"
    let issuer: TestIssuer
    let client: DPoPTestClient
    let clock = ManualClock(start: TestIssuer.start)

    init() throws {
        issuer = try TestIssuer(issuedAt: TestIssuer.start)
        client = try DPoPTestClient()
    }

    func authenticator(_ mode: DPoPPolicy.Mode = .allowed) throws -> BearerTokenAuthenticator {
        var configuration = BearerTokenAuthenticator.Configuration.test(clock: clock.jwtClock)
        configuration.dpop = DPoPPolicy(mode: mode, origin: .fixed(Self.origin), algorithms: [.es256, .rs256])
        return try BearerTokenAuthenticator(
            keys: StaticKeySource(key: try issuer.publicKey), configuration: configuration)
    }

    var boundToken: String { get throws { try issuer.token(try client.confirmation) } }

    func request(
        _ token: String, proofs: [String], method: HTTPRequest.Method = .get, path: String = "/orders",
        scheme: String = "DPoP"
    ) -> (HTTPFields, RequestTarget) {
        var fields = HTTPFields()
        fields[.authorization] = "\(scheme) \(token)"
        for proof in proofs { fields.append(HTTPField(name: DPoPTestClient.dpopField, value: proof)) }
        return (fields, RequestTarget(method: method, path: path))
    }

    func proof(
        for token: String, method: String = "GET", url: String = url, issuedAt: Date = TestIssuer.start,
        jti: String = UUID().uuidString, claims: [String: JSONValue] = [:], header: [String: JSONValue] = [:],
        signingKey: JWSKey? = nil, accessToken: String?? = nil
    ) throws -> String {
        try client.proof(
            method: method, url: url, accessToken: accessToken ?? token, issuedAt: issuedAt, jti: jti, claims: claims,
            header: header, signingKey: signingKey)
    }

    func decide(_ authenticator: BearerTokenAuthenticator, _ request: (HTTPFields, RequestTarget)) async
        -> BearerAuthenticationResult
    {
        await authenticator.authenticate(headerFields: request.0, target: request.1)
    }

    @Test func boundTokenWithItsProofIsAuthorizedOnceAndTheProofNotAgain() async throws {
        let authenticator = try authenticator()
        let token = try boundToken
        let proof = try proof(for: token)
        #expect(await decide(authenticator, request(token, proofs: [proof])).isAuthorized)
        let replay = await decide(authenticator, request(token, proofs: [proof]))
        #expect(replay.rejection?.reason == .invalidDPoPProof(.dpopReplayed))
        #expect(replay.status == .unauthorized)
        #expect(
            replay.challenge
                == #"DPoP realm="api", error="invalid_dpop_proof", error_description="The DPoP proof was used before", algs="ES256 RS256", Bearer realm="api""#
        )
        // A fresh proof for the same token is fine; the `DPoP` scheme is matched case-insensitively.
        #expect(
            await decide(authenticator, request(token, proofs: [try self.proof(for: token)], scheme: "dpop"))
                .isAuthorized)
    }

    @Test func proofsMustMatchTheRequest() async throws {
        let authenticator = try authenticator()
        let token = try boundToken
        let cases: [(String, JOSEError.Code)] = [
            (try proof(for: token, method: "POST"), .dpopRequestMismatch),
            (try proof(for: token, url: Self.origin + "/other"), .dpopRequestMismatch),
            (try proof(for: token, url: "https://evil.example/orders"), .dpopRequestMismatch),
            (try proof(for: token, url: "http://api.example/orders"), .dpopRequestMismatch),
            (try proof(for: token, issuedAt: TestIssuer.start.addingTimeInterval(-301)), .dpopStale),
            (try proof(for: token, issuedAt: TestIssuer.start.addingTimeInterval(60)), .dpopStale),
            (try proof(for: token, accessToken: .some(try issuer.token())), .dpopTokenHashMismatch),
            (try proof(for: token, accessToken: .some(nil)), .dpopTokenHashMismatch),
            (try proof(for: token, jti: ""), .missingClaim),
            (try proof(for: token, claims: ["iat": "now"]), .missingClaim),
        ]
        for (proof, code) in cases {
            let result = await decide(authenticator, request(token, proofs: [proof]))
            #expect(result.rejection?.reason == .invalidDPoPProof(code), "\(code)")
            #expect(result.challenge?.hasPrefix(#"DPoP realm="api", error="invalid_dpop_proof""#) == true)
        }
        // Normalization: scheme and host case, the default port, and the query do not matter (RFC 9449 §4.3).
        for url in ["HTTPS://API.example/orders", "https://api.example:443/orders", Self.url + "?page=2#top"] {
            #expect(await decide(authenticator, request(token, proofs: [try proof(for: token, url: url)])).isAuthorized)
        }
        #expect(
            await decide(authenticator, request(token, proofs: [try proof(for: token)], path: "/orders?page=2"))
                .isAuthorized)
    }

    @Test func proofHeadersAndSignaturesAreChecked() async throws {
        let authenticator = try authenticator()
        let token = try boundToken
        // A good proof first, so the client's header is a known one: the forged proofs below reuse that header.
        #expect(await decide(authenticator, request(token, proofs: [try proof(for: token)])).isAuthorized)
        let privateJWK = try client.key.privateJWK()
        let hmac = try JWSKey(hmacSecret: Array(repeating: 7, count: 32), algorithm: .hs256)
        let other = try DPoPTestClient()
        let cases: [(String, JOSEError.Code)] = [
            (try proof(for: token, header: ["typ": "JWT"]), .dpopInvalidHeader),
            (try proof(for: token, header: ["jwk": "not an object"]), .dpopInvalidHeader),
            (try proof(for: token, header: ["jwk": privateJWK]), .dpopInvalidHeader),
            (try proof(for: token, signingKey: other.key), .invalidSignature),
            (try proof(for: token, header: ["jwk": try hmac.privateJWK()], signingKey: hmac), .algorithmNotAllowed),
            ("not.a.proof", .invalidBase64URL),
        ]
        for (proof, code) in cases {
            let result = await decide(authenticator, request(token, proofs: [proof]))
            #expect(result.rejection?.reason == .invalidDPoPProof(code), "\(code)")
        }
        // ES384 is not in this policy's list.
        let es384 = try DPoPTestClient(algorithm: .es384)
        let foreignAlgorithm = try es384.proof(
            method: "GET", url: Self.url, accessToken: token, issuedAt: TestIssuer.start)
        #expect(
            await decide(authenticator, request(token, proofs: [foreignAlgorithm])).rejection?.reason
                == .invalidDPoPProof(.algorithmNotAllowed))
    }

    @Test func proofHeaderCountAndPresence() async throws {
        let authenticator = try authenticator()
        let token = try boundToken
        let missing = await decide(authenticator, request(token, proofs: []))
        #expect(missing.rejection?.reason == .invalidDPoPProof(.dpopProofMissing))
        let two = await decide(authenticator, request(token, proofs: [try proof(for: token), try proof(for: token)]))
        #expect(two.status == .badRequest)
        #expect(two.challenge?.hasPrefix(#"DPoP realm="api", error="invalid_request""#) == true)
        // Without the request's method and path, a proof cannot be checked.
        let (fields, _) = request(token, proofs: [try proof(for: token)])
        #expect(
            await authenticator.authenticate(headerFields: fields).rejection?.reason
                == .invalidDPoPProof(.dpopRequestMismatch))
    }

    @Test func theTokenMustBeBoundToTheProofKey() async throws {
        let authenticator = try authenticator()
        let unbound = try issuer.token()
        let otherBound = try issuer.token(try DPoPTestClient().confirmation)
        for token in [unbound, otherBound] {
            let result = await decide(authenticator, request(token, proofs: [try proof(for: token)]))
            #expect(result.rejection?.reason == .invalidToken(.dpopKeyBindingMismatch))
            #expect(result.challenge?.hasPrefix(#"DPoP realm="api", error="invalid_token""#) == true)
        }
        // A bad token is invalid_token in the DPoP challenge, after a good proof.
        let expired = try issuer.token(try client.confirmation, now: TestIssuer.start.addingTimeInterval(-7200))
        let result = await decide(authenticator, request(expired, proofs: [try proof(for: expired)]))
        #expect(result.rejection?.reason == .invalidToken(.expired))
    }

    @Test(arguments: [DPoPPolicy.Mode.disabled, .allowed])
    func aBoundTokenIsNeverABearerToken(_ mode: DPoPPolicy.Mode) async throws {
        let authenticator = try authenticator(mode)
        let result = await authenticator.authenticate(headerFields: .bearer(try boundToken))
        #expect(result.rejection?.reason == .invalidToken(.dpopKeyBindingMismatch))
        #expect(result.challenge?.hasPrefix(#"Bearer realm="api", error="invalid_token""#) == true)
        // An unbound token stays a bearer token.
        #expect(await authenticator.authenticate(headerFields: .bearer(try issuer.token())).isAuthorized)
    }

    @Test func requiredModeRefusesBearerTokens() async throws {
        let authenticator = try authenticator(.required)
        let bearer = await authenticator.authenticate(headerFields: .bearer(try issuer.token()))
        #expect(bearer.status == .badRequest)
        #expect(
            bearer.challenge
                == #"DPoP realm="api", error="invalid_request", error_description="The access token must be sent with the DPoP scheme", algs="ES256 RS256""#
        )
        #expect(await authenticator.authenticate(token: try issuer.token()).status == .badRequest)
        let none = await authenticator.authenticate(headerFields: HTTPFields())
        #expect(none.challenge == #"DPoP realm="api", algs="ES256 RS256""#)
        let token = try boundToken
        #expect(await decide(authenticator, request(token, proofs: [try proof(for: token)])).isAuthorized)
    }

    @Test func challengesNameBothSchemesWhenBothAreAccepted() async throws {
        let allowed = try authenticator(.allowed)
        #expect(
            await allowed.authenticate(headerFields: HTTPFields()).challenge
                == #"Bearer realm="api", DPoP realm="api", algs="ES256 RS256""#)
        let scope = try allowed.authorizer(for: AccessRequirement(scopes: .allOf("admin")))
        let token = try boundToken
        guard case .authorized(let verified) = await decide(allowed, request(token, proofs: [try proof(for: token)]))
        else {
            Issue.record("not authorized")
            return
        }
        #expect(scope.authorize(verified).challenge?.hasSuffix(#", DPoP realm="api", algs="ES256 RS256""#) == true)
        // With DPoP off the DPoP scheme is just another scheme: no token.
        let disabled = try authenticator(.disabled)
        let result = await decide(disabled, request(token, proofs: [try proof(for: token)]))
        #expect(result.rejection?.reason == .missingToken)
        #expect(result.challenge == #"Bearer realm="api""#)
    }

    @Test func replaysAreTrackedPerKey() async throws {
        let authenticator = try authenticator()
        let other = try DPoPTestClient()
        let mine = try boundToken
        let theirs = try issuer.token(try other.confirmation)
        let jti = "same-jti"
        #expect(await decide(authenticator, request(mine, proofs: [try proof(for: mine, jti: jti)])).isAuthorized)
        let theirProof = try other.proof(
            method: "GET", url: Self.url, accessToken: theirs, issuedAt: TestIssuer.start, jti: jti)
        #expect(await decide(authenticator, request(theirs, proofs: [theirProof])).isAuthorized)
        // A refused proof is not recorded: the same jti still works once the proof is right.
        let wrong = try proof(for: mine, method: "POST", jti: "later")
        #expect(await decide(authenticator, request(mine, proofs: [wrong])).rejection != nil)
        #expect(await decide(authenticator, request(mine, proofs: [try proof(for: mine, jti: "later")])).isAuthorized)
    }

    @Test func originFromTheRequestAuthority() async throws {
        var configuration = BearerTokenAuthenticator.Configuration.test(clock: clock.jwtClock)
        configuration.dpop = .allowed(origin: .requestAuthority(scheme: "https"))
        let authenticator = try BearerTokenAuthenticator(
            keys: StaticKeySource(key: try issuer.publicKey), configuration: configuration)
        let token = try boundToken
        var (fields, _) = request(token, proofs: [try proof(for: token)])
        let target = RequestTarget(method: .get, path: "/orders", authority: "api.example")
        #expect(await authenticator.authenticate(headerFields: fields, target: target).isAuthorized)
        fields[DPoPTestClient.dpopField] = try proof(for: token)
        let elsewhere = RequestTarget(method: .get, path: "/orders", authority: "evil.example")
        #expect(
            await authenticator.authenticate(headerFields: fields, target: elsewhere).rejection?.reason
                == .invalidDPoPProof(.dpopRequestMismatch))
    }

    @Test func unusablePoliciesAreRefusedAtCreation() throws {
        let policies: [DPoPPolicy] = [
            DPoPPolicy(mode: .allowed, origin: nil),
            DPoPPolicy(mode: .required, origin: .fixed("ftp://api.example")),
            DPoPPolicy(mode: .allowed, origin: .fixed("https://api.example/?x=1")),
            DPoPPolicy(mode: .allowed, origin: .fixed("https://api.example"), algorithms: [.hs256]),
            DPoPPolicy(mode: .allowed, origin: .fixed("https://api.example"), algorithms: []),
            DPoPPolicy(mode: .allowed, origin: .fixed("https://api.example"), maximumReplayEntries: 0),
            DPoPPolicy(mode: .allowed, origin: .requestAuthority(scheme: "gopher")),
        ]
        for policy in policies {
            var configuration = BearerTokenAuthenticator.Configuration.test()
            configuration.dpop = policy
            #expect(throws: BearerConfigurationError.invalidDPoPPolicy) {
                try BearerTokenAuthenticator(
                    keys: StaticKeySource(key: try issuer.publicKey), configuration: configuration)
            }
        }
    }

    @Test func serverNoncesAreHandedOutAndRequired() async throws {
        let nonces = try DPoPNonces(secret: Array(repeating: 9, count: 32), window: .seconds(60), clock: clock.jwtClock)
        var configuration = BearerTokenAuthenticator.Configuration.test(clock: clock.jwtClock)
        configuration.dpop = DPoPPolicy(
            mode: .required, origin: .fixed(Self.origin), algorithms: [.es256], nonces: nonces)
        let authenticator = try BearerTokenAuthenticator(
            keys: StaticKeySource(key: try issuer.publicKey), configuration: configuration)
        let token = try boundToken

        let first = await decide(authenticator, request(token, proofs: [try proof(for: token)]))
        #expect(first.rejection?.reason == .invalidDPoPProof(.dpopNonceRequired))
        #expect(first.challenge?.hasPrefix(#"DPoP realm="api", error="use_dpop_nonce""#) == true)
        let nonce = try #require(first.rejection?.response.headerFields[.dpopNonce])
        #expect(nonce == nonces.current())

        let withNonce = try proof(for: token, claims: ["nonce": .string(nonce)])
        #expect(await decide(authenticator, request(token, proofs: [withNonce])).isAuthorized)
        let made = try proof(for: token, claims: ["nonce": "made-up"])
        #expect(
            await decide(authenticator, request(token, proofs: [made])).rejection?.reason
                == .invalidDPoPProof(.dpopNonceRequired))

        // A nonce stays good through the next window, not beyond.
        clock.advance(by: .seconds(60))
        let nextWindow = try proof(
            for: token, issuedAt: TestIssuer.start.addingTimeInterval(60), claims: ["nonce": .string(nonce)])
        #expect(await decide(authenticator, request(token, proofs: [nextWindow])).isAuthorized)
        clock.advance(by: .seconds(60))
        let stale = try proof(
            for: token, issuedAt: TestIssuer.start.addingTimeInterval(120), claims: ["nonce": .string(nonce)])
        #expect(
            await decide(authenticator, request(token, proofs: [stale])).rejection?.reason
                == .invalidDPoPProof(.dpopNonceRequired))
        #expect(throws: JOSEError.self) { try DPoPNonces(secret: Array(repeating: 1, count: 16)) }
    }

    @Test func aClientsProofKeyIsImportedOnce() throws {
        let verifier = DPoPProofVerifier(policy: DPoPPolicy(mode: .allowed, origin: .fixed(Self.origin)))
        let token = try boundToken
        let first = try proof(for: token)
        let header = String(first.prefix { $0 != "." })
        #expect(verifier.keys[header] == nil)
        let now = TestIssuer.start.timeIntervalSince1970
        let proof = try verifier.verify(first, method: "GET", url: Self.url, accessToken: token, now: now)
        #expect(verifier.keys[header]?.thumbprint == proof.thumbprint)
        #expect(proof.thumbprint == (try client.thumbprint))
        // The next proof of the same client has the same header and is verified with the kept key.
        let second = try self.proof(for: token)
        #expect(second.prefix { $0 != "." } == header)
        _ = try verifier.verify(second, method: "GET", url: Self.url, accessToken: token, now: now)
    }
}
