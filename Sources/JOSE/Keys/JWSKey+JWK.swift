extension JWSKey {
    /// RSA moduli above this size are refused: importing and verifying with them is slow enough to be a
    /// denial-of-service lever.
    static let maximumRSABits = 8192

    /// Makes a key from a JWK (RFC 7517): `RSA` (`n`, `e`; private `d`, `p`, `q`, `dp`, `dq`, `qi`), `EC` on
    /// P-256/384/521 (`x`, `y`, private `d`; the point is checked to be on the curve), `OKP` Ed25519 (`x`,
    /// private `d`) or `oct` (`k`). `kid`, `alg`, `use` and `key_ops` are kept and enforced.
    ///
    /// - Throws: ``ErrorCode/invalidKey`` for malformed members, ``ErrorCode/unsupportedKey`` for
    ///   other key types, curves or algorithms, ``ErrorCode/weakKey`` for RSA under 2048 bits or a secret
    ///   shorter than its hash output (32 bytes when the JWK has no `alg`).
    public init(jwk: JSONValue) throws(JOSEError) {
        guard let members = jwk.objectValue else { throw JOSEError(.invalidKey, "A JWK must be a JSON object") }
        let reader = JWKMembers(members)
        let keyID = try reader.optionalString("kid")
        let algorithm: JWSAlgorithm?
        if let name = try reader.optionalString("alg") {
            guard let parsed = JWSAlgorithm(rawValue: name) else {
                throw JOSEError(.unsupportedKey, "The key's alg is not a supported JWS algorithm")
            }
            algorithm = parsed
        } else {
            algorithm = nil
        }
        let use = try reader.optionalString("use").map(KeyUse.init(rawValue:))
        let operations = try reader.optionalOperations()

        let type: KeyType
        let material: Material
        let isPrivate = members["d"] != nil
        switch try reader.string("kty") {
        case "RSA":
            let key = try reader.rsaKey(isPrivate: isPrivate)
            type = try Self.rsaType(of: key)
            material = .asymmetric(key)
        case "EC":
            let (key, curve) = try reader.ecKey(isPrivate: isPrivate)
            type = .ec(curve)
            material = .asymmetric(key)
        case "OKP":
            guard try reader.string("crv") == "Ed25519" else {
                throw JOSEError(.unsupportedKey, "Only the Ed25519 OKP curve is supported")
            }
            let publicBytes = try reader.bytes("x", count: 32)
            guard Ed25519PublicKeyCheck.isAcceptable(publicBytes) else {
                throw JOSEError(.invalidKey, "The Ed25519 public key is of small order or not canonical")
            }
            let key: EVPKey
            if isPrivate {
                key = try KeyFactory.ed25519(raw: try reader.bytes("d", count: 32), isPrivate: true)
                guard key.rawPublicKey == publicBytes else {
                    throw JOSEError(.invalidKey, "The Ed25519 private key does not match its public key")
                }
            } else {
                key = try KeyFactory.ed25519(raw: publicBytes, isPrivate: false)
            }
            type = .ed25519
            material = .asymmetric(key)
        case "oct":
            let secret = try reader.bytes("k")
            let minimum = algorithm?.digest?.size ?? Digest.sha256.size
            guard secret.count >= minimum else {
                throw JOSEError(.weakKey, "The HMAC secret is shorter than the hash output")
            }
            type = .oct(byteCount: secret.count)
            material = .secret(try HMACSecret(bytes: secret))
        default:
            throw JOSEError(.unsupportedKey, "Unsupported key type")
        }
        try self.init(
            type: type, isPrivate: isPrivate || type.jwkKeyType == "oct", material: material, keyID: keyID,
            algorithm: algorithm, use: use, operations: operations)
    }

    /// Makes a key from the JSON text of a JWK. See `init(jwk:)`.
    public init(jwkJSON: String) throws(JOSEError) {
        try self.init(jwk: try JSONValue(parsing: Array(jwkJSON.utf8)))
    }

    /// Makes an HMAC key from a shared secret.
    /// - Throws: ``ErrorCode/weakKey`` when the secret is shorter than the output of the hash of
    ///   `algorithm` (or of SHA-256 when no algorithm is given).
    public init(hmacSecret: [UInt8], keyID: String? = nil, algorithm: JWSAlgorithm? = nil) throws(JOSEError) {
        let minimum = algorithm?.digest?.size ?? Digest.sha256.size
        guard hmacSecret.count >= minimum else {
            throw JOSEError(.weakKey, "The HMAC secret is shorter than the hash output")
        }
        try self.init(
            type: .oct(byteCount: hmacSecret.count), isPrivate: true,
            material: .secret(try HMACSecret(bytes: hmacSecret)),
            keyID: keyID, algorithm: algorithm)
    }

    /// Size and shape rules for RSA keys. They are cheap on purpose: OpenSSL's full public-key check runs primality
    /// tests on the modulus, which a hostile key set can make cost seconds per key.
    static func rsaType(of key: EVPKey) throws(JOSEError) -> KeyType {
        let bits = key.bits
        guard bits >= 2048 else { throw JOSEError(.weakKey, "RSA keys must have at least 2048 bits") }
        guard bits <= maximumRSABits else { throw JOSEError(.unsupportedKey, "The RSA key is too large") }
        guard let modulus = key.bigNumberParameter("n"), let exponent = key.bigNumberParameter("e"),
            modulus.last.map({ $0 & 1 == 1 }) == true
        else { throw JOSEError(.invalidKey, "The RSA modulus is invalid") }
        // The public exponent must be odd and 3 ≤ e < 2^32: a huge exponent makes every verification slow.
        let significant = exponent.drop { $0 == 0 }
        guard significant.count <= 4, let low = significant.last, low & 1 == 1,
            significant.count > 1 || low >= 3
        else { throw JOSEError(.invalidKey, "The RSA public exponent is not allowed") }
        return .rsa(bits: bits)
    }
}

