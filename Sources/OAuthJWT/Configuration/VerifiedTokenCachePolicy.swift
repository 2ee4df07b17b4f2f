/// Whether and how ``BearerTokenAuthenticator`` remembers tokens it has verified.
///
/// A cached verification spares the signature check when the same token comes again. It is keyed by the whole
/// token; an entry never outlives the token's `exp` or the policy's lifetime, the time claims are checked again on
/// every hit, and the entry is dropped as soon as the key source no longer serves the key that verified it.
public struct VerifiedTokenCachePolicy: Sendable, Hashable {
    enum Mode: Sendable, Hashable {
        case disabled
        case enabled(maximumEntries: Int, lifetime: Duration)
    }

    let mode: Mode

    /// No cache: every request verifies its token's signature.
    public static let disabled = VerifiedTokenCachePolicy(mode: .disabled)

    /// A cache of at most `maximumEntries` tokens, each kept at most `lifetime` (and never past its `exp`).
    /// The least recently used entries are evicted first.
    public static func enabled(maximumEntries: Int = 1024, lifetime: Duration = .seconds(300))
        -> VerifiedTokenCachePolicy
    {
        VerifiedTokenCachePolicy(mode: .enabled(maximumEntries: maximumEntries, lifetime: lifetime))
    }

    /// Whether the cache is on.
    public var isEnabled: Bool { mode != .disabled }
}
