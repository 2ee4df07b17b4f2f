import CBenchmarkOpenSSL
import Foundation
import JOSE
import JWTKit

/// One algorithm's identical inputs for every contender: the same key, the same token.
package struct Contenders: Sendable {
    package let algorithm: JOSE.JWSAlgorithm
    package let token: String
    package let verifier: JWTVerifier
    package let resolver: StaticKeySource
    package let jwtKit: JWTKeyCollection
    package let raw: RawOpenSSLVerifier
    /// The key every contender verifies with (the secret itself for HS256).
    let verificationKey: JWSKey
    let secret: [UInt8]

    package static let issuer = "https://issuer.example"
    package static let audience = "api"

    /// Every contender, jwt-kit's keys included.
    package static func make(_ algorithm: JOSE.JWSAlgorithm) async throws -> Contenders {
        let contenders = try makeWithoutJWTKitKeys(algorithm)
        if algorithm.isSymmetric {
            await contenders.jwtKit.add(
                hmac: HMACKey(from: contenders.secret), digestAlgorithm: .sha256,
                kid: JWKIdentifier(string: "bench-\(algorithm.rawValue)"))
        } else {
            let jwks = String(
                decoding: try JWKSet(keys: [contenders.verificationKey]).publicJSON().serialized(), as: UTF8.self)
            try await contenders.jwtKit.add(jwksJSON: jwks)
        }
        return contenders
    }

    /// Ours and raw OpenSSL, made without suspending (jwt-kit's key collection is left empty), for profilers that
    /// cannot follow Swift concurrency's threads.
    package static func makeWithoutJWTKitKeys(_ algorithm: JOSE.JWSAlgorithm) throws -> Contenders {
        let key = try JWSKey.generate(for: algorithm, keyID: "bench-\(algorithm.rawValue)")
        let now = Int64(Date().timeIntervalSince1970)
        let claims = JWTClaims([
            "iss": .string(issuer), "aud": .string(audience), "sub": "user-42", "scope": "read write",
            "iat": .number(JSONNumber(now)), "exp": .number(JSONNumber(now + 86_400)),
        ])
        let token = try JWTSigner.sign(claims, with: key)
        let verificationKey = algorithm.isSymmetric ? key : try key.publicKey()
        let resolver = StaticKeySource(keySet: JWKSet(keys: [verificationKey]))
        let verifier = JWTVerifier(
            keys: resolver,
            options: JWTValidationOptions(algorithms: [algorithm], issuers: [issuer], audiences: [audience]))
        let secret = algorithm.isSymmetric ? try Base64URL.decode(try key.privateJWK()["k"]?.stringValue ?? "") : []

        let parts = token.split(separator: ".")
        let signingInput = Array("\(parts[0]).\(parts[1])".utf8)
        let signature = try Base64URL.decode(String(parts[2]))
        let raw = try RawOpenSSLVerifier(
            algorithm: algorithm, publicPEM: algorithm.isSymmetric ? nil : try key.publicPEM(),
            secret: algorithm.isSymmetric ? secret : nil, signingInput: signingInput, signature: signature)
        return Contenders(
            algorithm: algorithm, token: token, verifier: verifier, resolver: resolver, jwtKit: JWTKeyCollection(),
            raw: raw, verificationKey: verificationKey, secret: secret)
    }
}

/// The access-token payload jwt-kit decodes and checks: the same claims ours validates.
package struct AccessTokenPayload: JWTPayload {
    package let iss: IssuerClaim
    package let aud: AudienceClaim
    package let sub: SubjectClaim
    package let exp: ExpirationClaim
    package let iat: IssuedAtClaim
    package let scope: String

    package func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
        try aud.verifyIntendedAudience(includes: Contenders.audience)
        guard iss.value == Contenders.issuer else {
            throw JWTError.claimVerificationFailure(failedClaim: iss, reason: "issuer")
        }
    }
}
