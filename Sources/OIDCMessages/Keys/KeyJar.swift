public import JOSE

/// The keys of many issuers (Python `KeyJar`): issuer → ``KeyBundle``s. As a `KeySource` it picks the keys
/// for a JWT from its payload's `iss`, then its header's `kid` and `alg`.
///
/// Selection rules (fixing the Python original's): only the bundles of the token's `iss` are asked — an unknown or
/// missing issuer is refused before any remote bundle is touched, so no fetch is driven by an attacker's token;
/// `jku` and `x5u` headers are never followed (the original added a bundle for a `jku` URL); the jar's own keys and
/// the keys of the `aud`/`client_id` owners are not mixed in; with a `kid` only keys with that `kid` are returned.
/// Issuers match byte for byte, as in `MultiIssuerKeySource` and as OpenID Connect Core §3.1.3.7 requires of `iss`
/// (the original also accepted the issuer with or without a trailing `/`).
public struct KeyJar: KeySource, Sendable {
    /// Keyed by the issuer's exact bytes (never Unicode equivalence: `https://\u{212A}.example` is not `https://K.example`).
    private var owners: [ExactString: [KeyBundle]] = [:]

    /// An empty jar.
    public init() {}

    /// The issuers with keys, sorted; also what `IssuerPolicy.keySource` accepts.
    public var issuers: [String]? { owners.keys.map(\.value).sorted() }

    /// Adds `bundle` to `issuer`'s bundles. Use `""` for your own keys.
    public mutating func add(_ bundle: KeyBundle, for issuer: String) {
        owners[ExactString(issuer), default: []].append(bundle)
    }

    /// Adds an HMAC secret (for example a client secret) for `issuer` (Python `add_symmetric`).
    /// - Throws: `JOSEError.Code.weakKey` for a secret shorter than 32 bytes.
    public mutating func addSymmetric(_ secret: [UInt8], for issuer: String, keyID: String? = nil) throws(JOSEError) {
        add(KeyBundle(keys: [try JWSKey(hmacSecret: secret, keyID: keyID)]), for: issuer)
    }

    /// Adds the keys of a JWKS document for `issuer` (Python `import_jwks`).
    /// - Throws: `JOSEError.Code.invalidKey` when the value is not a JWKS.
    public mutating func importJWKS(_ jwks: JSONValue, for issuer: String) throws(JOSEError) {
        guard jwks["keys"] != nil else {
            throw JOSEError(.invalidKey, "A JWKS must be a JSON object with a keys array")
        }
        add(try KeyBundle(jwks: jwks), for: issuer)
    }

    /// Loads `issuer`'s keys from its provider configuration (Python `load_keys`): the `jwks_uri` through
    /// `remote` (which should return the RemoteJWKS key set for that URL, for example `{ try RemoteJWKS(url: $0) }`),
    /// or else the inline `jwks`.
    /// - Parameters:
    ///   - configuration: the provider configuration (`jwks_uri` or `jwks`).
    ///   - issuer: the issuer the keys belong to.
    ///   - replace: drop the issuer's existing bundles first.
    ///   - remote: makes the key source for a `jwks_uri`.
    public mutating func loadKeys(
        from configuration: Message, issuer: String, replace: Bool = false,
        remote: (String) throws(JOSEError) -> any KeySource
    ) throws(JOSEError) {
        if replace { owners[ExactString(issuer)] = nil }
        if let uri = configuration.string("jwks_uri") {
            add(.remote(try remote(uri), url: uri), for: issuer)
        } else if let jwks = configuration["jwks"] {
            try importJWKS(jwks, for: issuer)
        }
    }

    /// Replaces `issuer`'s bundles; `[]` removes the issuer.
    public subscript(issuer: String) -> [KeyBundle] {
        get { bundles(for: issuer) }
        set { owners[ExactString(issuer)] = newValue.isEmpty ? nil : newValue }
    }

    /// `issuer`'s bundles (the issuer compared byte for byte); empty for an unknown issuer.
    public func bundles(for issuer: String) -> [KeyBundle] {
        owners[ExactString(issuer)] ?? []
    }

    /// The keys that may verify `token`, from the bundles of its `iss`.
    ///
    /// - Throws: `JOSEError.Code.noMatchingKey` when the token has no `iss`, the issuer is unknown, or no bundle
    ///   has a key for it; `JOSEError.Code.keySourceUnavailable` when no key was found and a remote bundle could
    ///   not be reached.
    public func keys(for token: UnverifiedJWT) async throws(JOSEError) -> [JWSKey] {
        guard let issuer = token.claims.issuer else {
            throw JOSEError(.noMatchingKey, "The token has no issuer to pick keys by")
        }
        let bundles = bundles(for: issuer)
        guard !bundles.isEmpty else { throw JOSEError(.noMatchingKey, "The token's issuer is not known") }
        var keys: [JWSKey] = []
        var unavailable: JOSEError? = nil
        for bundle in bundles {
            do throws(JOSEError) {
                keys += try await bundle.candidates(for: token)
            } catch {
                if error.code != .noMatchingKey { unavailable = unavailable ?? error }
            }
        }
        if keys.isEmpty {
            throw unavailable ?? JOSEError(.noMatchingKey, "No key matches the token")
        }
        return keys
    }

    /// An active key of `issuer` that can sign `algorithm` (preferring `keyID`), from local bundles.
    public func signingKey(for issuer: String = "", algorithm: JWSAlgorithm, keyID: String? = nil) -> JWSKey? {
        for bundle in bundles(for: issuer) {
            if let key = bundle.signingKey(for: algorithm, keyID: keyID) { return key }
        }
        return nil
    }

    /// `issuer`'s private encryption keys, which decrypt JWEs sent to it (Python `get_decrypt_key`); `""` for your
    /// own.
    public func decryptionKeys(for issuer: String = "") -> [JWEKey] {
        bundles(for: issuer).flatMap(\.encryptionKeys).filter(\.isPrivate)
    }

    /// `issuer`'s encryption keys, to encrypt to (Python `get_encrypt_key`).
    public func encryptionKeys(for issuer: String) -> [JWEKey] {
        bundles(for: issuer).flatMap(\.encryptionKeys)
    }

    /// The public JWKS of `issuer`'s active asymmetric local keys (Python `export_jwks`).
    public func exportJWKS(for issuer: String = "") throws(JOSEError) -> JSONValue {
        try JWKSet(keys: bundles(for: issuer).flatMap(\.activeKeys)).publicJSON()
    }

    /// Drops keys that have been inactive for longer than `after`, then bundles left without keys (remote bundles
    /// stay), then issuers left without bundles (Python `remove_outdated`).
    public mutating func removeOutdated(after: Duration, clock: JWTClock = .system) {
        for issuer in Array(owners.keys) {
            guard var bundles = owners[issuer] else { continue }
            for index in bundles.indices { bundles[index].removeOutdated(after: after, clock: clock) }
            bundles.removeAll { !$0.isRemote && $0.keys.isEmpty && $0.encryptionKeys.isEmpty }
            owners[issuer] = bundles.isEmpty ? nil : bundles
        }
    }
}
