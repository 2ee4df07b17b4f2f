public import JOSE

extension TokenProfile {
    /// Verifies a token of this profile and returns its claims (node-jsonwebtoken v8 `verify`, §3.4 of the
    /// reference, rather than the broken port).
    ///
    /// Checks in order, each failing with the node-jsonwebtoken message: `jwt must be provided`; `jwt malformed`
    /// (not three parts); `jwt signature is required` (no signature but a key) or `secret or public key must be
    /// provided` (a signature but ``TokenVerificationKey/none``); `invalid token` (bad base64url, JSON or header,
    /// payload not an object); `invalid algorithm` (not in ``TokenVerifyOptions/algorithms``, whose default is the
    /// algorithms the key supports, or `["none"]` for an unsigned token); for `none`,
    /// `Cannot use none algorithm unless explicitly set` without ``TokenVerifyOptions/allowUnsecured``;
    /// `error in secret or public key callback: …` when the key source fails; `invalid signature`; the profile's
    /// required claims (`jwt missing required claim: iss`); `invalid nbf value` / `jwt not active`
    /// (`NotBeforeError`); `invalid exp value` / `jwt expired` (`TokenExpiredError`); `jwt audience invalid.
    /// expected: a or b`; `jwt issuer invalid. expected: a,b`; `jwt subject invalid. expected: …`; `jwt jwtid
    /// invalid. expected: …`; `iat required when maxAge is specified`, a bad span, `maxAge exceeded`
    /// (`TokenExpiredError`). ``TokenVerifyOptions/clockTolerance`` applies to `nbf`, `exp` and `maxAge`.
    public func fromJWT(
        _ token: String, key: TokenVerificationKey, options: TokenVerifyOptions = TokenVerifyOptions()
    ) async throws(TokenProfileError) -> JWTClaims {
        func fail(_ code: TokenProfileError.Code, _ message: String) -> TokenProfileError {
            TokenProfileError(code, message)
        }
        guard !token.isEmpty else { throw fail(.malformed, "jwt must be provided") }
        // node-jsonwebtoken reports the shape and a missing signature or key before anything is decoded; counting the
        // dots is enough for that, and the token is then decoded once, by JOSE.
        guard token.utf8.count(where: { $0 == UInt8(ascii: ".") }) == 2 else { throw fail(.malformed, "jwt malformed") }
        let unsigned = token.utf8.last == UInt8(ascii: ".")
        let hasKey: Bool
        if case .none = key { hasKey = false } else { hasKey = true }
        if unsigned, hasKey { throw fail(.keyOrSignatureMissing, "jwt signature is required") }
        if !unsigned, !hasKey { throw fail(.keyOrSignatureMissing, "secret or public key must be provided") }

        let parts: JWSParts
        let claims: JWTClaims
        do throws(JOSEError) {
            parts = try JWSParts(splitting: token)
            claims = try JWTClaims(json: parts.payload)
        } catch {
            throw fail(.malformed, "invalid token")
        }
        guard let algorithm = parts.algorithm else { throw fail(.malformed, "invalid token") }

        let allowed: [String]
        if let algorithms = options.algorithms {
            allowed = algorithms
        } else if unsigned {
            allowed = ["none"]
        } else {
            switch key {
            case .key(let verifier): allowed = JWSAlgorithm.allCases.filter(verifier.supports).map(\.rawValue)
            case .insecureShortHMACSecret: allowed = ["HS256", "HS384", "HS512"]
            case .keySource, .none: allowed = JWSAlgorithm.allCases.map(\.rawValue)
            }
        }
        guard allowed.contains(algorithm) else { throw fail(.invalidAlgorithm, "invalid algorithm") }

        if parts.isUnsecured {
            guard options.allowUnsecured else {
                throw fail(.unsecuredNotAllowed, "Cannot use none algorithm unless explicitly set")
            }
            do throws(JOSEError) { _ = try parts.unsecuredPayload() } catch {
                throw fail(.malformed, "invalid token")
            }
        } else {
            try await verifySignature(parts, key: key)
        }

        try checkClaims(claims, options: options)
        return claims
    }

