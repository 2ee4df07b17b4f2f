import JOSE

extension Message {
    /// The time claims of a JWT message (an ID token, a client authentication JWT, a logout token) through JOSE's
    /// one claim engine, with ``VerificationOptions/leeway`` at ``VerificationOptions/clock``: `exp` has not passed
    /// (and is present when `requireExpiration`), `nbf` has been reached, `iat` is not in the future and, with
    /// `maximumAge`, not older than that; then `exp` is not before `iat`.
    /// - Throws: `MessageError.Code.invalidTime` naming the claim; `MessageError.Code.missingRequiredParameter` for
    ///   an `exp` or `iat` the checks need and the message lacks.
    func checkTimeClaims(_ options: VerificationOptions, requireExpiration: Bool, maximumAge: Duration? = nil)
        throws(MessageError)
    {
        var times = JWTValidationOptions(
            issuers: .any, audiences: .any, leeway: options.leeway, requireExpiration: requireExpiration,
            maximumAge: maximumAge, clock: options.clock)
        times.rejectsFutureIssueTime = true
        do throws(JOSEError) {
            try times.validate(claims: JWTClaims(fields))
        } catch {
            switch error.code {
            case .expired: throw MessageError(.invalidTime, parameter: "exp", "The token has expired")
            case .notYetValid: throw MessageError(.invalidTime, parameter: "nbf", "The token is not valid yet")
            case .issuedInFuture:
                throw MessageError(.invalidTime, parameter: "iat", "The token is issued in the future")
            case .tooOld: throw MessageError(.invalidTime, parameter: "iat", "The token was issued too long ago")
            case .missingClaim:
                let name = values["exp"] == nil && requireExpiration ? "exp" : "iat"
                throw MessageError(.missingRequiredParameter, parameter: name, "A required parameter is missing")
            default: throw MessageError(.invalidTime, parameter: nil, "The token's time claims are invalid")
            }
        }
        if let issuedAt = integer("iat"), let expiration = integer("exp"), expiration < issuedAt {
            throw MessageError(.invalidTime, parameter: "exp", "The token expires before it was issued")
        }
    }

    /// `iss` equals `expected` byte for byte.
    /// - Throws: `MessageError.Code.mismatch` naming `iss`.
    func checkIssuer(_ expected: String) throws(MessageError) {
        guard string("iss")?.hasSameBytes(as: expected) == true else {
            throw MessageError(.mismatch, parameter: "iss", "The issuer is not the expected one")
        }
    }

    /// `aud` (one string or a list) names `expected`, byte for byte.
    /// - Throws: `MessageError.Code.mismatch` naming `aud`.
    func checkAudience(names expected: String) throws(MessageError) {
        guard (strings("aud") ?? []).containsExactly(expected) else {
            throw MessageError(.mismatch, parameter: "aud", "The token is not addressed to this recipient")
        }
    }
}
