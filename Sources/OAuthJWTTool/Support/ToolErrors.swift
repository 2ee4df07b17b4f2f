import JOSE

/// The token was checked and rejected: exit code 1.
struct TokenRejection: Error {
    /// A stable error code: a ``JOSEError/Code`` raw value, or `insufficient_scope`.
    let code: String
    let message: String

    init(_ error: JOSEError) {
        code = error.code.rawValue
        message = error.message
    }

    init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}

/// Usage, I/O or key-source failure: exit code 2.
struct ToolFailure: Error {
    let message: String

    init(_ message: String) { self.message = message }

    init(_ context: String, _ error: JOSEError) {
        self.message = "\(context): \(error.code.rawValue): \(error.message)"
    }
}
