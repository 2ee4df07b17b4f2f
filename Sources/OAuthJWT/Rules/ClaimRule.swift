public import JOSE

/// A requirement on one claim of a verified token.
///
/// ```swift
/// let rules: [ClaimRule] = [.present("sub"), .equals("myClaim", "someRequiredValue")]
/// ```
///
/// A rule with a `value` is met when the claim equals it as JSON (numbers by value, objects by members) or, for
/// an array claim, when the array contains it: `.equals("roles", "admin")` accepts `"roles": ["user", "admin"]`.
public struct ClaimRule: Sendable, Hashable, CustomStringConvertible {
    /// The claim's name.
    public let name: String
    /// The value the claim must have or contain, or `nil` when the claim only has to be present.
    public let value: JSONValue?

    /// A rule that the claim `name` is present (any value, `null` included).
    public static func present(_ name: String) -> ClaimRule { ClaimRule(name: name, value: nil) }

    /// A rule that the claim `name` equals `value` as JSON, or is an array containing `value`.
    public static func equals(_ name: String, _ value: JSONValue) -> ClaimRule { ClaimRule(name: name, value: value) }

    /// Whether `claims` meet this rule.
    public func isSatisfied(by claims: JWTClaims) -> Bool {
        guard let actual = claims[name] else { return false }
        guard let value else { return true }
        if actual == value { return true }
        if case .array(let elements) = actual { return elements.contains(value) }
        return false
    }

    /// The rule as text, for diagnostics: the claim name and whether a value is required (never the value).
    public var description: String { value == nil ? "present(\(name))" : "equals(\(name))" }
}
