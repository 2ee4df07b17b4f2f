import Foundation
import HTTPTypes
import JOSE
import OAuthJWTTesting
import Testing

@testable import OAuthJWT

/// Encrypted access tokens through the authenticator: accepted with `decryption`, 401 `invalid_token` when they do
/// not decrypt, and plain tokens refused when encryption is required.
@Suite struct EncryptedTokenTests {
    let issuer: TestIssuer
    let recipient: JWEKey
    let recipientPublic: JWEKey

    init() throws {
        issuer = try TestIssuer(issuedAt: TestIssuer.start)
        var jwk = try #require(try JWSKey.generate(for: .rs256, keyID: "enc").privateJWK().objectValue)
        jwk["alg"] = nil
        recipient = try JWEKey(jwk: .object(jwk))
        for member in ["d", "p", "q", "dp", "dq", "qi"] { jwk[member] = nil }
        recipientPublic = try JWEKey(jwk: .object(jwk))
    }

    func authenticator(required: Bool = false) throws -> BearerTokenAuthenticator {
        var configuration = BearerTokenAuthenticator.Configuration.test()
        configuration.decryption = JWTDecryption(keys: [recipient], isRequired: required)
        configuration.scopes = .allOf("read")
        return try BearerTokenAuthenticator(
            keys: StaticKeySource(key: try issuer.publicKey), configuration: configuration)
    }

    func nested(_ claims: [String: JSONValue] = ["scope": "read"]) throws -> String {
        try JWEEncrypter.encrypt(
            Array(try issuer.token(claims).utf8), to: recipientPublic, algorithm: .rsaOAEP256, encryption: .a256GCM,
            header: ["cty": "JWT"])
    }

    @Test func nestedTokenIsAuthorizedAndCached() async throws {
        let authenticator = try authenticator()
        let token = try nested()
        for _ in 0..<3 {
            let result = await authenticator.authenticate(headerFields: .bearer(token))
            #expect(result.token?.claims.subject == TestIssuer.subject)
            #expect(result.token?.jwt?.header.algorithm == issuer.key.algorithm)
        }
        #expect(authenticator.cacheStorage?.count == 1)
        let missingScope = await authenticator.authenticate(headerFields: .bearer(try nested(["scope": "write"])))
        #expect(missingScope.status == .forbidden)
        #expect(
            await authenticator.authenticate(headerFields: .bearer(try issuer.token(["scope": "read"]))).isAuthorized)
    }

    @Test func tokenThatDoesNotDecryptIs401InvalidToken() async throws {
        var parts = try nested().split(separator: ".").map(String.init)
        parts[3] = String(parts[3].dropLast(2)) + (parts[3].hasSuffix("AA") ? "BA" : "AA")
        let result = try await authenticator().authenticate(headerFields: .bearer(parts.joined(separator: ".")))
        #expect(result.status == .unauthorized)
        #expect(result.rejection?.reason == .invalidToken(.decryptionFailed))
        #expect(result.challenge?.contains(#"error="invalid_token""#) == true)
        #expect(result.challenge?.contains("could not be decrypted") == true)
    }

    @Test func plainTokensAreRefusedWhenEncryptionIsRequired() async throws {
        let authenticator = try authenticator(required: true)
        let plain = await authenticator.authenticate(headerFields: .bearer(try issuer.token(["scope": "read"])))
        #expect(plain.rejection?.reason == .invalidToken(.encryptionRequired))
        #expect(await authenticator.authenticate(headerFields: .bearer(try nested())).isAuthorized)
    }
}
