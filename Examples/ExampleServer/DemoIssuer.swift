import Foundation
import Hummingbird
import JOSE

/// The embedded demo authorization server: one RS256 key pair made at start, its public JWKS at
/// `/.well-known/jwks.json`, and `POST /demo/token` minting tokens from a JSON body of claims.
///
/// FOR TRYING THINGS OUT ONLY: anyone who can reach the server can mint any token.
struct DemoIssuer: Sendable {
    static let jwksPath = "/.well-known/jwks.json"
    static let tokenPath = "/demo/token"
    static let defaultAudience = "api://example-server"

    let signingKey: JWSKey
    let audience: String

    init(audience: String?) throws {
        signingKey = try JWSKey.generate(for: .rs256, keyID: "demo-\(UUID().uuidString.prefix(8).lowercased())")
        self.audience = audience ?? Self.defaultAudience
    }

    /// The demo tokens' `iss`: a fixed identifier, so it does not depend on the port.
    static let issuer = "urn:example-server:demo-issuer"

    func addRoutes(to router: Router<some RequestContext>) throws {
        let jwks = ByteBuffer(bytes: try JWKSet(keys: [signingKey]).publicJSON().serialized())
        router.get(RouterPath(Self.jwksPath)) { _, _ in
            Response(
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
        let signed = try JWTSigner.sign(JWTClaims(token), with: signingKey, type: "at+jwt")
        return Self.json(.ok, ["access_token": .string(signed), "token_type": "Bearer", "expires_in": 3600])
    }

    static func json(_ status: HTTPResponse.Status, _ value: JSONValue) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: value.serialized())))
    }
}
