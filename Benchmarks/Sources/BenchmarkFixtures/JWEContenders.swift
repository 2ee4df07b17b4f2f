import CBenchmarkOpenSSL
import Foundation
import JOSE

/// Decrypting a nested token (a JWE around a signed access token) with ours (`JWEDecrypter.decrypt`, compact text →
/// plaintext) against raw OpenSSL doing the same cryptographic operations in C on the already-split, already-decoded
/// parts with a key made beforehand: RSA-OAEP-256 + A256GCM, and ECDH-ES+A256KW + A256GCM on P-256 (the ephemeral
/// point imported and checked each time, as it must be).
///
/// `@unchecked Sendable`: the OpenSSL key is made in `init`, only read afterwards, and freed in `deinit`.
package final class JWEContenders: @unchecked Sendable {
    package enum Kind: String, CaseIterable, Sendable {
        case rsaOAEP256 = "RSA-OAEP-256+A256GCM"
        case ecdhESA256KW = "ECDH-ES+A256KW+A256GCM"
    }

    package let kind: Kind
    package let token: String
    package let decrypter: JWEDecrypter
    private let rawKey: OpaquePointer
    private let parts: [[UInt8]]
    private let aad: [UInt8]
    private let point: [UInt8]
    private var output: [UInt8]

    package init(_ kind: Kind) throws {
        self.kind = kind
        let signer = try JWSKey.generate(for: .es256, keyID: "sig")
        let now = Int64(Date().timeIntervalSince1970)
        let inner = try JWTSigner.sign(
            JWTClaims([
                "iss": "https://issuer.example", "aud": "api", "sub": "user-42", "scope": "read write",
                "exp": .number(JSONNumber(now + 86_400)),
            ]), with: signer)
        let recipientSignatureKey = try JWSKey.generate(for: kind == .rsaOAEP256 ? .rs256 : .es256, keyID: "enc")
        var jwk = try recipientSignatureKey.privateJWK().objectValue ?? [:]
        jwk["alg"] = nil
        let recipient = try JWEKey(jwk: .object(jwk))
        token = try JWEEncrypter.encrypt(
            Array(inner.utf8), to: recipient, algorithm: kind == .rsaOAEP256 ? .rsaOAEP256 : .ecdhESA256KW,
            encryption: .a256GCM, header: ["cty": "JWT"])
        decrypter = JWEDecrypter(keys: [recipient])
        let pem = Array(try recipientSignatureKey.privatePEM().utf8)
        guard
            let key = pem.withUnsafeBufferPointer({ buffer -> OpaquePointer? in
                let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count))
                defer { BIO_free(bio) }
                return PEM_read_bio_PrivateKey(bio, nil, nil, nil)
            })
        else { throw RawOpenSSLVerifier.Failure() }
        rawKey = key
        let split = token.split(separator: ".", omittingEmptySubsequences: false)
        aad = Array(split[0].utf8)
        parts = try split.dropFirst().map { try Base64URL.decode($0) }
        let header = try JSONValue(parsing: Base64URL.decode(split[0]))
        if let x = header["epk"]?["x"]?.stringValue, let y = header["epk"]?["y"]?.stringValue {
            point = [0x04] + (try Base64URL.decode(x)) + (try Base64URL.decode(y))
        } else {
            point = []
        }
        output = [UInt8](repeating: 0, count: parts[2].count + 32)
    }

    deinit { EVP_PKEY_free(rawKey) }

    /// Raw OpenSSL: the plaintext length, or -1.
    package func rawDecrypt() -> Int {
        let (key, iv, ciphertext, tag) = (parts[0], parts[1], parts[2], parts[3])
        return output.withUnsafeMutableBufferPointer { out in
            switch kind {
            case .rsaOAEP256:
                Int(
                    bench_rsa_oaep_gcm_decrypt(
                        rawKey, key, key.count, iv, aad, Int32(aad.count), ciphertext, Int32(ciphertext.count), tag,
                        out.baseAddress))
            case .ecdhESA256KW:
                Int(
                    bench_ecdh_kw_gcm_decrypt(
                        rawKey, point, point.count, key, Int32(key.count), iv, aad, Int32(aad.count), ciphertext,
                        Int32(ciphertext.count), tag, out.baseAddress))
            }
        }
    }

    /// Ours: the compact text decrypted to the inner token's bytes.
    package func decrypt() throws -> Int {
        try decrypter.decrypt(token).plaintext.count
    }
}
