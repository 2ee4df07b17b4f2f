public import Foundation
public import HTTPTypes
public import JOSE

/// A DPoP client for tests: a key pair whose public half goes into each proof (RFC 9449 §4.2), the `cnf` claim that
/// binds an access token to it, and the header fields of a DPoP request.
///
/// ```swift
/// let client = try DPoPTestClient()
/// let token = try issuer.token(try client.confirmation)   // bound to the client's key
/// let fields = try client.fields(token: token, method: "GET", url: "https://api.example/orders")
/// ```
public struct DPoPTestClient: Sendable {
    /// The client's private key.
    public let key: JWSKey
    /// The algorithm its proofs are signed with.
    public let algorithm: JWSAlgorithm

    /// A client with a new key for `algorithm` (default ES256).
    public init(algorithm: JWSAlgorithm = .es256) throws {
        key = try JWSKey.generate(for: algorithm)
        self.algorithm = algorithm
    }

    /// A client with `key`, a private asymmetric key, signing with `algorithm` (for fixed test data).
    public init(key: JWSKey, algorithm: JWSAlgorithm) {
        self.key = key
        self.algorithm = algorithm
    }

    /// The RFC 7638 thumbprint of the client's public key: the `jkt` a bound token carries.
    public var thumbprint: String {
        get throws { try key.publicKey().thumbprint() }
    }

    /// `["cnf": {"jkt": thumbprint}]`: the claims that bind an access token to this client's key.
    public var confirmation: [String: JSONValue] {
        get throws { ["cnf": .object(["jkt": .string(try thumbprint)])] }
    }

    /// A proof for one request.
    /// - Parameters:
    ///   - method: the `htm` claim.
    ///   - url: the `htu` claim.
    ///   - accessToken: the token whose hash becomes `ath`; `nil` for none.
    ///   - issuedAt: the `iat` claim (default: now).
    ///   - jti: the `jti` claim (default: a new UUID).
    ///   - extra: more claims, or claims replacing the ones above.
    ///   - extraHeader: more header members, or members replacing `typ` and `jwk`.
    ///   - signingKey: the key that signs (default: the client's own; another one makes a forged proof).
    public func proof(
        method: String, url: String, accessToken: String?, issuedAt: Date = Date(), jti: String = UUID().uuidString,
        claims extra: [String: JSONValue] = [:], header extraHeader: [String: JSONValue] = [:],
        signingKey: JWSKey? = nil
    ) throws -> String {
        var claims: [String: JSONValue] = [
            "htm": .string(method), "htu": .string(url), "jti": .string(jti),
            "iat": .number(JSONNumber(Int64(issuedAt.timeIntervalSince1970))),
        ]
        if let accessToken { claims["ath"] = .string(Self.hash(of: accessToken)) }
        for (name, value) in extra { claims[name] = value }
        var header: [String: JSONValue] = ["typ": "dpop+jwt", "jwk": try key.publicKey().publicJWK()]
        for (name, value) in extraHeader { header[name] = value }
        var signer = signingKey ?? key
        signer.keyID = nil
        return try JWTSigner.sign(
            JWTClaims(claims), with: signer, algorithm: signer.algorithm ?? algorithm, type: nil, extraHeader: header)
    }

    /// `Authorization: DPoP <token>` and `DPoP: <proof>` for one request, the proof made at `issuedAt` (default: now).
    public func fields(token: String, method: String, url: String, issuedAt: Date = Date()) throws -> HTTPFields {
        var fields = HTTPFields()
        fields[.authorization] = "DPoP \(token)"
        fields[Self.dpopField] = try proof(method: method, url: url, accessToken: token, issuedAt: issuedAt)
        return fields
    }

    /// The `DPoP` header field's name.
    public static let dpopField = HTTPField.Name("DPoP")!

    /// The `ath` of `accessToken`: its SHA-256, base64url-encoded.
    public static func hash(of accessToken: String) -> String {
        Base64URL.encode((try? Digest.sha256.hash(Array(accessToken.utf8))) ?? [])
    }
}
