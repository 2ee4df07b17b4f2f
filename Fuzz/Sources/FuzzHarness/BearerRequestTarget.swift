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

    /// Request headers, query and form body → a `BearerTokenAuthenticator` decision.
    ///
    /// The input is split at 0x00 bytes into: `Authorization` values (every part but the last three),
    /// `Content-Type`, the raw query, and the form body. A decision must not trap, and a rejection must be one of
    /// the RFC 6750 statuses with a header-safe challenge.
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
        }
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
