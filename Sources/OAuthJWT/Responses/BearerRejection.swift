public import HTTPTypes
public import JOSE

/// A request that ``BearerTokenAuthenticator`` turned away, with the exact response to send.
///
/// The `response` carries the status and headers (one `WWW-Authenticate` field, or `Retry-After` for 503);
/// `body` is a small JSON document with the same error code and description. Neither ever contains token
/// content.
///
/// It is also an `Error`, so adapters can throw it to their framework's error handling (Hummingbird renders it as
/// this exact response); its `description` is the reason's stable text.
public struct BearerRejection: Error, Sendable, CustomStringConvertible {
    /// Why the request was turned away.
    public enum Reason: Sendable, Hashable, CustomStringConvertible {
        /// No bearer token was sent (no `Authorization` header, or another scheme): 401 with a plain challenge.
        case missingToken
        /// The request was malformed: a bearer credential that is not an RFC 6750 `b64token`, or more than one
        /// token: 400 `invalid_request`.
        case invalidRequest
        /// The token failed verification for the given reason: 401 `invalid_token`.
        case invalidToken(JOSEError.Code)
        /// The token lacks a required scope: 403 `insufficient_scope` with the needed scopes.
        case insufficientScope
        /// A claim rule or the predicate failed: 403 `insufficient_scope`.
        case claimRuleFailed
        /// The key source could not provide keys: 503 with `Retry-After`, no challenge.
        case keySourceUnavailable

        /// A stable text for logs and metrics, such as `invalid_token(token_expired)`.
        public var description: String {
            switch self {
            case .missingToken: "missing_token"
            case .invalidRequest: "invalid_request"
            case .invalidToken(let code): "invalid_token(\(code.rawValue))"
            case .insufficientScope: "insufficient_scope"
            case .claimRuleFailed: "claim_rule_failed"
            case .keySourceUnavailable: "key_source_unavailable"
            }
        }
    }

    /// Why the request was turned away.
    public let reason: Reason
    /// The status and header fields to answer with.
    public let response: HTTPResponse
    /// The JSON body to answer with (`Content-Type: application/json` is in `response`).
    public let body: String

    /// The reason's stable text, such as `invalid_token(token_expired)`.
    public var description: String { reason.description }
}
