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

    /// A stable identifier of a kind of failure; compared by its ``rawValue``. New codes can be added without breaking
    /// anyone's `switch`.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        /// The stable `snake_case` text of the code.
        public let rawValue: String

        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// The text form.
        public var description: String { rawValue }

        /// A sign option or the payload is invalid (`"expiresIn" should be ...`, `Bad "options.audience" ...`).
        public static let invalidOption = Code("invalid_option")
        /// A required claim of the profile is missing.
        public static let missingClaim = Code("missing_claim")
        /// `none` was asked for without the explicit opt-in.
        public static let unsecuredNotAllowed = Code("unsecured_not_allowed")
        /// Signing failed (for example the key cannot sign the algorithm).
        public static let signingFailed = Code("signing_failed")
        /// `jwt must be provided`, `jwt malformed`, `invalid token`.
        public static let malformed = Code("malformed")
        /// `jwt signature is required` or `secret or public key must be provided`.
        public static let keyOrSignatureMissing = Code("key_or_signature_missing")
        /// `error in secret or public key callback: ...`: the key source failed or had no key.
        public static let keyResolution = Code("key_resolution")
        /// `invalid algorithm`.
        public static let invalidAlgorithm = Code("invalid_algorithm")
        /// `invalid signature`.
        public static let invalidSignature = Code("invalid_signature")
        /// `invalid nbf value`, `invalid exp value`, `iat required when maxAge is specified`.
        public static let invalidClaim = Code("invalid_claim")
        /// `jwt not active`.
        public static let notActive = Code("not_active")
        /// `jwt expired`.
        public static let expired = Code("expired")
        /// `jwt audience invalid. expected: ...`.
        public static let audienceInvalid = Code("audience_invalid")
        /// `jwt issuer invalid. expected: ...`.
        public static let issuerInvalid = Code("issuer_invalid")
        /// `jwt subject invalid. expected: ...`.
        public static let subjectInvalid = Code("subject_invalid")
        /// `jwt jwtid invalid. expected: ...`.
        public static let jwtidInvalid = Code("jwtid_invalid")
        /// `maxAge exceeded`.
        public static let maxAgeExceeded = Code("max_age_exceeded")
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
