public import JOSE

/// The one error type of the message layer: a stable `Code`, the name of the offending parameter, and a short
/// fixed explanation.
///
/// Neither `message` nor `description` ever contains a parameter's value, a token or key material, so an
/// error can be logged or returned to a client as it is. Python's `NotAllowedValue(value)` carried the value; this
/// type deliberately does not.
public struct MessageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable identifier of a kind of failure; compared by its `ErrorCode.rawValue`.
    public typealias Code = ErrorCode<MessageError>

    /// What went wrong.
    public let code: Code
    /// The parameter (or claim) at fault, when there is one.
    public let parameter: String?
    /// A short, fixed explanation without any value from the input.
    public let message: String
    /// For `Code.invalidJWT`: the JOSE failure underneath (its message is also free of token content).
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

extension ErrorCode where Domain == MessageError {
    /// A required parameter is absent or empty (Python `MissingRequiredAttribute`).
    public static let missingRequiredParameter = Self("missing_required_parameter")
    /// A value is not one of the parameter's allowed values (Python `NotAllowedValue`).
    public static let valueNotAllowed = Self("value_not_allowed")
    /// A value has the wrong JSON type for its declared parameter type (Python `ValueError`/`DecodeError`).
    public static let wrongType = Self("wrong_type")
    /// A single-valued declared parameter occurs more than once in a form (Python `TooManyValues`).
    public static let tooManyValues = Self("too_many_values")
    /// The input is not valid JSON, not a valid form encoding, or not a JSON object (Python `FormatError`).
    public static let malformedInput = Self("malformed_input")
    /// A cross-parameter rule failed (Python `VerificationError`, `MissingRequiredValue`, `InvalidRequest`...).
    public static let invalidValue = Self("invalid_value")
    /// A value disagrees with what the caller expected (issuer, client ID, nonce, audience).
    public static let mismatch = Self("mismatch")
    /// A time claim says the token is expired or issued at an impossible time.
    public static let invalidTime = Self("invalid_time")
    /// An embedded or whole-message JWT could not be verified (signature, key, algorithm).
    public static let invalidJWT = Self("invalid_jwt")
    /// An embedded JWT is unsecured (`alg: none`) and the caller did not allow that.
    public static let unsecuredJWT = Self("unsecured_jwt")
    /// An encrypted message or JWT (JWE) could not be decrypted, or could not be made.
    public static let invalidJWE = Self("invalid_jwe")
    /// A check needs an option the caller did not give (for example the client ID to check an ID token's
    /// audience against).
    public static let missingOption = Self("missing_option")
    /// No key was available to check an embedded JWT.
    public static let missingKey = Self("missing_key")
    /// The `at_hash` or `c_hash` of an ID token does not match the access token or code.
    public static let hashMismatch = Self("hash_mismatch")
}
