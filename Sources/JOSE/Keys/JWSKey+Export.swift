import CJWTOpenSSL

extension JWSKey {
    /// The public JWK of this key, with its `kid`, `alg`, `use` and `key_ops`. Never contains private parts.
    /// - Throws: ``ErrorCode/unsupportedKey`` for HMAC secrets, which have no public form.
    public func publicJWK() throws(JOSEError) -> JSONValue {
        let members = try requiredPublicMembers()
        return .object(members.merging(metadataMembers) { key, _ in key })
    }

    /// The private JWK of this key, with its `kid`, `alg`, `use` and `key_ops`: RSA with its CRT parameters, EC and
    /// Ed25519 with `d`, HMAC secrets as `k`. Handle the result as a secret.
    /// - Throws: ``ErrorCode/privateKeyRequired`` for a public key.
    public func privateJWK() throws(JOSEError) -> JSONValue {
        guard isPrivate else { throw JOSEError(.privateKeyRequired, "The key has no private part") }
        var members: [String: JSONValue]
        switch material {
        case .secret(let secret):
            members = ["kty": "oct", "k": .string(Base64URL.encode(secret.bytes))]
        case .asymmetric(let key):
            members = try requiredPublicMembers()
            let names: [(String, String)]
            switch type {
            case .rsa:
                names = [
                    ("d", "d"), ("p", "rsa-factor1"), ("q", "rsa-factor2"), ("dp", "rsa-exponent1"),
                    ("dq", "rsa-exponent2"), ("qi", "rsa-coefficient1"),
                ]
            case .ec(let curve):
                guard let d = key.bigNumberParameter("priv", length: curve.coordinateSize) else {
                    throw OpenSSLFailure.error("Could not read the private key")
                }
                members["d"] = .string(Base64URL.encode(d))
                names = []
            case .ed25519:
                guard let d = key.rawPrivateKey else { throw OpenSSLFailure.error("Could not read the private key") }
                members["d"] = .string(Base64URL.encode(d))
                names = []
            case .oct:
                names = []
            }
            for (member, name) in names {
                guard let value = key.bigNumberParameter(name) else {
                    throw OpenSSLFailure.error("Could not read the private key")
                }
                members[member] = .string(Base64URL.encode(value))
            }
        }
        return .object(members.merging(metadataMembers) { key, _ in key })
    }

    /// The SPKI `PUBLIC KEY` PEM of this key's public half.
    /// - Throws: ``ErrorCode/unsupportedKey`` for HMAC secrets.
    public func publicPEM() throws(JOSEError) -> String {
        guard case .asymmetric(let key) = material else {
            throw JOSEError(.unsupportedKey, "An HMAC secret has no PEM form")
        }
        return try KeyEncoder.publicPEM(key)
    }

    /// The unencrypted PKCS#8 `PRIVATE KEY` PEM of this key. Handle the result as a secret.
    /// - Throws: ``ErrorCode/unsupportedKey`` for HMAC secrets, ``ErrorCode/privateKeyRequired`` for public keys.
    public func privatePEM() throws(JOSEError) -> String {
        guard case .asymmetric(let key) = material else {
            throw JOSEError(.unsupportedKey, "An HMAC secret has no PEM form")
        }
        guard isPrivate else { throw JOSEError(.privateKeyRequired, "The key has no private part") }
        return try KeyEncoder.privatePEM(key)
    }

    /// The RFC 7638 thumbprint: base64url of the SHA-256 of the key's required members in canonical JSON.
    /// For HMAC secrets it is computed over `k` and `kty` as the RFC says; treat it as secret.
    public func thumbprint() throws(JOSEError) -> String {
        let members: [String: JSONValue]
        if case .secret(let secret) = material {
            members = ["k": .string(Base64URL.encode(secret.bytes)), "kty": "oct"]
        } else {
            members = try requiredPublicMembers()
        }
        // Every required member is a fixed name or base64url text, so the sorted compact form is the canonical one.
        return Base64URL.encode(try Digest.sha256.hash(JSONValue.object(members).serialized()))
    }

    /// `kid`, `alg`, `use` and `key_ops`, where set.
    private var metadataMembers: [String: JSONValue] {
        var members = [String: JSONValue]()
        if let keyID { members["kid"] = .string(keyID) }
        if let algorithm { members["alg"] = .string(algorithm.rawValue) }
        if let use { members["use"] = .string(use.rawValue) }
        if let operations { members["key_ops"] = .array(operations.map { .string($0.rawValue) }) }
        return members
    }

    /// The members RFC 7638 §3.2 requires for the key type.
    private func requiredPublicMembers() throws(JOSEError) -> [String: JSONValue] {
        guard case .asymmetric(let key) = material else {
            throw JOSEError(.unsupportedKey, "An HMAC secret has no public form")
        }
        func encoded(_ bytes: [UInt8]?) throws(JOSEError) -> JSONValue {
            guard let bytes else { throw OpenSSLFailure.error("Could not read the key's public parameters") }
            return .string(Base64URL.encode(bytes))
        }
        switch type {
        case .rsa:
            return [
                "kty": "RSA", "n": try encoded(key.bigNumberParameter("n")),
                "e": try encoded(key.bigNumberParameter("e")),
            ]
        case .ec(let curve):
            let size = curve.coordinateSize
            return [
                "kty": "EC", "crv": .string(curve.rawValue),
                "x": try encoded(key.bigNumberParameter("qx", length: size)),
                "y": try encoded(key.bigNumberParameter("qy", length: size)),
            ]
        case .ed25519:
            return ["kty": "OKP", "crv": "Ed25519", "x": try encoded(key.rawPublicKey)]
        case .oct:
            throw JOSEError(.unsupportedKey, "An HMAC secret has no public form")
        }
    }

    /// A public-only copy of this key (same `kid`, `alg`, `use` and `key_ops`).
    /// - Throws: ``ErrorCode/unsupportedKey`` for HMAC secrets.
    public func publicKey() throws(JOSEError) -> JWSKey {
        var key = try JWSKey(jwk: try requiredPublicMembers().jsonValue)
        key.keyID = keyID
        key.algorithm = algorithm
        key.use = use
        key.operations = operations
        return key
    }
}

extension Dictionary where Key == String, Value == JSONValue {
    var jsonValue: JSONValue { .object(self) }
}

extension JWSKey {
    /// Whether `other` holds the same key: the same public components for key pairs (OpenSSL's `EVP_PKEY_eq`), the
    /// same secret for HMAC keys. `kid`, `alg`, `use` and `key_ops` are not compared. Cheap: no hashing or encoding.
    public func isSameKey(as other: JWSKey) -> Bool {
        switch (material, other.material) {
        case (.asymmetric(let mine), .asymmetric(let theirs)):
            if mine === theirs { return true }
            let same = EVP_PKEY_eq(mine.pointer, theirs.pointer) == 1
            ERR_clear_error()
            return same
        case (.secret(let mine), .secret(let theirs)):
            guard mine !== theirs else { return true }
            return ConstantTime.equals(mine.bytes, theirs.bytes)
        default:
            return false
        }
    }
}
