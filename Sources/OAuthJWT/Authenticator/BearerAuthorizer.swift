import JOSE

/// An ``AccessRequirement`` prepared against one ``BearerTokenAuthenticator``: it checks tokens that the
/// authenticator already verified and answers failures with the authenticator's realm.
///
/// Make one per route (or route group) at start-up with ``BearerTokenAuthenticator/authorizer(for:)``; the
/// framework adapters wrap it in a route middleware.
///
/// ```swift
/// switch readOrders.authorize(token) {
/// case .authorized: serve()
/// case .rejected(let rejection): send(rejection.response, rejection.body)
/// }
/// ```
public struct BearerAuthorizer: Sendable {
    /// The requirement this authorizer checks.
    public let requirement: AccessRequirement
    private let writer: ChallengeWriter
    /// Where a route-level decision is counted; `nil` when the decision is part of an authenticator's own.
    private let metrics: DecisionMetrics?

    init(requirement: AccessRequirement, writer: ChallengeWriter, metrics: DecisionMetrics?) {
        self.requirement = requirement
        self.writer = writer
        self.metrics = metrics
    }

    /// Checks an accepted access token: ``BearerAuthenticationResult/authorized(_:)`` with the token when it meets the
    /// requirement, else the 403 `insufficient_scope` rejection (with the `scope` parameter for missing scopes).
    public func authorize(_ token: AccessToken) -> BearerAuthenticationResult {
        authorize(token, scheme: nil)
    }

    /// The same, answering a refusal in the challenge of the scheme the token came with, when known.
    func authorize(_ token: AccessToken, scheme: ChallengeWriter.Scheme?) -> BearerAuthenticationResult {
        let result: BearerAuthenticationResult =
            if let failure = requirement.failure(for: token) {
                .rejected(writer.rejection(failure, scheme: scheme))
            } else { .authorized(token) }
        metrics?.record(result)
        return result
    }

    /// The answer for a request that reached a protected route with no verified token at all: 401 with the plain
    /// `Bearer` challenge.
    public var unauthenticated: BearerRejection { writer.rejection(.missingToken) }
}
