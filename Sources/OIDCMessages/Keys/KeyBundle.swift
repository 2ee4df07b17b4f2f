public import JOSE

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The keys of one origin (Python `KeyBundle`): keys given inline (a JWK, a JWKS), a local file, or a
/// remote `jwks_uri` served by a `KeySource` such as RemoteJWKS's cached key set — never by a second
/// fetcher of its own. Signature keys are ``keys``; the document's encryption keys (`use: enc`) are kept beside them
/// as ``encryptionKeys``.
///
/// Fixes over the Python original: a key that disappears on `reload(clock:)` is kept and really marked inactive
/// (the original's marking never ran); inactive keys still *verify* (tokens signed before a rotation stay valid until
/// `removeOutdated(after:clock:)`) but never *sign* — the original had the filter the wrong way round; JWKs are not
/// duplicated into a `sig` and an `enc` copy: a `use: enc` key is an encryption key only, a key without `use` a
/// signature key only.
public struct KeyBundle: Sendable {
    /// Where a bundle's keys come from.
    public enum Source: Sendable {
        /// Keys given in code.
        case inline
        /// A local file, re-read by ``KeyBundle/reload(clock:)``.
        case file(path: String, format: FileFormat)
        /// A remote key set; `url` is informative.
        case remote(any KeySource, url: String?)
    }

    /// The format of a key file.
    public enum FileFormat: Sendable, Hashable {
        /// A JWKS document (or a single JWK).
        case jwks
        /// One PEM key or certificate.
        case pem
    }

    struct Entry: Sendable {
        var key: JWSKey
        var inactiveSince: Int64?
    }

    /// Where the keys come from.
    public let source: Source
    private(set) var entries: [Entry]
    /// Keys of the last document that could be used neither for signatures nor for encryption, and why.
    public private(set) var skipped: [JWKSet.SkippedKey]
    /// The encryption keys (JWK `use: enc`) of the last document, or given in code: private ones decrypt JWEs sent
    /// to this origin, public ones encrypt to it.
    public private(set) var encryptionKeys: [JWEKey]

    /// A bundle of the given keys.
    public init(keys: [JWSKey], encryptionKeys: [JWEKey] = []) {
        source = .inline
        entries = keys.map { Entry(key: $0) }
        skipped = []
        self.encryptionKeys = encryptionKeys
    }

    /// A bundle from a JWKS document or a single JWK. Unusable keys of a JWKS are skipped and listed in
    /// `skipped`.
    /// - Throws: `JOSEError` when the value is neither a JWKS nor a usable JWK.
    public init(jwks: JSONValue) throws(JOSEError) {
        source = .inline
        (entries, skipped, encryptionKeys) = try Self.parse(jwks)
    }

    /// A bundle from a key file, read now and again on `reload(clock:)` (Python `file://` sources).
    /// - Throws: `JOSEError.Code.invalidInput` when the file cannot be read, or the key errors.
    public init(file path: String, format: FileFormat = .jwks) throws(JOSEError) {
        source = .file(path: path, format: format)
        (entries, skipped, encryptionKeys) = try Self.read(path: path, format: format)
    }

    /// A bundle whose keys a remote key source serves, with its cache (for example RemoteJWKS for a `jwks_uri`).
    public static func remote(_ source: any KeySource, url: String? = nil) -> KeyBundle {
        KeyBundle(source: .remote(source, url: url))
    }

    private init(source: Source) {
        self.source = source
        entries = []
        skipped = []
        encryptionKeys = []
    }

    /// Whether the keys are fetched by a remote key source.
    public var isRemote: Bool {
        if case .remote = source { return true }
        return false
    }

    /// The local keys (active and inactive); empty for a remote bundle.
    public var keys: [JWSKey] { entries.map(\.key) }

    /// The local keys not marked inactive.
    public var activeKeys: [JWSKey] { entries.filter { $0.inactiveSince == nil }.map(\.key) }

    /// The key IDs of the local keys.
    public var keyIDs: [String] { entries.compactMap(\.key.keyID) }

    /// Adds a key.
    public mutating func append(_ key: JWSKey) { entries.append(Entry(key: key)) }

