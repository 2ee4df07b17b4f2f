extension JWTValidationOptions {
    /// Checks the header `typ` and the claims against these options.
    /// - Throws: the claim error codes of ``JOSEError/Code``.
    public func validate(header: JWSHeader, claims: JWTClaims) throws(JOSEError) {
        if let type, !header.hasType(type) { throw JOSEError(.typeMismatch, "The token type is not accepted") }
        try validate(claims: claims)
    }

    /// `validate(header:claims:)` without the header's `typ`: the one claim engine, also for tokens whose header
    /// was checked elsewhere (OIDCMessages' ID tokens).
    package func validate(claims: JWTClaims) throws(JOSEError) {
        let registered = claims.registered
        try Self.validateTypes(registered)
        if let violation = ClaimTimeRules(self).violation(of: ClaimTimes(claims), at: clock.secondsSinceEpoch) {
            throw violation
        }
        if let issuers = issuers.acceptedIssuers {
            guard let issuer = claims.issuer else { throw JOSEError(.missingClaim, "The token has no issuer") }
            guard issuers.containsExactly(issuer) else {
                throw JOSEError(.issuerMismatch, "The token's issuer is not accepted")
            }
        }
        if let audiences = audiences.acceptedAudiences {
            guard registered.audience != nil else { throw JOSEError(.missingClaim, "The token has no audience") }
            guard claims.hasAudience(in: audiences) else {
                throw JOSEError(.audienceMismatch, "The token's audience is not accepted")
            }
        }
        for name in requiredClaims where claims[name] == nil {
            throw JOSEError(.missingClaim, "The token lacks a required claim")
        }
    }

    /// 9999-12-31T23:59:59Z.
    private static let latestNumericDate = 253_402_300_799.0

    /// Registered claims must have their RFC 7519 types whenever they are present.
    private static func validateTypes(_ claims: RegisteredClaims) throws(JOSEError) {
        try checkNumericDate(claims.expiration)
        try checkNumericDate(claims.notBefore)
        try checkNumericDate(claims.issuedAt)
        try checkString(claims.issuer)
        try checkString(claims.subject)
        try checkString(claims.jwtID)
        switch claims.audience {
        case nil, .string: break
        case .array(let values) where values.allSatisfy({ $0.stringValue != nil }): break
        default: throw JOSEError(.invalidClaim, "The audience claim is not a string or an array of strings")
        }
    }

    /// A NumericDate must be a finite number of seconds between 1970 and the year 9999: `1e400` (infinity) would
    /// make a token that never expires and breaks any arithmetic done with it later.
    private static func checkNumericDate(_ value: JSONValue?) throws(JOSEError) {
        guard let value else { return }
        guard numericDate(value) != nil else {
            throw JOSEError(.invalidClaim, "A time claim is not a valid NumericDate")
        }
    }

    /// The seconds of a valid NumericDate (RFC 7519 §2: finite, from 1970 to the year 9999), or `nil`: the one
    /// NumericDate rule of the package (OIDCMessages' token profiles use it too).
    package static func numericDate(_ value: JSONValue) -> Double? {
        guard let seconds = value.numberValue?.doubleValue, seconds.isFinite, (0...latestNumericDate).contains(seconds)
        else { return nil }
        return seconds
    }

    private static func checkString(_ value: JSONValue?) throws(JOSEError) {
        if let value, value.stringValue == nil { throw JOSEError(.invalidClaim, "A registered claim is not a string") }
    }
}
