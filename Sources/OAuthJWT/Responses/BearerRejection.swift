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
    /// Why the request was turned away: a stable code, compared and hashed by value.
    ///
    /// A struct rather than an enum, so that new reasons can be added without breaking anyone's `switch`.
    public struct Reason: Sendable, Hashable, CustomStringConvertible {
        enum Kind: Sendable, Hashable {
            case missingToken
            case invalidRequest
            case invalidToken(JOSEError.Code)
            case invalidDPoPProof(JOSEError.Code)
            case insufficientScope
            case claimRuleFailed
            case keySourceUnavailable
            case introspectionUnavailable
        }

        let kind: Kind

        /// No token was sent (no `Authorization` header, or another scheme): 401 with a plain challenge.
        public static let missingToken = Reason(kind: .missingToken)
        /// The request was malformed: a credential that is not an RFC 6750 `b64token`, more than one token, or
        /// more than one `DPoP` proof: 400 `invalid_request`.
        public static let invalidRequest = Reason(kind: .invalidRequest)
        /// The token failed verification for the given reason (including a DPoP key binding that does not hold):
        /// 401 `invalid_token`.
        public static func invalidToken(_ code: JOSEError.Code) -> Reason { Reason(kind: .invalidToken(code)) }
        /// The DPoP proof failed for the given reason: 401 `invalid_dpop_proof` (RFC 9449 §7.1).
        public static func invalidDPoPProof(_ code: JOSEError.Code) -> Reason {
            Reason(kind: .invalidDPoPProof(code))
        }
        /// The token lacks a required scope: 403 `insufficient_scope` with the needed scopes.
        public static let insufficientScope = Reason(kind: .insufficientScope)
        /// A claim rule or the predicate failed: 403 `insufficient_scope`.
        public static let claimRuleFailed = Reason(kind: .claimRuleFailed)
        /// The key source could not provide keys: 503 with `Retry-After`, no challenge.
        public static let keySourceUnavailable = Reason(kind: .keySourceUnavailable)
        /// The introspection endpoint gave no answer about an opaque token: 503 with `Retry-After`, no challenge.
        public static let introspectionUnavailable = Reason(kind: .introspectionUnavailable)

        /// The JOSE error code behind an `invalid_token` or `invalid_dpop_proof` answer; `nil` for the others.
        public var detail: JOSEError.Code? {
            switch kind {
            case .invalidToken(let code), .invalidDPoPProof(let code): code
            default: nil
            }
        }

        /// A stable text for logs and metrics, such as `invalid_token(token_expired)`.
        public var description: String {
            switch kind {
            case .missingToken: "missing_token"
            case .invalidRequest: "invalid_request"
            case .invalidToken(let code): "invalid_token(\(code.rawValue))"
            case .invalidDPoPProof(let code): "invalid_dpop_proof(\(code.rawValue))"
            case .insufficientScope: "insufficient_scope"
            case .claimRuleFailed: "claim_rule_failed"
            case .keySourceUnavailable: "key_source_unavailable"
            case .introspectionUnavailable: "introspection_unavailable"
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
