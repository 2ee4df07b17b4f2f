/// The one error type of the JOSE layer.
///
/// Every failure has a stable `Code` that callers can switch on or log, and a short
/// `message` written for humans. Neither ever contains token content or key material,
/// so an error can be logged or put into a response without leaking anything.
public struct JOSEError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable identifier of a kind of failure; compared by its ``ErrorCode/rawValue``.
    public typealias Code = ErrorCode<JOSEError>

    /// What went wrong, as a stable code.
    public let code: Code
    /// A short, fixed explanation. Never contains token content or key material.
    public let message: String

    /// Creates an error. Use fixed texts for `message`: never interpolate token or key content.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The text form.

    public var description: String { "\(code.rawValue): \(message)" }
}

extension ErrorCode where Domain == JOSEError {
    // MARK: Token structure
    /// The token is not a compact JWS of three base64url parts.
    public static let malformedToken = Self("malformed_token")
    /// The token is longer than the configured size limit.
    public static let tokenTooLarge = Self("token_too_large")
    /// A part of the token is not strict, unpadded base64url.
    public static let invalidBase64URL = Self("invalid_base64url")
    /// A JSON document is not valid JSON.
    public static let invalidJSON = Self("invalid_json")
    /// A JSON object has the same member name twice.
    public static let duplicateJSONMember = Self("duplicate_json_member")
    /// A JSON document nests deeper than allowed.
    public static let jsonTooDeep = Self("json_too_deep")
    /// The protected header is not a JSON object with a string `alg`, or a header parameter has the wrong type.
    public static let invalidHeader = Self("invalid_header")
    /// The header's `crit` names an extension this library does not understand.
    public static let unsupportedCriticalHeader = Self("unsupported_critical_header")
    /// The header asks for an unencoded payload (`b64: false`, RFC 7797), which is not supported.
    public static let unsupportedUnencodedPayload = Self("unsupported_unencoded_payload")
    /// The payload is not a JSON object.
    public static let invalidPayload = Self("invalid_payload")

    // MARK: Algorithms and keys
    /// The `alg` is not one this library implements.
    public static let unsupportedAlgorithm = Self("unsupported_algorithm")
    /// The token is unsecured (`alg: none`), which a verifier never accepts.
    public static let unsecuredToken = Self("unsecured_token")
    /// The `alg` is implemented but not in the verifier's allowed list.
    public static let algorithmNotAllowed = Self("algorithm_not_allowed")
    /// The key cannot be used with the token's algorithm (wrong key type, curve, or JWK `alg`).
    public static let keyAlgorithmMismatch = Self("key_algorithm_mismatch")
    /// The key's `use` or `key_ops` forbid the requested operation.
    public static let keyUsageNotPermitted = Self("key_usage_not_permitted")
    /// No key of the key source matches the token's `kid` and `alg`.
    public static let noMatchingKey = Self("no_matching_key")
    /// The key source could not provide keys (for example the JWKS endpoint is down).
    public static let keySourceUnavailable = Self("key_source_unavailable")
    /// A key description is malformed or describes an invalid key (for example a point not on the curve).
    public static let invalidKey = Self("invalid_key")
    /// The key is of a type, curve or format this library does not support.
    public static let unsupportedKey = Self("unsupported_key")
    /// The key is too weak: an RSA modulus under 2048 bits or an HMAC secret shorter than the hash output.
    public static let weakKey = Self("weak_key")
    /// The operation needs a private key and the key is public only.
    public static let privateKeyRequired = Self("private_key_required")

    // MARK: Signatures
    /// The signature has the wrong length or encoding for the algorithm (for example DER instead of raw `r || s`).
    public static let malformedSignature = Self("malformed_signature")
    /// The signature does not verify.
    public static let invalidSignature = Self("invalid_signature")
    /// Creating a signature failed.
    public static let signingFailed = Self("signing_failed")

