import JOSE

extension OpenIDConnect {
    /// The ID token (OIDC Core §2): `openIDSchema` plus `iss`, `sub`, `aud` (a list; a single string is wrapped),
    /// `exp` and `iat` required, and `auth_time`, `nonce`, `at_hash`, `c_hash`, `acr`, `amr`, `azp`, `sub_jwk`,
    /// `sid` optional.
    ///
    /// ``Message/verify(_:)`` needs ``VerificationOptions/issuer`` and ``VerificationOptions/clientID`` (OIDC Core
    /// §3.1.3.7 makes both checks mandatory; `MessageError.Code.missingOption` otherwise) and checks, in order:
    /// `iss` equals ``VerificationOptions/issuer``; the
    /// ``VerificationOptions/clientID`` is one of `aud`; with several audiences `azp` is present and one of them;
    /// `azp`, when present, equals the client ID; `exp` has not passed; `nbf`, when present, has been reached; `iat` is
    /// not in the future nor older than
    /// ``VerificationOptions/maximumIDTokenAge``; `exp` is not before `iat`; `nonce` equals
    /// ``VerificationOptions/nonce`` when one is given (OIDC Core §3.1.3.7) — leeway applied to the time checks.
    public static let idToken = openIDSchema.extending(
        "IdToken",
        parameters: [
            "iss": .requiredString, "sub": .requiredString, "aud": .requiredList, "exp": .requiredInteger,
            "iat": .requiredInteger, "auth_time": .optionalInteger, "nonce": .optionalString,
            "at_hash": .optionalString, "c_hash": .optionalString, "acr": .optionalString, "amr": .optionalList,
            "azp": .optionalString, "sub_jwk": .optionalJSON, "sid": .optionalString,
        ],
        rules: [MessageRule { state throws(MessageError) in try checkIDToken(state.message, state.options) }])

    static func checkIDToken(_ token: Message, _ options: VerificationOptions) throws(MessageError) {
        guard let issuer = options.issuer else {
            throw MessageError(.missingOption, parameter: "iss", "Verifying an ID token needs the expected issuer")
        }
        guard options.clientID != nil else {
            throw MessageError(.missingOption, parameter: "aud", "Verifying an ID token needs the client ID")
        }
        try token.checkIssuer(issuer)
        let audiences = token.strings("aud") ?? []
        if let clientID = options.clientID { try token.checkAudience(names: clientID) }
        let azp = token.string("azp")
        if audiences.count > 1 {
            guard let azp else { throw MessageError(.missingRequiredParameter, parameter: "azp", "azp missing") }
            guard audiences.containsExactly(azp) else {
                throw MessageError(.mismatch, parameter: "azp", "Mismatch between azp and aud claims")
            }
        }
        if let azp, let clientID = options.clientID, !azp.hasSameBytes(as: clientID) {
            throw MessageError(.mismatch, parameter: "azp", "The authorized party is not the client")
        }
        try token.checkTimeClaims(options, requireExpiration: true, maximumAge: options.maximumIDTokenAge)
        if let nonce = options.nonce, token.string("nonce")?.hasSameBytes(as: nonce) != true {
            throw MessageError(.mismatch, parameter: "nonce", "The nonce is not the expected one")
        }
    }

    /// The `at_hash`/`c_hash` value of `value` (OIDC Core §3.1.3.6): the base64url of the left half of its hash
    /// with the hash function of `algorithm` (SHA-512 for EdDSA, as OpenID Connect's later errata say).
    public static func leftHalfHash(_ value: String, algorithm: String) -> String? {
        let digest: Digest
        switch algorithm {
        case "HS256", "RS256", "PS256", "ES256": digest = .sha256
        case "HS384", "RS384", "PS384", "ES384": digest = .sha384
        case "HS512", "RS512", "PS512", "ES512", "EdDSA", "Ed25519": digest = .sha512
        default: return nil
        }
        guard let hash = try? digest.hash(Array(value.utf8)) else { return nil }
        return Base64URL.encode(hash.prefix(hash.count / 2))
    }
}
