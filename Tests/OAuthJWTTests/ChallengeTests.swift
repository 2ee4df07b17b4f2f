import HTTPTypes
import JOSE
import OAuthJWT
import OAuthJWTTesting
import Testing

/// Every row of the RFC 6750 response table in `Documentation/Architecture.md` (OAuthJWT), byte for byte.
@Suite struct ChallengeTests {
    let issuer: TestIssuer
    let authenticator: BearerTokenAuthenticator

    init() throws {
        issuer = try TestIssuer(issuedAt: TestIssuer.start)
        authenticator = try BearerTokenAuthenticator(
            keys: StaticKeySource(key: try issuer.publicKey), configuration: .test())
    }

    func authenticate(_ fields: HTTPFields) async -> BearerAuthenticationResult {
        await authenticator.authenticate(headerFields: fields)
    }

    @Test func validTokenIsAuthorizedWithItsClaims() async throws {
        let result = await authenticate(HTTPFields.bearer(try issuer.token(["myClaim": "x"])))
        #expect(result.token?.claims.subject == "alice")
        #expect(result.token?.claims["myClaim"] == "x")
    }

    @Test func noTokenGetsPlainChallenge() async throws {
        let result = await authenticate(HTTPFields())
        #expect(result.status == .unauthorized)
        #expect(result.challenge == #"Bearer realm="api""#)
        #expect(result.rejection?.reason == .missingToken)
        #expect(result.rejection?.body == #"{"error":"unauthorized"}"#)
        #expect(result.rejection?.response.headerFields[.contentType] == "application/json")
    }

    @Test func noRealmMeansNoRealmParameter() async throws {
        var configuration = BearerTokenAuthenticator.Configuration.test()
        configuration.realm = nil
        let plain = try BearerTokenAuthenticator(
            keys: StaticKeySource(key: try issuer.publicKey), configuration: configuration)
        #expect(await plain.authenticate(headerFields: HTTPFields()).challenge == "Bearer")
        #expect(
            await plain.authenticate(headerFields: HTTPFields.bearer("abc")).challenge
                == #"Bearer error="invalid_token", error_description="The access token is malformed""#)
    }

    @Test func otherSchemeGetsPlainChallenge() async throws {
        let result = await authenticate(HTTPFields.bearer("dXNlcjpwYXNz", scheme: "Basic"))
        #expect(result.status == .unauthorized)
        #expect(result.challenge == #"Bearer realm="api""#)
    }

    @Test(arguments: ["bearer", "BEARER", "BeArEr"])
    func schemeIsCaseInsensitive(scheme: String) async throws {
        #expect(await authenticate(HTTPFields.bearer(try issuer.token(), scheme: scheme)).isAuthorized)
    }