    // MARK: Claims
    /// The token has expired (`exp`), leeway included.
    public static let expired = Self("token_expired")
    /// The token is not valid yet (`nbf`), leeway included.
    public static let notYetValid = Self("token_not_yet_valid")
    /// The token was issued longer ago than the allowed maximum age (`iat`).
    public static let tooOld = Self("token_too_old")
    /// The token's `iat` lies in the future beyond the leeway.
    public static let issuedInFuture = Self("token_issued_in_future")
    /// A required claim is missing.
    public static let missingClaim = Self("missing_claim")
    /// A registered claim has the wrong JSON type (for example `exp` as a string).
    public static let invalidClaim = Self("invalid_claim")
    /// The issuer (`iss`) is not one of the accepted issuers.
    public static let issuerMismatch = Self("issuer_mismatch")
    /// None of the token's audiences (`aud`) is accepted.
    public static let audienceMismatch = Self("audience_mismatch")
    /// The header's `typ` is not the required type.
    public static let typeMismatch = Self("type_mismatch")

    // MARK: DPoP proofs (RFC 9449)
    /// A request with the `DPoP` scheme carries no `DPoP` proof header.
    public static let dpopProofMissing = Self("dpop_proof_missing")
    /// The proof's header is not `typ: dpop+jwt` with a public `jwk`, or its `alg` is not accepted.
    public static let dpopInvalidHeader = Self("dpop_invalid_header")
    /// The proof's `htm` or `htu` is not the request's method or URL.
    public static let dpopRequestMismatch = Self("dpop_request_mismatch")
    /// The proof's `iat` is outside the accepted window, or `jti` is missing.
    public static let dpopStale = Self("dpop_stale")
    /// The proof's `jti` was seen before within the window: a replay.
    public static let dpopReplayed = Self("dpop_replayed")
    /// The proof's `ath` is not the hash of the access token sent with it.
    public static let dpopTokenHashMismatch = Self("dpop_token_hash_mismatch")
    /// The proof has no `nonce`, or not one the server handed out recently (answered with `use_dpop_nonce`).
    public static let dpopNonceRequired = Self("dpop_nonce_required")
    /// The access token is not bound to the proof's key (`cnf.jkt`), or a DPoP-bound token came with `Bearer`.
    public static let dpopKeyBindingMismatch = Self("dpop_key_binding_mismatch")

    // MARK: Certificate-bound tokens (RFC 8705)
    /// The token's `cnf.x5t#S256` is not the SHA-256 of the client certificate, or no certificate was presented.
    public static let certificateBindingMismatch = Self("certificate_binding_mismatch")

    // MARK: Encryption (JWE)
    /// A JWE could not be decrypted: wrong key, tampered ciphertext, tag, header or encrypted key. One code for every
    /// cause, so that no answer tells them apart (no padding or tag oracle).
    public static let decryptionFailed = Self("decryption_failed")
    /// The decrypted content inflates (`"zip": "DEF"`) beyond the configured maximum: a decompression bomb.
    public static let plaintextTooLarge = Self("plaintext_too_large")
    /// The decrypted content is not valid raw DEFLATE data.
    public static let decompressionFailed = Self("decompression_failed")
    /// A plain token was sent where only encrypted tokens are accepted.
    public static let encryptionRequired = Self("encryption_required")
    /// An encrypted token's plaintext is not a signed JWT (an encrypted but unsigned JWT is never accepted).
    public static let encryptedTokenNotSigned = Self("encrypted_token_not_signed")
    /// Encrypting a JWE failed (a key of the wrong size or type for the algorithms, or the cryptographic library).
    public static let encryptionFailed = Self("encryption_failed")

    // MARK: Introspection (RFC 7662)
    /// The authorization server says the token is not active (revoked, expired, unknown, or not for this client).
    public static let inactiveToken = Self("token_inactive")
    /// The introspection endpoint could not answer (down, timed out, refused the client, or sent no valid answer).
    public static let introspectionUnavailable = Self("introspection_unavailable")

    // MARK: Other
    /// An input outside a token was invalid (for example PEM text).
    public static let invalidInput = Self("invalid_input")
    /// A key source URL (a `jwks_uri`, an issuer, a discovered `jwks_uri`) is not one the key sources may fetch:
    /// not absolute, not `https` where `https` is required, or with a query or fragment where none is allowed.
    public static let urlNotAllowed = Self("url_not_allowed")
    /// The cryptographic library failed unexpectedly.
    public static let cryptoFailure = Self("crypto_failure")
}