/// Typed access to the members of a JWK object; every failure is ``ErrorCode/invalidKey``.
struct JWKMembers {
    let members: [String: JSONValue]

    init(_ members: [String: JSONValue]) { self.members = members }

    func string(_ name: String) throws(JOSEError) -> String {
        guard let value = try optionalString(name) else {
            throw JOSEError(.invalidKey, "A required JWK member is missing")
        }
        return value
    }

    func optionalString(_ name: String) throws(JOSEError) -> String? {
        guard let value = members[name] else { return nil }
        guard let string = value.stringValue else { throw JOSEError(.invalidKey, "A JWK member has the wrong type") }
        return string
    }

    func optionalOperations() throws(JOSEError) -> [KeyOperation]? {
        guard let value = members["key_ops"] else { return nil }
        guard let array = value.arrayValue else { throw JOSEError(.invalidKey, "key_ops must be an array of strings") }
        var operations = [KeyOperation]()
        for element in array {
            guard let name = element.stringValue else {
                throw JOSEError(.invalidKey, "key_ops must be an array of strings")
            }
            let operation = KeyOperation(rawValue: name)
            guard !operations.contains(operation) else { throw JOSEError(.invalidKey, "key_ops has a duplicate value") }
            operations.append(operation)
        }
        return operations
    }

    /// A base64url member, optionally of an exact length.
    func bytes(_ name: String, count: Int? = nil) throws(JOSEError) -> [UInt8] {
        let decoded: [UInt8]
        do {
            decoded = try Base64URL.decode(try string(name))
        } catch {
            throw error.code == .invalidBase64URL
                ? JOSEError(.invalidKey, "A JWK member is not valid base64url") : error
        }
        if let count, decoded.count != count {
            throw JOSEError(.invalidKey, "A JWK member has the wrong length for its curve")
        }
        return decoded
    }

    /// A base64url unsigned integer (RFC 7518 §2 Base64urlUInt): non-empty.
    func bigInteger(_ name: String) throws(JOSEError) -> [UInt8] {
        let decoded = try bytes(name)
        guard !decoded.isEmpty else { throw JOSEError(.invalidKey, "A JWK integer member is empty") }
        return decoded
    }

    /// An RSA key from `n`, `e` and, when private, `d` with all or none of `p`, `q`, `dp`, `dq`, `qi` (multi-prime
    /// keys refused; the private key must match the public one).
    func rsaKey(isPrivate: Bool) throws(JOSEError) -> EVPKey {
        guard members["oth"] == nil else { throw JOSEError(.unsupportedKey, "Multi-prime RSA keys are not supported") }
        let parameters = KeyFactory.Parameters()
        let modulus = try bigInteger("n")
        guard modulus.count * 8 <= JWSKey.maximumRSABits else {
            throw JOSEError(.unsupportedKey, "The RSA key is too large")
        }
        parameters.bigNumber("n", modulus)
        parameters.bigNumber("e", try bigInteger("e"))
        if isPrivate {
            parameters.bigNumber("d", try bigInteger("d"))
            let factors = ["p", "q", "dp", "dq", "qi"]
            let present = factors.filter { members[$0] != nil }
            if present.count == factors.count {
                for (member, name) in zip(
                    factors, ["rsa-factor1", "rsa-factor2", "rsa-exponent1", "rsa-exponent2", "rsa-coefficient1"])
                {
                    parameters.bigNumber(name, try bigInteger(member))
                }
            } else if !present.isEmpty {
                throw JOSEError(.invalidKey, "An RSA private key must have all or none of p, q, dp, dq, qi")
            }
        }
        let key = try parameters.makeKey(keyType: "RSA", isPrivate: isPrivate)
        guard !isPrivate || key.pairwiseCheck() else {
            throw JOSEError(.invalidKey, "The RSA private key does not match its public key")
        }
        return key
    }

    /// An EC key on P-256, P-384 or P-521 from `crv`, `x`, `y` and, when private, `d`: the point must be on the
    /// curve and the private key must match it.
    func ecKey(isPrivate: Bool) throws(JOSEError) -> (EVPKey, EllipticCurve) {
        guard let curve = EllipticCurve(rawValue: try string("crv")) else {
            throw JOSEError(.unsupportedKey, "Unsupported elliptic curve")
        }
        let size = curve.coordinateSize
        let parameters = KeyFactory.Parameters()
        parameters.string("group", curve.openSSLGroupName)
        parameters.octets("pub", [0x04] + (try bytes("x", count: size)) + (try bytes("y", count: size)))
        if isPrivate { parameters.bigNumber("priv", try bytes("d", count: size)) }
        let key = try parameters.makeKey(keyType: "EC", isPrivate: isPrivate)
        guard key.publicCheck() else { throw JOSEError(.invalidKey, "The EC point is not on the curve") }
        guard !isPrivate || key.pairwiseCheck() else {
            throw JOSEError(.invalidKey, "The EC private key does not match its public key")
        }
        return (key, curve)
    }
}
