/// A JSON Web Key Set (RFC 7517 §5) of usable keys.
///
/// Parsing keeps going past keys it cannot use: a key of an unsupported type, a malformed key or a weak key is
/// recorded in `skipped` and the rest of the set stays usable.
///
/// A key set parsed from JSON is normally published, and a published secret is no secret: `oct` (HMAC) keys in a
/// document are skipped unless the caller says the document is private (`allowsSymmetricKeys`).
public struct JWKSet: Sendable {
    /// A key of the document that was left out, and why.
    public struct SkippedKey: Sendable, Hashable {
        /// The key's position in the document's `keys` array.
        public let index: Int
        /// The key's `kid`, when it had a string one.
        public let keyID: String?
        /// Why the key was skipped.
        public let reason: JOSEError
    }

    /// The usable keys, in document order.
    public var keys: [JWSKey]
    /// The keys that were left out.
    public private(set) var skipped: [SkippedKey]

    /// A set of the given keys.
    public init(keys: [JWSKey]) {
        self.keys = keys
        self.skipped = []
    }

    /// Parses a JWKS document: a JSON object with a `keys` array.
    /// - Parameters:
    ///   - json: the document.
    ///   - allowsSymmetricKeys: keep `oct` keys; only for documents that are themselves secret.
    /// - Throws: ``ErrorCode/invalidKey`` when the document is not such an object; JSON errors.
    public init(json: JSONValue, allowsSymmetricKeys: Bool = false) throws(JOSEError) {
        guard let entries = json["keys"]?.arrayValue else {
            throw JOSEError(.invalidKey, "A JWKS must be a JSON object with a keys array")
        }
        keys = []
        skipped = []
        for (index, entry) in entries.enumerated() {
            if !allowsSymmetricKeys, entry["kty"] == "oct" {
                let reason = JOSEError(.unsupportedKey, "A symmetric key in a key set document is not used")
                skipped.append(SkippedKey(index: index, keyID: entry["kid"]?.stringValue, reason: reason))
                continue
            }
            do {
                keys.append(try JWSKey(jwk: entry))
            } catch {
                skipped.append(SkippedKey(index: index, keyID: entry["kid"]?.stringValue, reason: error))
            }
        }
    }

    /// Parses the JSON text of a JWKS document. See `init(json:allowsSymmetricKeys:)`.
    public init(jsonBytes: [UInt8], allowsSymmetricKeys: Bool = false) throws(JOSEError) {
        try self.init(json: try JSONValue(parsing: jsonBytes), allowsSymmetricKeys: allowsSymmetricKeys)
    }

    /// Parses the JSON text of a JWKS document. See `init(json:allowsSymmetricKeys:)`.
    public init(jsonText: String, allowsSymmetricKeys: Bool = false) throws(JOSEError) {
        try self.init(jsonBytes: Array(jsonText.utf8), allowsSymmetricKeys: allowsSymmetricKeys)
    }

    /// The public JWKS document of the asymmetric keys (HMAC secrets are never published).
    public func publicJSON() throws(JOSEError) -> JSONValue {
        var entries = [JSONValue]()
        for key in keys where key.type.jwkKeyType != "oct" { entries.append(try key.publicJWK()) }
        return ["keys": .array(entries)]
    }

    /// The keys that may verify a token with `header`, best first.
    ///
    /// With a `kid`, exactly the keys with that `kid` (so a wrong key type gives a precise error, and there is no
    /// fallback to any other key). Without one, the keys whose type, curve, `alg`, `use` and `key_ops` allow the
    /// token's algorithm.
    public func candidates(for header: JWSHeader) -> [JWSKey] {
        if let keyID = header.keyID {
            // A set of one key is handed back as it is, without making an array on every token.
            if keys.count == 1 { return keys[0].keyID?.hasSameBytes(as: keyID) == true ? keys : [] }
            return keys.filter { $0.keyID?.hasSameBytes(as: keyID) == true }
        }
        return keys.filter { (try? $0.checkUsable(for: header.algorithm, operation: .verify)) != nil }
    }
}
