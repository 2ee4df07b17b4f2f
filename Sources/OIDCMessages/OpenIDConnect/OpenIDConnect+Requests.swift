import JOSE

extension OpenIDConnect {
    /// The OpenID Connect authorization request (OIDC Core §3.1.2.1): ``OAuth2/authorizationRequest`` plus
    /// `scope` and `redirect_uri` required, and `nonce`, `display`, `prompt`, `max_age`, `ui_locales`,
    /// `claims_locales`, `id_token_hint`, `login_hint`, `acr_values`, `claims`, `registration`, `request`,
    /// `request_uri`, `response_mode`, `code_challenge`, `code_challenge_method` optional.
    ///
    /// ``Message/verify(_:)`` rules, in order:
    /// 1. `request` (a request object, OIDC Core §6.1) is verified as an `openIDRequest` JWT with
    ///    ``VerificationOptions/keys`` (unsecured only with ``VerificationOptions/allowUnsecuredJWTs``); every
    ///    parameter present both inside and outside must have the same value.
    /// 2. `id_token_hint` is verified as an `idToken` JWT (signature only: an expired hint is fine).
    /// 3. `id_token` in `response_type` requires `nonce`; a given ``VerificationOptions/nonce`` must match.
    /// 4. `scope` must contain `openid`.
    /// 5. `prompt=none` must stand alone.
    ///
    /// Differences from the Python original: `prompt` is space-separated (OIDC Core §3.1.2.1), and
    /// `offline_access` without `prompt=consent` is not an error, because OIDC Core §11 tells the provider to
    /// ignore the `offline_access` request in that case rather than reject the request.
    public static let authorizationRequest = OAuth2.authorizationRequest.extending(
        "AuthorizationRequest",
        parameters: [
            "scope": .requiredSpaceSeparated,
            "redirect_uri": .requiredString,
            "nonce": .optionalString,
            "display": .optionalString,
            "prompt": .optionalSpaceSeparated,
            "max_age": .optionalInteger,
            "ui_locales": .optionalSpaceSeparated,
            "claims_locales": .optionalSpaceSeparated,
            "id_token_hint": .optionalString,
            "login_hint": .optionalString,
            "acr_values": .optionalSpaceSeparated,
            "claims": .optional(.message(claimsRequest)),
            "registration": .optionalJSON,
            "request": .optionalString,
            "request_uri": .optionalString,
            "response_mode": .optionalString,
            "code_challenge": .optionalString,
            "code_challenge_method": .optionalString,
        ],
        allowedValues: [
            "display": ["page", "popup", "touch", "wap"],
            "prompt": ["none", "login", "consent", "select_account"],
            "code_challenge_method": ["plain", "S256"],
        ],
        rules: authorizationRequestRules(requestObject: true))

    /// A request object's claims (OIDC Core §6.1): the same parameters and rules as `authorizationRequest`,
    /// except that a request object cannot itself carry `request` or `request_uri`.
    public static let openIDRequest = authorizationRequest.extending(
        "OpenIDRequest", removing: ["request", "request_uri"], rules: authorizationRequestRules(requestObject: false),
        inheritRules: false)

    static func authorizationRequestRules(requestObject: Bool) -> [MessageRule] {
        var rules: [MessageRule] = []
        if requestObject {
            rules.append(
                MessageRule { state throws(MessageError) in
                    guard let token = state.message.string("request") else { return }
                    let (inner, algorithm) = try await Message.decodeJWT(
                        token, schema: openIDRequest, parameter: "request", options: state.options)
                    for name in inner.parameterNames where name != "iss" && name != "aud" {
                        if let outer = state.message[name], outer != inner[name] {
                            throw MessageError(
                                .mismatch, parameter: name, "The request object and the request disagree")
                        }
                    }
                    state.verified["request"] = inner
                    state.algorithms["request"] = algorithm
                })
        }
        rules.append(.embeddedJWT("id_token_hint", as: idToken, verifyContent: false))
        rules.append(
            MessageRule { state throws(MessageError) in
                let message = state.message
                if message.strings("response_type")?.contains("id_token") == true, !message.contains("nonce") {
                    throw MessageError(.missingRequiredParameter, parameter: "nonce", "Nonce missing")
                }
                if let nonce = state.options.nonce, let value = message.string("nonce"), !value.hasSameBytes(as: nonce)
                {
                    throw MessageError(.mismatch, parameter: "nonce", "The nonce is not the expected one")
                }
                guard message.strings("scope")?.contains("openid") == true else {
                    throw MessageError(.invalidValue, parameter: "scope", "openid not in scope")
                }
                if let prompt = message.strings("prompt"), prompt.contains("none"), prompt.count > 1 {
                    throw MessageError(.invalidValue, parameter: "prompt", "prompt none must stand alone")
                }
            })
        return rules
    }

    /// The OpenID Connect token request (OIDC Core §3.1.3.1, §9): ``OAuth2/accessTokenRequest`` plus
    /// `client_assertion_type` (only `urn:ietf:params:oauth:client-assertion-type:jwt-bearer`) and
    /// `client_assertion`, which must come together.
    public static let accessTokenRequest = OAuth2.accessTokenRequest.extending(
        "AccessTokenRequest",
        parameters: ["client_assertion_type": .optionalString, "client_assertion": .optionalString],
        allowedValues: ["client_assertion_type": ["urn:ietf:params:oauth:client-assertion-type:jwt-bearer"]],
        rules: [.together("client_assertion_type", "client_assertion")])

    /// The refresh request: the same as ``OAuth2/refreshAccessTokenRequest``.
    public static let refreshAccessTokenRequest = OAuth2.refreshAccessTokenRequest

    /// The UserInfo request (OIDC Core §5.3.1): `access_token` optional (it usually travels in the header).
    public static let userInfoRequest = MessageSchema("UserInfoRequest", parameters: ["access_token": .optionalString])

    /// A WebFinger-based discovery request (OIDC Discovery §2): `resource` and `rel` required.
    public static let discoveryRequest = MessageSchema(
        "DiscoveryRequest", parameters: ["resource": .requiredString, "rel": .requiredString])

    /// The WebFinger issuer-discovery request (OIDC Discovery §2.1): `rel` defaults to
    /// `http://openid.net/specs/connect/1.0/issuer`.
    public static let webFingerRequest = MessageSchema(
        "WebFingerRequest", parameters: ["resource": .requiredString, "rel": .requiredString],
        defaults: ["rel": "http://openid.net/specs/connect/1.0/issuer"])
}
