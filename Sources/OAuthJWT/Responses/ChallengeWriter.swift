import HTTPTypes
import JOSE

/// Writes the responses of RFC 6750 §3 and RFC 9449 §7.1, with the realm, scopes and DPoP algorithms escaped once,
/// when the authenticator is made.
///
/// With DPoP off, every challenge is `Bearer`. With DPoP required, every challenge is `DPoP … algs="…"`. With both
/// accepted, the challenge of the scheme the request used comes first, with its error, and a plain challenge of the
/// other scheme beside it in the same field.
struct ChallengeWriter: Sendable {
    /// The scheme a request used.
    enum Scheme: Sendable {
        case bearer
        case dpop
    }

    /// `realm="…"`, or `nil` without a realm.
    private let realm: String?
    /// `scope="…"`, or `nil` when no scope is required.
    private let scope: String?
    /// `algs="…"`.
    private let algorithms: String
    private let mode: DPoPPolicy.Mode
    private let nonces: DPoPNonces?
    /// The `Retry-After` value: whole seconds, rounded up (RFC 9110 §10.2.3 has no fractions).
    private let retryAfter: String

    init(realm: String?, scopes: ScopeRequirement, retryAfter: Duration, dpop: DPoPPolicy = .disabled) {
        self.realm = realm.map { "realm=\"\(TokenSyntax.quotedStringContent($0))\"" }
        let needed = scopes.challengeScopes
        scope = needed.isEmpty ? nil : "scope=\"\(TokenSyntax.quotedStringContent(needed.joined(separator: " ")))\""
        algorithms = "algs=\"\(dpop.algorithmList)\""
        mode = dpop.mode
        nonces = dpop.nonces
        self.retryAfter = String(Int64(min(retryAfter.inSeconds.rounded(.up), 1e15)))
    }

    /// The answer for `reason` to a request that used `scheme`; without one, the scheme tokens are expected in
    /// (`DPoP` when it is required, `Bearer` otherwise).
    func rejection(_ reason: BearerRejection.Reason, scheme: Scheme? = nil) -> BearerRejection {
        let scheme = scheme ?? (mode == .required ? .dpop : .bearer)
        switch reason.kind {
        case .missingToken:
            return answer(reason, .unauthorized, header: header(scheme, error: nil), error: "unauthorized", nil)
        case .invalidRequest:
            return rejection(reason, scheme, .badRequest, "invalid_request", ErrorDescription.malformedRequest)
        case .invalidToken(let code):
            return rejection(reason, scheme, .unauthorized, "invalid_token", ErrorDescription.invalidToken(code))
        case .invalidDPoPProof(.dpopNonceRequired):
            // RFC 9449 §9: the error names the nonce, and DPoP-Nonce hands out a fresh one.
            let answer = rejection(
                reason, .dpop, .unauthorized, "use_dpop_nonce", ErrorDescription.invalidDPoPProof(.dpopNonceRequired))
            guard let nonces else { return answer }
            var response = answer.response
            response.headerFields[.dpopNonce] = nonces.current()
            return BearerRejection(reason: reason, response: response, body: answer.body)
        case .invalidDPoPProof(let code):
            return rejection(
                reason, .dpop, .unauthorized, "invalid_dpop_proof", ErrorDescription.invalidDPoPProof(code))
        case .insufficientScope:
            return rejection(
                reason, scheme, .forbidden, "insufficient_scope", ErrorDescription.insufficientScope, scope: scope)
        case .claimRuleFailed:
            return rejection(reason, scheme, .forbidden, "insufficient_scope", ErrorDescription.claimRuleFailed)
        case .keySourceUnavailable, .introspectionUnavailable:
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

    /// A 400 `invalid_request` with another description than the malformed-credential one (several tokens,
    /// several proofs, a `Bearer` token where DPoP is required).
    func invalidRequest(_ description: String, scheme: Scheme? = nil) -> BearerRejection {
        rejection(
            .invalidRequest, scheme ?? (mode == .required ? .dpop : .bearer), .badRequest, "invalid_request",
            description)
    }

    private func rejection(
        _ reason: BearerRejection.Reason, _ scheme: Scheme, _ status: HTTPResponse.Status, _ error: String,
        _ description: String, scope: String? = nil
    ) -> BearerRejection {
        var parameters = ["error=\"\(error)\"", "error_description=\"\(description)\""]
        if let scope { parameters.append(scope) }
        return answer(reason, status, header: header(scheme, error: parameters), error: error, description)
    }

    /// The `WWW-Authenticate` value: the used scheme's challenge (with `error` parameters, if any) first, then a
    /// plain challenge of the other scheme when both are accepted.
    private func header(_ scheme: Scheme, error parameters: [String]?) -> String {
        let scheme: Scheme = mode == .disabled ? .bearer : (mode == .required ? .dpop : scheme)
        var challenges = [challenge(scheme, parameters ?? [])]
        if mode == .allowed { challenges.append(challenge(scheme == .bearer ? .dpop : .bearer, [])) }
        return challenges.joined(separator: ", ")
    }

    private func challenge(_ scheme: Scheme, _ parameters: [String]) -> String {
        var all = realm.map { [$0] } ?? []
        all += parameters
        if scheme == .dpop { all.append(algorithms) }
        let name = scheme == .bearer ? "Bearer" : "DPoP"
        return all.isEmpty ? name : name + " " + all.joined(separator: ", ")
    }

    private func answer(
        _ reason: BearerRejection.Reason, _ status: HTTPResponse.Status, header: String, error: String,
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
