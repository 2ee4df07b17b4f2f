import HTTPTypes
import JOSE
import OAuthJWT

extension FuzzTarget {
    static let bearerAuthenticator: BearerTokenAuthenticator = {
        var configuration = BearerTokenAuthenticator.Configuration(
            issuers: ["https://issuer.example"], audiences: ["api://fuzz"], algorithms: [.hs256, .es256, .rs256],
            leeway: .seconds(60), clock: .fixed(fuzzNow))
        configuration.realm = "fuzz"
        configuration.tokenLocations = [.authorizationHeader, .query, .formBody]
        configuration.scopes = ScopeRequirement(allOf: ["read"], anyOf: ["a", "b"])
        configuration.claimRules = [.present("sub"), .equals("org", 12345), .equals("roles", "admin")]
        return try! BearerTokenAuthenticator(
            keys: StaticKeySource(keySet: FuzzKeys.verificationSet), configuration: configuration)
    }()

    /// The same rules without the form body as a token location, so that `immediateDecision(headerFields:query:)`
    /// decides what it can (with the form body it always answers `nil`).
    static let immediateAuthenticator: BearerTokenAuthenticator = {
        var configuration = bearerAuthenticator.configuration
        configuration.tokenLocations = [.authorizationHeader, .query]
        return try! BearerTokenAuthenticator(
            keys: StaticKeySource(keySet: FuzzKeys.verificationSet), configuration: configuration)
    }()

    /// Request headers, query and form body → a `BearerTokenAuthenticator` decision.
    ///
    /// The input is split at 0x00 bytes into: `Authorization` values (every part but the last three),
    /// `Content-Type`, the raw query, and the form body. A decision must not trap, and a rejection must be one of
    /// the RFC 6750 statuses with a header-safe challenge. Differential: without the form body, what
    /// `immediateDecision` decides (before the full decision, and after it, when the token may be cached) must be
    /// the full decision, and a token just authorized must then be decided at once.
    public static let bearerRequest = FuzzTarget("bearerRequest") { input in
        var fields = parts(input)
        while fields.count < 4 { fields.insert([], at: 0) }
        let body = fields.removeLast()
        let query = String(fuzz: fields.removeLast())
        let contentType = fields.removeLast()
        var headers = HTTPFields()
        for value in fields {
            headers.append(HTTPField(name: .authorization, value: String(fuzz: value)))
        }
        if !contentType.isEmpty { headers[.contentType] = String(fuzz: contentType) }
        let headerFields = headers
        runBlocking {
            let result = await bearerAuthenticator.authenticate(
                headerFields: headerFields, query: query.isEmpty ? nil : query, formBody: body.isEmpty ? nil : body)
            checkRejection(result)

            let query = query.isEmpty ? nil : query
            let before = immediateAuthenticator.immediateDecision(headerFields: headerFields, query: query)
            let full = await immediateAuthenticator.authenticate(headerFields: headerFields, query: query)
            let after = immediateAuthenticator.immediateDecision(headerFields: headerFields, query: query)
            if full.token != nil, after == nil { mismatch("an authorized token is not decided at once afterwards") }
            for immediate in [before, after].compactMap({ $0 }) { checkSameDecision(immediate, full) }
        }
    }

    /// The two decisions authorize the same claims, or refuse with the same response.
    static func checkSameDecision(_ immediate: BearerAuthenticationResult, _ full: BearerAuthenticationResult) {
        if let token = immediate.token {
            guard let other = full.token, token.claims.json == other.claims.json else {
                mismatch("immediateDecision authorized what authenticate did not")
            }
            return
        }
        guard let refused = immediate.rejection, let other = full.rejection,
            refused.response.status == other.response.status,
            refused.response.headerFields == other.response.headerFields, refused.body == other.body
        else { mismatch("immediateDecision refused differently from authenticate") }
    }

    /// A rejection must be one of the RFC 6750 (and RFC 9449) statuses, with header-safe challenges.
    static func checkRejection(_ result: BearerAuthenticationResult) {
        guard let rejection = result.rejection else { return }
        guard [400, 401, 403, 503].contains(rejection.response.status.code) else {
            mismatch("rejection status \(rejection.response.status.code)")
        }
        for field in rejection.response.headerFields where field.name == .wwwAuthenticate {
            guard field.value.utf8.allSatisfy({ $0 == 0x20 || (0x21...0x7E).contains($0) }) else {
                mismatch("challenge outside visible ASCII")
            }
        }
    }
}