    /// Marks the keys with `keyID` inactive from the clock's current time unless they already are.
    public mutating func markInactive(keyID: String, clock: JWTClock = .system) {
        let now = clock.wholeSeconds
        for index in entries.indices where entries[index].key.keyID == keyID && entries[index].inactiveSince == nil {
            entries[index].inactiveSince = now
        }
    }

    /// Drops keys that have been inactive for longer than `after`.
    public mutating func removeOutdated(after: Duration, clock: JWTClock = .system) {
        let now = Double(clock.wholeSeconds)
        entries.removeAll { entry in entry.inactiveSince.map { Double($0) + after.inSeconds < now } ?? false }
    }

    /// Re-reads a file bundle (a no-op for others). Keys that are gone from the file are kept but marked inactive;
    /// keys that come back become active again. On failure the current keys stay.
    public mutating func reload(clock: JWTClock = .system) throws(JOSEError) {
        let now = clock.wholeSeconds
        guard case .file(let path, let format) = source else { return }
        let (fresh, skipped, encryptionKeys) = try Self.read(path: path, format: format)
        var merged = fresh
        for old in entries where !fresh.contains(where: { Self.same($0.key, old.key) }) {
            var kept = old
            if kept.inactiveSince == nil { kept.inactiveSince = now }
            merged.append(kept)
        }
        entries = merged
        self.skipped = skipped
        self.encryptionKeys = encryptionKeys
    }

    /// The keys that may verify `token`: for a remote bundle what its key source answers; otherwise, with a `kid`,
    /// exactly the keys with that `kid` (no fallback), and without one the keys that suit the token's `alg` (this
    /// also maps ES512 to P-521, which the Python original got wrong). Inactive keys are included.
    /// - Throws: the remote key source's errors.
    public func candidates(for token: UnverifiedJWT) async throws(JOSEError) -> [JWSKey] {
        if case .remote(let remote, _) = source { return try await remote.keys(for: token) }
        return JWKSet(keys: keys).candidates(for: token.header)
    }

    /// An active private key (or HMAC secret) of this bundle that can sign `algorithm`, preferring `keyID`.
    public func signingKey(for algorithm: JWSAlgorithm, keyID: String? = nil) -> JWSKey? {
        let usable = activeKeys.filter { (try? $0.checkUsable(for: algorithm, operation: .sign)) != nil }
        if let keyID { return usable.first { $0.keyID == keyID } }
        return usable.first
    }

    /// The public JWKS of the active asymmetric keys (Python `jwks()`).
    public func publicJWKS() throws(JOSEError) -> JSONValue {
        try JWKSet(keys: activeKeys).publicJSON()
    }

    private static func same(_ a: JWSKey, _ b: JWSKey) -> Bool {
        if let x = try? a.publicJWK(), let y = try? b.publicJWK() { return x == y }
        return a.keyID == b.keyID && a.type == b.type
    }

    private static func parse(_ json: JSONValue) throws(JOSEError) -> ([Entry], [JWKSet.SkippedKey], [JWEKey]) {
        guard json["keys"] != nil else {
            if json["use"] == "enc" { return ([], [], [try JWEKey(jwk: json)]) }
            return ([Entry(key: try JWSKey(jwk: json))], [], [])
        }
        let set = try JWKSet(json: json)
        let documentKeys = json["keys"]?.arrayValue ?? []
        var encryptionKeys: [JWEKey] = []
        var skipped: [JWKSet.SkippedKey] = []
        for entry in set.skipped {
            // The signature set skips `use: enc` keys; the ones that are usable encryption keys are kept as such.
            if entry.index < documentKeys.count, documentKeys[entry.index]["use"] == "enc",
                let key = try? JWEKey(jwk: documentKeys[entry.index])
            {
                encryptionKeys.append(key)
            } else {
                skipped.append(entry)
            }
        }
        return (set.keys.map { Entry(key: $0) }, skipped, encryptionKeys)
    }

    private static func read(path: String, format: FileFormat) throws(JOSEError) -> (
        [Entry], [JWKSet.SkippedKey], [JWEKey]
    ) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw JOSEError(.invalidInput, "The key file cannot be read")
        }
        switch format {
        case .jwks: return try parse(try JSONValue(parsing: Array(data)))
        case .pem: return ([Entry(key: try JWSKey(pem: String(decoding: data, as: UTF8.self)))], [], [])
        }
    }
}
