/// The time claims of a token (`exp`, `nbf`, `iat`) as seconds since the epoch, picked out once so that a cache of
/// verified tokens can check them again on every use without touching the claims.
package struct ClaimTimes: Sendable {
    package var expiration: Double?
    package var notBefore: Double?
    package var issuedAt: Double?

    package init(_ claims: JWTClaims) {
        let registered = claims.registered
        expiration = claims.number(registered.expiration)
        notBefore = claims.number(registered.notBefore)
        issuedAt = claims.number(registered.issuedAt)
    }
}

/// The time rules of a ``JWTValidationOptions`` as plain numbers: the only claim checks whose answer changes while
/// the options and the claims stay the same. Holds no reference, so checking it shares nothing between threads.
package struct ClaimTimeRules: Sendable {
    private let leeway: Double
    private let requiresExpiration: Bool
    private let maximumAge: Double?
    private let checksIssueTime: Bool

    package init(_ options: JWTValidationOptions) {
        leeway = options.leeway.inSeconds
        requiresExpiration = options.requireExpiration
        maximumAge = options.maximumAge?.inSeconds
        checksIssueTime = options.maximumAge != nil || options.rejectsFutureIssueTime
    }

    /// The first time rule that `times` breaks at `now`, or `nil` when they hold; in the order
    /// `validate(claims:)` reports them.
    package func violation(of times: ClaimTimes, at now: Double) -> JOSEError? {
        if let expiration = times.expiration {
            guard now < expiration + leeway else { return JOSEError(.expired, "The token has expired") }
        } else if requiresExpiration {
            return JOSEError(.missingClaim, "The token has no expiration time")
        }
        if let notBefore = times.notBefore, now + leeway < notBefore {
            return JOSEError(.notYetValid, "The token is not valid yet")
        }
        if maximumAge != nil, times.issuedAt == nil { return JOSEError(.missingClaim, "The token has no issue time") }
        if let issuedAt = times.issuedAt, checksIssueTime, issuedAt > now + leeway {
            return JOSEError(.issuedInFuture, "The token's issue time is in the future")
        }
        if let maximumAge, let issuedAt = times.issuedAt, now - issuedAt > maximumAge + leeway {
            return JOSEError(.tooOld, "The token is too old")
        }
        return nil
    }
}
