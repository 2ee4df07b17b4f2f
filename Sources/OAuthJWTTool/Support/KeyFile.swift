import JOSE

/// Loads a key from a file holding a JWK, PEM (public key, private key or certificate) or DER.
enum KeyFile {
    static func load(_ path: String) throws -> JWSKey {
        let bytes = try Input.file(path)
        do {
            let text = String(decoding: bytes, as: UTF8.self)
            if text.contains("-----BEGIN ") { return try JWSKey(pem: text) }
            if bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "{") {
                let json = try JSONValue(parsing: bytes)
                guard json["keys"] == nil else { throw ToolFailure("\(path) holds a JWK set; give one key") }
                return try JWSKey(jwk: json)
            }
            return try JWSKey(der: bytes)
        } catch let error as JOSEError {
            throw ToolFailure("cannot load the key in \(path)", error)
        }
    }
}

extension KeyFile {
    /// The encryption keys in `path`: a JWK, a JWK set (every key), or a PEM/DER RSA or EC key.
    static func encryptionKeys(_ path: String) throws -> [JWEKey] {
        let bytes = try Input.file(path)
        do {
            if bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "{") {
                let json = try JSONValue(parsing: bytes)
                return try (json["keys"]?.arrayValue ?? [json]).map { jwk throws(JOSEError) in try JWEKey(jwk: jwk) }
            }
            // A PEM or DER key pair or public key, read as a signature key and handed over as a JWK (without `alg`).
            let key = try load(path)
            var jwk = try (key.isPrivate ? key.privateJWK() : key.publicJWK()).objectValue ?? [:]
            jwk["alg"] = nil
            return [try JWEKey(jwk: .object(jwk))]
        } catch let error as JOSEError {
            throw ToolFailure("cannot load the encryption key in \(path)", error)
        }
    }
}
