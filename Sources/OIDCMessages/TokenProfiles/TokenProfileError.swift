/// An error of ``TokenProfile/toJWT(_:key:options:)`` or ``TokenProfile/fromJWT(_:key:options:)``, carrying the
/// node-jsonwebtoken v8 message (`jwt malformed`, `invalid signature`, `jwt expired`, ...) and error name.
///
/// Messages may quote what the *caller* configured (for example the expected audience) but never a token's
/// content or key material.
public struct TokenProfileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The node-jsonwebtoken error class.
    public enum Name: String, Sendable, Hashable {
        /// `JsonWebTokenError`: every failure without a more specific class.
        case jsonWebTokenError = "JsonWebTokenError"
        /// `TokenExpiredError`: `jwt expired` and `maxAge exceeded`.
        case tokenExpiredError = "TokenExpiredError"
        /// `NotBeforeError`: `jwt not active`.
        case notBeforeError = "NotBeforeError"
    }

    /// A stable identifier of a kind of failure.
    public enum Code: String, Sendable, Hashable {
        /// A sign option or the payload is invalid (`"expiresIn" should be ...`, `Bad "options.audience" ...`).
        case invalidOption = "invalid_option"
        /// A required claim of the profile is missing.
        case missingClaim = "missing_claim"
        /// `none` was asked for without the explicit opt-in.
        case unsecuredNotAllowed = "unsecured_not_allowed"
        /// Signing failed (for example the key cannot sign the algorithm).
        case signingFailed = "signing_failed"
        /// `jwt must be provided`, `jwt malformed`, `invalid token`.
        case malformed = "malformed"
        /// `jwt signature is required` or `secret or public key must be provided`.
        case keyOrSignatureMissing = "key_or_signature_missing"
        /// `error in secret or public key callback: ...`: the key source failed or had no key.
        case keyResolution = "key_resolution"
        /// `invalid algorithm`.
        case invalidAlgorithm = "invalid_algorithm"
        /// `invalid signature`.
        case invalidSignature = "invalid_signature"
        /// `invalid nbf value`, `invalid exp value`, `iat required when maxAge is specified`.
        case invalidClaim = "invalid_claim"
        /// `jwt not active`.
        case notActive = "not_active"
        /// `jwt expired`.
        case expired = "expired"
        /// `jwt audience invalid. expected: ...`.
        case audienceInvalid = "audience_invalid"
        /// `jwt issuer invalid. expected: ...`.
        case issuerInvalid = "issuer_invalid"
        /// `jwt subject invalid. expected: ...`.
        case subjectInvalid = "subject_invalid"
        /// `jwt jwtid invalid. expected: ...`.
        case jwtidInvalid = "jwtid_invalid"
        /// `maxAge exceeded`.
        case maxAgeExceeded = "max_age_exceeded"
    }

    /// The node-jsonwebtoken error class.
    public let name: Name
    /// The stable code.
    public let code: Code
    /// The node-jsonwebtoken message.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String, name: Name = .jsonWebTokenError) {
        self.code = code
        self.message = message
        self.name = name
    }

    /// `Name: message`.
    public var description: String { "\(name.rawValue): \(message)" }
}
