import JOSE

/// Checks a DPoP proof against the request it came with and the access token it accompanies (RFC 9449 §4.3): the
/// proof is a `dpop+jwt` signed with the public `jwk` in its header by an accepted asymmetric algorithm, its `htm`
/// and `htu` are the request's method and URL, its `iat` is recent, it has a `jti`, and its `ath` is the token's
/// SHA-256. The key binding (`cnf.jkt`) and the replay check come after the token is verified.
struct DPoPProofVerifier: Sendable {
    /// What a valid proof yields.
    struct Proof: Sendable {
        /// The RFC 7638 thumbprint of the proof's key, to compare with the token's `cnf.jkt`.
        let thumbprint: String
        /// The proof's `jti`.
        let jti: String
        /// When the proof leaves the accepted window (seconds since 1970), for the replay cache.
        let expiresAt: Double
    }

    let policy: DPoPPolicy
    /// Proof keys by the proof's encoded header: a client sends the same header (`typ`, `alg`, `jwk`) with every
    /// proof, so its key is imported and its thumbprint computed once, not per request.
    let keys = TwoGenerationMap<(key: JWSKey, thumbprint: String)>(maximumEntries: 1024)

    /// - Parameters:
    ///   - proof: the `DPoP` header's value.
    ///   - method: the request's method.
    ///   - url: the request's public URL without query (the origin of ``DPoPPolicy/origin`` and the path).
    ///   - accessToken: the access token sent with the `DPoP` scheme.
    ///   - now: the current time, in seconds since 1970.
    func verify(
        _ proof: String, method: String, url: String, accessToken: String, now: Double
    ) throws(JOSEError) -> Proof {
        let jws = try CompactJWS(parsing: proof, maximumSize: 8 * 1024)
        guard jws.header.hasType("dpop+jwt") else {
            throw JOSEError(.dpopInvalidHeader, "The DPoP proof's typ is not dpop+jwt")
        }
        guard policy.algorithms.contains(jws.header.algorithm), !jws.header.algorithm.isSymmetric else {
            throw JOSEError(.algorithmNotAllowed, "The DPoP proof's algorithm is not accepted")
        }
        let (key, thumbprint) = try proofKey(of: jws, encodedHeader: String(proof.prefix { $0 != "." }))
        _ = try jws.verify(using: [key], maximumCandidates: 1)

        guard let claims = (try? JSONValue(parsing: jws.payload))?.objectValue else {
            throw JOSEError(.invalidPayload, "The DPoP proof's payload is not a JSON object")
        }
        guard let jti = claims["jti"]?.stringValue, !jti.isEmpty, jti.utf8.count <= 256 else {
            throw JOSEError(.missingClaim, "The DPoP proof has no usable jti")
        }
        guard let htm = claims["htm"]?.stringValue, htm.hasSameBytes(as: method) else {
            throw JOSEError(.dpopRequestMismatch, "The DPoP proof's htm is not the request's method")
        }
        guard let htu = claims["htu"]?.stringValue, let proofURL = Self.normalizedURL(htu),
            let requestURL = Self.normalizedURL(url), proofURL.hasSameBytes(as: requestURL)
        else {
            throw JOSEError(.dpopRequestMismatch, "The DPoP proof's htu is not the request's URL")
        }
        guard let issuedAt = claims["iat"]?.numberValue?.doubleValue, issuedAt.isFinite else {
            throw JOSEError(.missingClaim, "The DPoP proof has no iat")
        }
        let maximumAge = policy.maximumProofAge.inSeconds
        guard issuedAt <= now + policy.clockSkew.inSeconds, issuedAt >= now - maximumAge else {
            throw JOSEError(.dpopStale, "The DPoP proof's iat is outside the accepted window")
        }
        if let nonces = policy.nonces {
            guard let nonce = claims["nonce"]?.stringValue, nonces.accepts(nonce) else {
                throw JOSEError(.dpopNonceRequired, "The DPoP proof has no current nonce")
            }
        }
        let expectedHash = Base64URL.encode(try Digest.sha256.hash(Array(accessToken.utf8)))
        guard let ath = claims["ath"]?.stringValue, ConstantTime.equals(Array(ath.utf8), Array(expectedHash.utf8))
        else {
            throw JOSEError(.dpopTokenHashMismatch, "The DPoP proof's ath is not the access token's hash")
        }
        return Proof(thumbprint: thumbprint, jti: jti, expiresAt: issuedAt + maximumAge)
    }

    /// The public key of the proof's `jwk` header and its RFC 7638 thumbprint, from ``keys`` when this header was
    /// seen before. Only keys that pass are kept.
    private func proofKey(of jws: CompactJWS, encodedHeader: String) throws(JOSEError) -> (
        key: JWSKey, thumbprint: String
    ) {
        if let known = keys[encodedHeader] { return known }
        guard let jwk = jws.header.fields["jwk"], jwk.objectValue != nil else {
            throw JOSEError(.dpopInvalidHeader, "The DPoP proof's header has no jwk")
        }
        let key = try JWSKey(jwk: jwk)
        guard !key.isPrivate else { throw JOSEError(.dpopInvalidHeader, "The DPoP proof's jwk holds a private key") }
        let entry = (key: key, thumbprint: try key.thumbprint())
        keys.update(encodedHeader) { _ in (entry, ()) }
        return entry
    }

    /// `scheme://host[:port]/path` with scheme and host lower-cased, the default port dropped, no query or fragment
    /// (RFC 9449 §4.3 and RFC 3986 §6.2.2–6.2.3); `nil` for what is not an absolute `http(s)` URL or has user
    /// information.
    static func normalizedURL(_ text: String) -> String? {
        var text = Substring(text)
        if let end = text.firstIndex(where: { $0 == "?" || $0 == "#" }) { text = text[..<end] }
        guard let colon = text.firstIndex(of: ":"), text[colon...].hasPrefix("://") else { return nil }
        let scheme = text[..<colon].lowercased()
        guard scheme == "https" || scheme == "http" else { return nil }
        let rest = text[text.index(colon, offsetBy: 3)...]
        let pathStart = rest.firstIndex(of: "/") ?? rest.endIndex
        var authority = rest[..<pathStart].lowercased()
        guard !authority.isEmpty, !authority.contains("@") else { return nil }
        let defaultPort = scheme == "https" ? ":443" : ":80"
        if authority.hasSuffix(defaultPort) { authority.removeLast(defaultPort.count) }
        let path = rest[pathStart...]
        return scheme + "://" + authority + (path.isEmpty ? "/" : String(path))
    }
}
