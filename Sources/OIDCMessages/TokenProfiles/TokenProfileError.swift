public import JOSE

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

    /// A stable identifier of a kind of failure; compared by its `ErrorCode.rawValue`.
    public typealias Code = ErrorCode<TokenProfileError>

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

extension ErrorCode where Domain == TokenProfileError {
    /// A sign option or the payload is invalid (`"expiresIn" should be ...`, `Bad "options.audience" ...`).
    public static let invalidOption = Self("invalid_option")
    /// A required claim of the profile is missing.
    public static let missingClaim = Self("missing_claim")
    /// `none` was asked for without the explicit opt-in.
    public static let unsecuredNotAllowed = Self("unsecured_not_allowed")
    /// Signing failed (for example the key cannot sign the algorithm).
    public static let signingFailed = Self("signing_failed")
    /// `jwt must be provided`, `jwt malformed`, `invalid token`.
    public static let malformed = Self("malformed")
    /// `jwt signature is required` or `secret or public key must be provided`.
    public static let keyOrSignatureMissing = Self("key_or_signature_missing")
    /// `error in secret or public key callback: ...`: the key source failed or had no key.
    public static let keyResolution = Self("key_resolution")
    /// `invalid algorithm`.
    public static let invalidAlgorithm = Self("invalid_algorithm")
    /// `invalid signature`.
    public static let invalidSignature = Self("invalid_signature")
    /// `invalid nbf value`, `invalid exp value`, `iat required when maxAge is specified`.
    public static let invalidClaim = Self("invalid_claim")
    /// `jwt not active`.
    public static let notActive = Self("not_active")
    /// `jwt expired`.
    public static let expired = Self("expired")
    /// `jwt audience invalid. expected: ...`.
    public static let audienceInvalid = Self("audience_invalid")
    /// `jwt issuer invalid. expected: ...`.
    public static let issuerInvalid = Self("issuer_invalid")
    /// `jwt subject invalid. expected: ...`.
    public static let subjectInvalid = Self("subject_invalid")
    /// `jwt jwtid invalid. expected: ...`.
    public static let jwtidInvalid = Self("jwtid_invalid")
    /// `maxAge exceeded`.
    public static let maxAgeExceeded = Self("max_age_exceeded")
}
