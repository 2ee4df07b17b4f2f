import CBenchmarkOpenSSL
import Foundation
import JOSE
import JWTKit

/// One algorithm's identical inputs for every contender: the same key, the same token.
struct Contenders: Sendable {
    let algorithm: JOSE.JWSAlgorithm
    let token: String
    let verifier: JWTVerifier
    let resolver: StaticKeyResolver
    let jwtKit: JWTKeyCollection
    let raw: RawOpenSSLVerifier

    static let issuer = "https://issuer.example"
    static let audience = "api"

    static func make(_ algorithm: JOSE.JWSAlgorithm) async throws -> Contenders {
        let key = try JWSKey.generate(for: algorithm, keyID: "bench-\(algorithm.rawValue)")
        let now = Int64(Date().timeIntervalSince1970)
        let claims = JWTClaims([
            "iss": .string(issuer), "aud": .string(audience), "sub": "user-42", "scope": "read write",
            "iat": .number(JSONNumber(now)), "exp": .number(JSONNumber(now + 86_400)),
        ])
        let token = try JWTSigner.sign(claims, with: key)
        let verificationKey = algorithm.isSymmetric ? key : try key.publicKey()
        let resolver = StaticKeyResolver(keySet: JWKSet(keys: [verificationKey]))
        let verifier = JWTVerifier(
            keys: resolver,
            options: JWTValidationOptions(algorithms: [algorithm], issuers: [issuer], audiences: [audience]))

        let jwtKit = JWTKeyCollection()
        if algorithm.isSymmetric {
            let secret = try Base64URL.decode(try key.privateJWK()["k"]?.stringValue ?? "")
            await jwtKit.add(
                hmac: HMACKey(from: secret), digestAlgorithm: .sha256,
                kid: JWKIdentifier(string: "bench-\(algorithm.rawValue)"))
        } else {
            let jwks = String(decoding: try JWKSet(keys: [verificationKey]).publicJSON().serialized(), as: UTF8.self)
            try await jwtKit.add(jwksJSON: jwks)
        }

        let parts = token.split(separator: ".")
        let signingInput = Array("\(parts[0]).\(parts[1])".utf8)
        let signature = try Base64URL.decode(String(parts[2]))
        let raw = try RawOpenSSLVerifier(
            algorithm: algorithm, publicPEM: algorithm.isSymmetric ? nil : try key.publicPEM(),
            secret: algorithm.isSymmetric ? try Base64URL.decode(try key.privateJWK()["k"]?.stringValue ?? "") : nil,
            signingInput: signingInput, signature: signature)
        return Contenders(
            algorithm: algorithm, token: token, verifier: verifier, resolver: resolver, jwtKit: jwtKit, raw: raw)
    }
}

/// The access-token payload jwt-kit decodes and checks: the same claims ours validates.
struct AccessTokenPayload: JWTPayload {
    let iss: IssuerClaim
    let aud: AudienceClaim
    let sub: SubjectClaim
    let exp: ExpirationClaim
    let iat: IssuedAtClaim
    let scope: String

    func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
        try aud.verifyIntendedAudience(includes: Contenders.audience)
        guard iss.value == Contenders.issuer else {
            throw JWTError.claimVerificationFailure(failedClaim: iss, reason: "issuer")
        }
    }
}
