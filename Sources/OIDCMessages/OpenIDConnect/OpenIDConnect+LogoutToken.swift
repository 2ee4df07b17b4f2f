import JOSE

extension OpenIDConnect {
    /// The event member that makes a JWT a logout token (OpenID Connect Back-Channel Logout 1.0 §2.4).
    public static let backChannelLogoutEvent = "http://schemas.openid.net/event/backchannel-logout"

    /// The logout token of OpenID Connect Back-Channel Logout 1.0 (§2.4): `iss`, `aud` (a list; a single string is
    /// wrapped), `iat`, `jti` and `events` required; `sub`, `sid` and `exp` optional.
    ///
    /// ``Message/verify(_:)`` needs ``VerificationOptions/issuer`` and ``VerificationOptions/clientID``
    /// (`MessageError.Code.missingOption` otherwise) and checks what §2.6 asks, in order: `iss` equals the issuer
    /// and `aud` names the client, as for ID tokens; `iat` is not in the future and `exp`, when present, has not
    /// passed (with ``VerificationOptions/leeway``); `events` has the ``backChannelLogoutEvent`` member with a JSON
    /// object value; `sub` or `sid` is present; there is no `nonce` (§2.4 forbids it, so that an ID token can never
    /// pass as a logout token).
    public static let logoutToken = MessageSchema(
        "LogoutToken",
        parameters: [
            "iss": .requiredString, "sub": .optionalString, "aud": .requiredList, "iat": .requiredInteger,
            "exp": .optionalInteger, "jti": .requiredString, "events": .required(.jsonObject), "sid": .optionalString,
        ],
        rules: [MessageRule { state throws(MessageError) in try checkLogoutToken(state.message, state.options) }])

    static func checkLogoutToken(_ token: Message, _ options: VerificationOptions) throws(MessageError) {
        guard let issuer = options.issuer else {
            throw MessageError(.missingOption, parameter: "iss", "Verifying a logout token needs the expected issuer")
        }
        guard let clientID = options.clientID else {
            throw MessageError(.missingOption, parameter: "aud", "Verifying a logout token needs the client ID")
        }
        try token.checkIssuer(issuer)
        try token.checkAudience(names: clientID)
        try token.checkTimeClaims(options, requireExpiration: false)
        let event = token["events"]?.objectValue?.first { $0.key.hasSameBytes(as: backChannelLogoutEvent) }?.value
        guard case .object? = event else {
            throw MessageError(.invalidValue, parameter: "events", "The events claim has no back-channel logout event")
        }
        guard token.contains("sub") || token.contains("sid") else {
            throw MessageError(.missingRequiredParameter, parameter: "sub", "A logout token needs sub or sid")
        }
        guard !token.contains("nonce") else {
            throw MessageError(.invalidValue, parameter: "nonce", "A logout token must not have a nonce")
        }
    }
}
