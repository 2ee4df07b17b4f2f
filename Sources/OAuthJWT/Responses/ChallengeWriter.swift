import HTTPTypes
import JOSE

/// Writes the responses of RFC 6750 §3, with the realm and scopes escaped once, when the authenticator is made.
struct ChallengeWriter: Sendable {
    /// `Bearer realm="…"` or `Bearer`.
    let plainChallenge: String
    /// `Bearer realm="…", ` or `Bearer `: what comes before the error parameters.
    private let prefix: String
    /// `, scope="…"`, or empty when no scope is required.
    private let scopeParameter: String
    /// The `Retry-After` value: whole seconds, rounded up (RFC 9110 §10.2.3 has no fractions).
    private let retryAfter: String

    init(realm: String?, scopes: ScopeRequirement, retryAfter: Duration) {
        if let realm {
            let quoted = "realm=\"\(TokenSyntax.quotedStringContent(realm))\""
            plainChallenge = "Bearer \(quoted)"
            prefix = "Bearer \(quoted), "
        } else {
            plainChallenge = "Bearer"
            prefix = "Bearer "
        }
        let needed = scopes.challengeScopes
        scopeParameter =
            needed.isEmpty ? "" : ", scope=\"\(TokenSyntax.quotedStringContent(needed.joined(separator: " ")))\""
        self.retryAfter = String(Int64(min(retryAfter.inSeconds.rounded(.up), 1e15)))
    }

    func rejection(_ reason: BearerRejection.Reason) -> BearerRejection {
        switch reason {
        case .missingToken:
            return challenge(reason, status: .unauthorized, header: plainChallenge, error: "unauthorized", nil)
        case .invalidRequest:
            return rejection(reason, status: .badRequest, error: "invalid_request", ErrorDescription.malformedRequest)
        case .invalidToken(let code):
            return rejection(
                reason, status: .unauthorized, error: "invalid_token", ErrorDescription.invalidToken(code))
        case .insufficientScope:
            return rejection(
                reason, status: .forbidden, error: "insufficient_scope", ErrorDescription.insufficientScope,
                scope: scopeParameter)
        case .claimRuleFailed:
            return rejection(
                reason, status: .forbidden, error: "insufficient_scope", ErrorDescription.claimRuleFailed)
        case .keySourceUnavailable:
            var fields = HTTPFields()
            fields[.retryAfter] = retryAfter
            fields[.contentType] = "application/json"
            return BearerRejection(
                reason: reason, response: HTTPResponse(status: .serviceUnavailable, headerFields: fields),
                body: Self.body(
                    error: "temporarily_unavailable",
                    description: "The service cannot check access tokens right now, try again later"))
        }
    }

    /// The 400 answer for more than one token: same as `rejection(_:)` for `.invalidRequest`, another description.
    func severalTokens() -> BearerRejection {
        rejection(.invalidRequest, status: .badRequest, error: "invalid_request", ErrorDescription.severalTokens)
    }

    private func rejection(
        _ reason: BearerRejection.Reason, status: HTTPResponse.Status, error: String, _ description: String,
        scope: String = ""
    ) -> BearerRejection {
        let header = "\(prefix)error=\"\(error)\", error_description=\"\(description)\"\(scope)"
        return challenge(reason, status: status, header: header, error: error, description)
    }

    private func challenge(
        _ reason: BearerRejection.Reason, status: HTTPResponse.Status, header: String, error: String,
        _ description: String?
    ) -> BearerRejection {
        var fields = HTTPFields()
        fields[.wwwAuthenticate] = header
        fields[.contentType] = "application/json"
        return BearerRejection(
            reason: reason, response: HTTPResponse(status: status, headerFields: fields),
            body: Self.body(error: error, description: description))
    }

    /// `{"error":"…","error_description":"…"}`. Both are fixed texts without quotes or backslashes.
    private static func body(error: String, description: String?) -> String {
        guard let description else { return "{\"error\":\"\(error)\"}" }
        return "{\"error\":\"\(error)\",\"error_description\":\"\(description)\"}"
    }
}