    @Test func twoAuthorizationHeadersAreAnInvalidRequest() async throws {
        let token = try issuer.token()
        var fields = HTTPFields.bearer(token)
        fields.append(HTTPField(name: .authorization, value: "Bearer \(token)"))
        let result = await authenticate(fields)
        #expect(result.status == .badRequest)
        #expect(
            result.challenge
                == #"Bearer realm="api", error="invalid_request", error_description="Only one access token may be sent""#
        )
        #expect(
            result.rejection?.body
                == #"{"error":"invalid_request","error_description":"Only one access token may be sent"}"#)
    }

    @Test(arguments: ["Bearer", "Bearer ", "Bearer a b", "Bearer abc%", "Bearer a=b", "Bearer =abc", "Bearer ab\"c"])
    func malformedBearerCredentialIsAnInvalidRequest(value: String) async throws {
        var fields = HTTPFields()
        fields[.authorization] = value
        let result = await authenticate(fields)
        #expect(result.status == .badRequest)
        #expect(
            result.challenge
                == #"Bearer realm="api", error="invalid_request", error_description="The bearer token is malformed""#)
    }

    @Test func paddedB64TokenIsAcceptedSyntax() async throws {
        // `abc==` is a valid b64token; it then fails as a JWT, which is a 401, not a 400.
        let result = await authenticate(HTTPFields.bearer("abc=="))
        #expect(result.status == .unauthorized)
    }

    @Test func badSignatureIsAnInvalidToken() async throws {
        let forger = try TestIssuer(keyID: "k1", issuedAt: TestIssuer.start)  // same kid, other key
        let result = await authenticate(HTTPFields.bearer(try forger.token()))
        #expect(result.status == .unauthorized)
        #expect(
            result.challenge
                == #"Bearer realm="api", error="invalid_token", error_description="The access token signature is invalid""#
        )
        #expect(result.rejection?.reason == .invalidToken(.invalidSignature))
    }

    @Test func tamperedPayloadIsAnInvalidToken() async throws {
        let parts = try issuer.token().split(separator: ".")
        let otherPayload = try issuer.token(["sub": "mallory"]).split(separator: ".")[1]
        let result = await authenticate(HTTPFields.bearer("\(parts[0]).\(otherPayload).\(parts[2])"))
        #expect(result.rejection?.reason == .invalidToken(.invalidSignature))
    }

    @Test func expiredTokenIsAnInvalidToken() async throws {
        let result = await authenticate(
            HTTPFields.bearer(try issuer.token(now: TestIssuer.start.addingTimeInterval(-7200))))
        #expect(
            result.challenge
                == #"Bearer realm="api", error="invalid_token", error_description="The access token expired""#)
    }

    @Test func wrongIssuerAudienceAndTypeAreInvalidTokens() async throws {
        let wrongIssuer = await authenticate(HTTPFields.bearer(try issuer.token(["iss": "https://evil.test"])))
        #expect(
            wrongIssuer.challenge
                == #"Bearer realm="api", error="invalid_token", error_description="The access token issuer is not accepted""#
        )
        let wrongAudience = await authenticate(HTTPFields.bearer(try issuer.token(["aud": "api://other"])))
        #expect(
            wrongAudience.challenge
                == #"Bearer realm="api", error="invalid_token", error_description="The access token audience is not accepted""#
        )

        var configuration = BearerTokenAuthenticator.Configuration.test()
        configuration.validation.type = "at+jwt"
        let typed = try BearerTokenAuthenticator(
            keys: StaticKeySource(key: try issuer.publicKey), configuration: configuration)
        #expect(
            await typed.authenticate(headerFields: HTTPFields.bearer(try issuer.token(type: "at+jwt"))).isAuthorized)
        let wrongType = await typed.authenticate(headerFields: HTTPFields.bearer(try issuer.token(type: "JWT")))
        #expect(
            wrongType.challenge
                == #"Bearer realm="api", error="invalid_token", error_description="The access token type is not accepted""#
        )
    }

    @Test func unknownKeyIDIsAnInvalidToken() async throws {
        let other = try TestIssuer(keyID: "unknown", issuedAt: TestIssuer.start)
        let result = await authenticate(HTTPFields.bearer(try other.token()))
        #expect(
            result.challenge
                == #"Bearer realm="api", error="invalid_token", error_description="The access token was signed with an unknown key""#
        )
    }

    @Test func disallowedAlgorithmIsAnInvalidToken() async throws {
        let hmac = try JWSKey.generate(for: .hs256, keyID: "k1")
        let token = try JWTSigner.sign(JWTClaims(["iss": .string(TestIssuer.issuer)]), with: hmac)
        let result = await authenticate(HTTPFields.bearer(token))
        #expect(result.rejection?.reason == .invalidToken(.algorithmNotAllowed))
        #expect(result.status == .unauthorized)
    }

    @Test func notAJWTIsAnInvalidToken() async throws {
        let result = await authenticate(HTTPFields.bearer("abc.def.ghi"))
        #expect(result.status == .unauthorized)
        #expect(result.challenge?.hasPrefix(#"Bearer realm="api", error="invalid_token""#) == true)
    }

    @Test func keySourceUnavailableIs503WithoutChallenge() async throws {
        let down = try BearerTokenAuthenticator(keys: UnavailableResolver(), configuration: .test())
        let result = await down.authenticate(headerFields: HTTPFields.bearer(try issuer.token()))
        #expect(result.status == .serviceUnavailable)
        #expect(result.rejection?.response.headerFields[values: .wwwAuthenticate] == [])
        #expect(result.rejection?.response.headerFields[.retryAfter] == "30")
        #expect(result.rejection?.reason == .keySourceUnavailable)
        #expect(result.rejection?.body.contains("temporarily_unavailable") == true)
    }

    @Test func retryAfterIsConfigurable() async throws {
        var configuration = BearerTokenAuthenticator.Configuration.test()
        configuration.retryAfter = .milliseconds(4500)
        let down = try BearerTokenAuthenticator(keys: UnavailableResolver(), configuration: configuration)
        let result = await down.authenticate(headerFields: HTTPFields.bearer(try issuer.token()))
        #expect(result.rejection?.response.headerFields[.retryAfter] == "5")  // 4.5 s, rounded up
        configuration.retryAfter = .seconds(-1)
        #expect(throws: BearerConfigurationError.invalidRetryAfter) {
            try BearerTokenAuthenticator(keys: UnavailableResolver(), configuration: configuration)
        }
    }

    @Test func realmWithQuoteAndBackslashIsEscaped() async throws {
        var configuration = BearerTokenAuthenticator.Configuration.test()
        configuration.realm = #"my "quoted" \realm"#
        let escaped = try BearerTokenAuthenticator(
            keys: StaticKeySource(key: try issuer.publicKey), configuration: configuration)
        #expect(
            await escaped.authenticate(headerFields: HTTPFields()).challenge == #"Bearer realm="my \"quoted\" \\realm""#
        )
    }

    @Test(arguments: ["a\r\nSet-Cookie: x=y", "line\nbreak", "tab\there", "caf\u{E9}", "nul\u{0}"])
    func unsafeRealmIsRefusedAtConfiguration(realm: String) throws {
        var configuration = BearerTokenAuthenticator.Configuration.test()
        configuration.realm = realm
        #expect(throws: BearerConfigurationError.invalidRealm) {
            try BearerTokenAuthenticator(keys: UnavailableResolver(), configuration: configuration)
        }
    }

    @Test(arguments: ["", "two words", "quo\"te", "back\\slash", "cr\r", "\u{E9}"])
    func unsafeScopeIsRefusedAtConfiguration(scope: String) throws {
        var configuration = BearerTokenAuthenticator.Configuration.test()
        configuration.scopes = .allOf(scope)
        #expect(throws: BearerConfigurationError.invalidScope) {
            try BearerTokenAuthenticator(keys: UnavailableResolver(), configuration: configuration)
        }
    }

    @Test func emptyTokenLocationsAreRefused() throws {
        var configuration = BearerTokenAuthenticator.Configuration.test()
        configuration.tokenLocations = []
        #expect(throws: BearerConfigurationError.noTokenLocation) {
            try BearerTokenAuthenticator(keys: UnavailableResolver(), configuration: configuration)
        }
    }

    @Test func descriptionsStayInTheRFC6750CharacterSet() {
        let codes: [JOSEError.Code] = [
            .malformedToken, .tokenTooLarge, .invalidBase64URL, .invalidJSON, .duplicateJSONMember, .jsonTooDeep,
            .invalidHeader, .unsupportedCriticalHeader, .unsupportedUnencodedPayload, .invalidPayload,
            .unsupportedAlgorithm, .unsecuredToken, .algorithmNotAllowed, .keyAlgorithmMismatch, .keyUsageNotPermitted,
            .noMatchingKey, .invalidKey, .unsupportedKey, .weakKey, .malformedSignature, .invalidSignature, .expired,
            .notYetValid, .tooOld, .issuedInFuture, .missingClaim, .invalidClaim, .issuerMismatch, .audienceMismatch,
            .typeMismatch, .cryptoFailure,
        ]
        let texts =
            codes.map(ErrorDescription.invalidToken) + [
                ErrorDescription.severalTokens, ErrorDescription.malformedRequest, ErrorDescription.insufficientScope,
                ErrorDescription.claimRuleFailed,
            ]
        for text in texts {
            #expect(!text.isEmpty && text.count < 80)
            #expect(text.utf8.allSatisfy { (0x20...0x7E).contains($0) && $0 != 0x22 && $0 != 0x5C }, "\(text)")
        }
    }

    @Test func rejectionsNeverContainTheToken() async throws {
        let token = try TestIssuer(keyID: "k1", issuedAt: TestIssuer.start).token()
        let result = await authenticate(HTTPFields.bearer(token))
        let rejection = try #require(result.rejection)
        let everything = rejection.body + rejection.response.headerFields.map(\.value).joined()
        for part in token.split(separator: ".") { #expect(!everything.contains(part)) }
    }
}
