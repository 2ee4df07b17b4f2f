public import JOSE

/// The one error type of the message layer: a stable ``Code``, the name of the offending parameter, and a short
/// fixed explanation.
///
/// Neither ``message`` nor ``description`` ever contains a parameter's value, a token or key material, so an
/// error can be logged or returned to a client as it is. Python's `NotAllowedValue(value)` carried the value; this
/// type deliberately does not.
public struct MessageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable identifier of a kind of failure.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        /// The stable `snake_case` text of the code.
        public let rawValue: String

        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// The text form.
        public var description: String { rawValue }

        /// A required parameter is absent or empty (Python `MissingRequiredAttribute`).
        public static let missingRequiredParameter = Code("missing_required_parameter")
        /// A value is not one of the parameter's allowed values (Python `NotAllowedValue`).
        public static let valueNotAllowed = Code("value_not_allowed")
        /// A value has the wrong JSON type for its declared parameter type (Python `ValueError`/`DecodeError`).
        public static let wrongType = Code("wrong_type")
        /// A single-valued declared parameter occurs more than once in a form (Python `TooManyValues`).
        public static let tooManyValues = Code("too_many_values")
        /// The input is not valid JSON, not a valid form encoding, or not a JSON object (Python `FormatError`).
        public static let malformedInput = Code("malformed_input")
        /// A cross-parameter rule failed (Python `VerificationError`, `MissingRequiredValue`, `InvalidRequest`...).
        public static let invalidValue = Code("invalid_value")
        /// A value disagrees with what the caller expected (issuer, client ID, nonce, audience).
        public static let mismatch = Code("mismatch")
        /// A time claim says the token is expired or issued at an impossible time.
        public static let invalidTime = Code("invalid_time")
        /// An embedded or whole-message JWT could not be verified (signature, key, algorithm).
        public static let invalidJWT = Code("invalid_jwt")
        /// An embedded JWT is unsecured (`alg: none`) and the caller did not allow that.
        public static let unsecuredJWT = Code("unsecured_jwt")
        /// A check needs an option the caller did not give (for example the client ID to check an ID token's
        /// audience against).
        public static let missingOption = Code("missing_option")
        /// No key was available to check an embedded JWT.
        public static let missingKey = Code("missing_key")
        /// The `at_hash` or `c_hash` of an ID token does not match the access token or code.
        public static let hashMismatch = Code("hash_mismatch")
    }

    /// What went wrong.
    public let code: Code
    /// The parameter (or claim) at fault, when there is one.
    public let parameter: String?
    /// A short, fixed explanation without any value from the input.
    public let message: String
    /// For ``Code/invalidJWT``: the JOSE failure underneath (its message is also free of token content).
    public let underlying: JOSEError?

    /// Creates an error.
    public init(_ code: Code, parameter: String? = nil, _ message: String, underlying: JOSEError? = nil) {
        self.code = code
        self.parameter = parameter
        self.message = message
        self.underlying = underlying
    }

    /// `code (parameter): message`.
    public var description: String {
        if let parameter { return "\(code.rawValue) (\(parameter)): \(message)" }
        return "\(code.rawValue): \(message)"
    }
}
