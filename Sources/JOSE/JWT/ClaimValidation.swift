extension JWTValidationOptions {
    /// Checks the header `typ` and the claims against these options.
    /// - Throws: the claim error codes of ``JOSEError/Code``.
    public func validate(header: JWSHeader, claims: JWTClaims) throws(JOSEError) {
        try validate(header: header, claims: claims, timeRules: ClaimTimeRules(self))
    }

    /// `validate(header:claims:)` with these options' time rules made beforehand.
    package func validate(header: JWSHeader, claims: JWTClaims, timeRules: ClaimTimeRules) throws(JOSEError) {
        if let type, !header.hasType(type) { throw JOSEError(.typeMismatch, "The token type is not accepted") }
        try validate(claims: claims, timeRules: timeRules)
    }

    /// `validate(header:claims:)` without the header's `typ`: the one claim engine, also for tokens whose header
    /// was checked elsewhere (OIDCMessages' ID tokens).
    package func validate(claims: JWTClaims) throws(JOSEError) {
        try validate(claims: claims, timeRules: ClaimTimeRules(self))
    }

    private func validate(claims: JWTClaims, timeRules: ClaimTimeRules) throws(JOSEError) {
        let registered = claims.registered
        let times = ClaimTimes(claims)
        let audienceArray = try Self.validateTypes(of: claims, times: times)
        if let violation = timeRules.violation(of: times, at: clock.secondsSinceEpoch) { throw violation }
        if let issuers = issuers.acceptedIssuers {
            guard registered.issuer != nil else { throw JOSEError(.missingClaim, "The token has no issuer") }
            guard claims.isString(registered.issuer, oneOf: issuers) else {
                throw JOSEError(.issuerMismatch, "The token's issuer is not accepted")
            }
        }
        if let audiences = audiences.acceptedAudiences {
            guard registered.audience != nil else { throw JOSEError(.missingClaim, "The token has no audience") }
            // An array was decoded once to check its type; a single string is compared on its bytes.
            let accepted =
                audienceArray.map { $0.contains(where: audiences.containsExactly) } ?? claims.hasAudience(in: audiences)
            guard accepted else {
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
    /// - Returns: the strings of `aud` when it is an array (decoded here to check them, so not decoded again).
    private static func validateTypes(of claims: JWTClaims, times: ClaimTimes) throws(JOSEError) -> [String]? {
        let registered = claims.registered
        func checkNumericDate(_ position: Int?, _ seconds: Double?) throws(JOSEError) {
            guard position != nil else { return }
            guard let seconds, numericDate(seconds: seconds) != nil else {
                throw JOSEError(.invalidClaim, "A time claim is not a valid NumericDate")
            }
        }
        try checkNumericDate(registered.expiration, times.expiration)
        try checkNumericDate(registered.notBefore, times.notBefore)
        try checkNumericDate(registered.issuedAt, times.issuedAt)
        func checkString(_ position: Int?) throws(JOSEError) {
            switch claims.kind(position) {
            case nil, .string, .escapedString: break
            default: throw JOSEError(.invalidClaim, "A registered claim is not a string")
            }
        }
        try checkString(registered.issuer)
        try checkString(registered.subject)
        try checkString(registered.jwtID)
        switch claims.kind(registered.audience) {
        case nil, .string, .escapedString:
            return nil
        case .array:
            let values = claims.value(registered.audience)?.arrayValue ?? []
            let strings = values.compactMap(\.stringValue)
            if strings.count == values.count { return strings }
        default:
            break
        }
        throw JOSEError(.invalidClaim, "The audience claim is not a string or an array of strings")
    }

    /// The seconds of a valid NumericDate (RFC 7519 §2: finite, from 1970 to the year 9999), or `nil`: the one
    /// NumericDate rule of the package (OIDCMessages' token profiles use it too).
    package static func numericDate(_ value: JSONValue) -> Double? {
        value.numberValue.flatMap { numericDate(seconds: $0.doubleValue) }
    }

    /// `seconds` when they are a valid NumericDate, or `nil`.
    private static func numericDate(seconds: Double) -> Double? {
        seconds.isFinite && (0...latestNumericDate).contains(seconds) ? seconds : nil
    }
}
