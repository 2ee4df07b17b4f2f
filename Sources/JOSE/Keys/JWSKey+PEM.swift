extension JWSKey {
    /// Makes a key from PEM text: an SPKI public key (`PUBLIC KEY`), a PKCS#8 private key (`PRIVATE KEY`, also the
    /// traditional `RSA PRIVATE KEY` and `EC PRIVATE KEY`) or an X.509 certificate (`CERTIFICATE`, its public key).
    /// Encrypted private keys are refused; OpenSSL is never allowed to prompt for a passphrase.
    public init(pem: String, keyID: String? = nil, algorithm: JWSAlgorithm? = nil) throws(JOSEError) {
        try self.init(decoded: try KeyFactory.decodePEM(pem), keyID: keyID, algorithm: algorithm)
    }

    /// Makes a key from DER: an SPKI public key, a PKCS#8 private key or an X.509 certificate.
    public init(der: [UInt8], keyID: String? = nil, algorithm: JWSAlgorithm? = nil) throws(JOSEError) {
        try self.init(decoded: try KeyFactory.decodeDER(der), keyID: keyID, algorithm: algorithm)
    }

    private init(decoded: KeyFactory.Decoded, keyID: String?, algorithm: JWSAlgorithm?) throws(JOSEError) {
        let key: EVPKey
        let isPrivate: Bool
        switch decoded {
        case .publicKey(let decodedKey): (key, isPrivate) = (decodedKey, false)
        case .privateKey(let decodedKey): (key, isPrivate) = (decodedKey, true)
        }
        try self.init(asymmetric: key, isPrivate: isPrivate, keyID: keyID, algorithm: algorithm)
    }

    /// Classifies an OpenSSL key and applies the size and validity rules.
    init(asymmetric key: EVPKey, isPrivate: Bool, keyID: String?, algorithm: JWSAlgorithm?) throws(JOSEError) {
        let type: KeyType
        if key.isA("RSA") {
            type = try Self.rsaType(of: key)
        } else if key.isA("EC") {
            guard let name = key.groupName, let curve = EllipticCurve(openSSLGroupName: name) else {
                throw JOSEError(.unsupportedKey, "Unsupported elliptic curve")
            }
            guard key.publicCheck() else { throw JOSEError(.invalidKey, "The EC point is not on the curve") }
            type = .ec(curve)
        } else if key.isA("ED25519") {
            guard let encoded = key.rawPublicKey, Ed25519PublicKeyCheck.isAcceptable(encoded) else {
                throw JOSEError(.invalidKey, "The Ed25519 public key is of small order or not canonical")
            }
            type = .ed25519
        } else {
            throw JOSEError(.unsupportedKey, "Unsupported key type")
        }
        try self.init(type: type, isPrivate: isPrivate, material: .asymmetric(key), keyID: keyID, algorithm: algorithm)
    }
}
