public import JOSE

/// The fixed `error_description` texts of the challenges. Each is short, free of library internals and token
/// content, and within the RFC 6750 character set (no quote, no backslash).
public enum ErrorDescription {
    /// More than one token in the request.
    public static let severalTokens = "Only one access token may be sent"
    /// A bearer credential that is empty or not in `b64token` syntax, or a broken query or form encoding.
    public static let malformedRequest = "The bearer token is malformed"
    /// A required scope is missing.
    public static let insufficientScope = "Token is missing some required scopes"
    /// A claim rule or the predicate failed.
    public static let claimRuleFailed = "Token is missing some required claims"

    /// Several `DPoP` proof headers in one request.
    public static let severalProofs = "Only one DPoP proof may be sent"
    /// A `Bearer` token where only DPoP-bound tokens are accepted.
    public static let dpopRequired = "The access token must be sent with the DPoP scheme"

    /// The description of an `invalid_dpop_proof` challenge.
    public static func invalidDPoPProof(_ code: JOSEError.Code) -> String {
        switch code {
        case .dpopProofMissing: "The DPoP proof is missing"
        case .dpopRequestMismatch: "The DPoP proof is for another request"
        case .dpopStale: "The DPoP proof is too old or not valid yet"
        case .dpopReplayed: "The DPoP proof was used before"
        case .dpopNonceRequired: "A DPoP proof with the nonce of the DPoP-Nonce header is required"
        case .dpopTokenHashMismatch: "The DPoP proof is for another access token"
        case .algorithmNotAllowed, .unsupportedAlgorithm, .unsecuredToken: "The DPoP proof algorithm is not accepted"
        case .invalidSignature, .malformedSignature: "The DPoP proof signature is invalid"
        default: "The DPoP proof is invalid"
        }
    }

    /// The description of an `invalid_token` challenge for a verification failure.
    public static func invalidToken(_ code: JOSEError.Code) -> String {
        switch code {
        case .expired: "The access token expired"
        case .notYetValid, .issuedInFuture: "The access token is not valid yet"
        case .tooOld: "The access token is too old"
        case .invalidSignature, .malformedSignature: "The access token signature is invalid"
        case .noMatchingKey: "The access token was signed with an unknown key"
        case .issuerMismatch: "The access token issuer is not accepted"
        case .audienceMismatch: "The access token audience is not accepted"
        case .typeMismatch: "The access token type is not accepted"
        case .algorithmNotAllowed, .unsupportedAlgorithm, .unsecuredToken, .keyAlgorithmMismatch,
            .keyUsageNotPermitted:
            "The access token algorithm is not accepted"
        case .missingClaim, .invalidClaim: "The access token claims are invalid"
        case .dpopKeyBindingMismatch: "The access token is not bound to the DPoP proof key"
        case .certificateBindingMismatch: "The access token is not bound to the client certificate"
        case .tokenTooLarge: "The access token is too large"
        case .inactiveToken: "The access token is not active"
        case .decryptionFailed, .plaintextTooLarge, .decompressionFailed: "The access token could not be decrypted"
        case .encryptionRequired: "The access token must be encrypted"
        case .encryptedTokenNotSigned: "The encrypted access token is not signed"
        case .malformedToken, .invalidBase64URL, .invalidJSON, .duplicateJSONMember, .jsonTooDeep, .invalidHeader,
            .unsupportedCriticalHeader, .unsupportedUnencodedPayload, .invalidPayload:
            "The access token is malformed"
        default: "The access token is invalid"
        }
    }
}