    /// Verifies the signature of the parts parsed once by `fromJWT(_:key:options:)`.
    private func verifySignature(_ parts: JWSParts, key: TokenVerificationKey) async throws(TokenProfileError) {
        let jws: CompactJWS
        do throws(JOSEError) {
            jws = try CompactJWS(parts: parts)
        } catch {
            throw TokenProfileError(.malformed, "invalid token")
        }
        let keys: [JWSKey]
        switch key {
        case .none:
            throw TokenProfileError(.keyOrSignatureMissing, "secret or public key must be provided")
        case .insecureShortHMACSecret(let secret):
            do throws(JOSEError) {
                try InsecureShortHMAC(secret: secret).verify(
                    signature: jws.signature, for: jws.signingInput, algorithm: jws.header.algorithm)
                return
            } catch {
                throw TokenProfileError(.invalidSignature, "invalid signature")
            }
        case .key(let single):
            keys = [single]
        case .keySource(let source):
            do throws(JOSEError) {
                keys = try await source.keys(for: UnverifiedJWT(jws: jws))
            } catch {
                throw TokenProfileError(.keyResolution, "error in secret or public key callback: \(error.message)")
            }
        }
        do throws(JOSEError) {
            _ = try jws.verify(using: keys)
        } catch {
            throw TokenProfileError(.invalidSignature, "invalid signature")
        }
    }

    private func checkClaims(_ claims: JWTClaims, options: TokenVerifyOptions) throws(TokenProfileError) {
        for name in requiredClaims where claims[name] == nil {
            throw TokenProfileError(.missingClaim, "jwt missing required claim: \(name)")
        }
        let now = options.clock.wholeSeconds
        let tolerance = options.clockTolerance.inSeconds
        let nowValue = Double(now)
        if let nbf = claims["nbf"], !options.ignoreNotBefore {
            guard let value = JWTValidationOptions.numericDate(nbf) else {
                throw TokenProfileError(.invalidClaim, "invalid nbf value")
            }
            if value > nowValue + tolerance {
                throw TokenProfileError(.notActive, "jwt not active", name: .notBeforeError)
            }
        }
        if let exp = claims["exp"], !options.ignoreExpiration {
            guard let value = JWTValidationOptions.numericDate(exp) else {
                throw TokenProfileError(.invalidClaim, "invalid exp value")
            }
            if nowValue >= value + tolerance {
                throw TokenProfileError(.expired, "jwt expired", name: .tokenExpiredError)
            }
        }
        if let audience = options.audience {
            let tokenAudiences: [String]
            switch claims["aud"] {
            case .string(let single): tokenAudiences = [single]
            case .array(let values): tokenAudiences = values.compactMap(\.stringValue)
            default: tokenAudiences = []
            }
            let matched = tokenAudiences.contains { aud in audience.contains { $0.matches(aud) } }
            guard matched else {
                throw TokenProfileError(
                    .audienceInvalid,
                    "jwt audience invalid. expected: " + audience.map(\.text).joined(separator: " or "))
            }
        }
        if let issuers = options.issuer {
            guard let iss = claims["iss"]?.stringValue, issuers.containsExactly(iss) else {
                throw TokenProfileError(
                    .issuerInvalid, "jwt issuer invalid. expected: " + issuers.joined(separator: ","))
            }
        }
        if let subject = options.subject, claims["sub"]?.stringValue?.hasSameBytes(as: subject) != true {
            throw TokenProfileError(.subjectInvalid, "jwt subject invalid. expected: " + subject)
        }
        if let jwtid = options.jwtid, claims["jti"]?.stringValue?.hasSameBytes(as: jwtid) != true {
            throw TokenProfileError(.jwtidInvalid, "jwt jwtid invalid. expected: " + jwtid)
        }
        if let maxAge = options.maxAge {
            guard let iatValue = claims["iat"] else {
                throw TokenProfileError(.invalidClaim, "iat required when maxAge is specified")
            }
            guard let iat = JWTValidationOptions.numericDate(iatValue) else {
                throw TokenProfileError(.invalidClaim, "invalid iat value")
            }
            guard let limit = maxAge.added(to: Int64(iat.rounded(.down))) else {
                throw TokenProfileError(
                    .invalidOption,
                    "\"maxAge\" should be a number of seconds or string representing a timespan eg: \"1d\", \"20h\", 60"
                )
            }
            if nowValue >= Double(limit) + tolerance {
                throw TokenProfileError(.maxAgeExceeded, "maxAge exceeded", name: .tokenExpiredError)
            }
        }
    }
}
