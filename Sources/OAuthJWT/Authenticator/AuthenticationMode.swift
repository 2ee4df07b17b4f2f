/// Whether a framework adapter's authenticator requires a bearer token, or lets requests without one continue
/// unauthenticated (for routes that also serve anonymous users, or for chaining several authenticators).
///
/// A token that is sent but fails is rejected in both modes: an optional authenticator never ignores a bad token.
public struct AuthenticationMode: Sendable, Hashable {
    private let requiresToken: Bool

    /// A request without a bearer token gets 401, unless an authenticator earlier in the chain already
    /// authenticated it.
    public static let required = AuthenticationMode(requiresToken: true)
    /// A request without a bearer token continues unauthenticated.
    public static let optional = AuthenticationMode(requiresToken: false)

    /// Whether a request whose rejection is `rejection` continues instead: only a request without a bearer token,
    /// and only in ``optional`` mode or when `alreadyAuthenticated` by another authenticator.
    public func lets(_ rejection: BearerRejection, continueWhenAlreadyAuthenticated alreadyAuthenticated: Bool) -> Bool
    {
        rejection.reason == .missingToken && (!requiresToken || alreadyAuthenticated)
    }
}
