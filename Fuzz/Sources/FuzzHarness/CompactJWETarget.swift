import JOSE

extension FuzzKeys {
    /// Fixed decryption keys for the JWE target: RSA (`RSA-OAEP*`), P-256 (`ECDH-ES*`), a 16-byte key (`A128KW`,
    /// `A128GCMKW`, `dir` with `A128GCM`), a 32-byte key (`A256KW`, `A256GCMKW`, `dir` with `A256GCM` or
    /// `A128CBC-HS256`) and a password bound to `PBES2-HS256+A128KW`.
    public static let decryption: [JWEKey] = {
        var keys: [JWEKey] = []
        for kid in ["rsa", "p256"] {
            let json = try! JSONValue(parsing: Array(privateJWKs[kid]!.utf8))
            keys.append(try! JWEKey(jwk: json))
        }
        keys.append(try! JWEKey(secret: Array(repeating: 0x11, count: 16), keyID: "oct16"))
        keys.append(try! JWEKey(secret: Array(repeating: 0x22, count: 32), keyID: "oct32"))
        keys.append(
            try! JWEKey(secret: Array("fuzzing password".utf8), keyID: "password", algorithm: .pbes2HS256A128KW))
        return keys
    }()

    /// The keys to encrypt seeds to (public halves for the key pairs).
    public static var encryption: [JWEKey] { decryption }
}

extension FuzzTarget {
    /// The recipient's decrypter; PBES2 iterations and inflated sizes kept small so every input stays fast.
    static let jweDecrypter: JWEDecrypter = {
        var decrypter = JWEDecrypter(keys: FuzzKeys.decryption)
        decrypter.maximumPBES2Iterations = 1000
        decrypter.maximumPlaintextSize = 64 * 1024
        decrypter.maximumKeyCandidates = 5
        return decrypter
    }()

    /// A compact JWE (header, encrypted key, IV, ciphertext, tag) → parsed, then decrypted with every fixed key,
    /// then its plaintext verified as a nested token; the input as a JWE key too.
    public static let compactJWE = FuzzTarget("compactJWE") { input in
        guard let text = String(validating: input, as: UTF8.self) else {
            _ = try? JWEKey(jwk: JSONValue(parsing: input))
            return
        }
        if let parsed = try? CompactJWE(parsing: text) {
            _ = parsed.compact
            if let decrypted = try? jweDecrypter.decrypt(parsed) {
                _ = try? UnverifiedJWT(parsing: String(decoding: decrypted.plaintext, as: UTF8.self))
            }
        }
        _ = try? JWEKey(jwkJSON: text)
    }
}
