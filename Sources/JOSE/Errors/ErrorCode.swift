/// The stable code of an error of this package, one type for every error: `Domain` is the error type the code
/// belongs to (``JOSEError``, `MessageError`, `BearerConfigurationError`, …), so codes of different errors never mix.
///
/// Codes compare by their `rawValue`, a `snake_case` text that never changes once released. The codes are
/// `static let`s, not enum cases, so a new code is not a breaking change for anyone's `switch`.
public struct ErrorCode<Domain>: Sendable, Hashable, CustomStringConvertible {
    /// The stable `snake_case` text of the code.
    public let rawValue: String

    /// Declares a code; only this package declares codes.
    package init(_ rawValue: String) { self.rawValue = rawValue }

    /// The text form.
    public var description: String { rawValue }
}
