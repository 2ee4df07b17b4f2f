public import JOSE

extension OpenIDConnect {
    /// The address claim (OIDC Core §5.1.1); every member optional.
    public static let addressClaim = MessageSchema(
        "AddressClaim",
        parameters: [
            "formatted": .optionalString, "street_address": .optionalString, "locality": .optionalString,
            "region": .optionalString, "postal_code": .optionalString, "country": .optionalString,
        ])

    /// The standard claims (OIDC Core §5.1), the UserInfo response: `sub` required. ``Message/verify(_:)`` checks
    /// that `birthdate` is `YYYY-MM-DD`, `YYYY` or `0000-MM-DD`.
    public static let openIDSchema = MessageSchema(
        "OpenIDSchema",
        parameters: [
            "sub": .requiredString, "name": .optionalString, "given_name": .optionalString,
            "family_name": .optionalString, "middle_name": .optionalString, "nickname": .optionalString,
            "preferred_username": .optionalString, "profile": .optionalString, "picture": .optionalString,
            "website": .optionalString, "email": .optionalString, "email_verified": .optionalBoolean,
            "gender": .optionalString, "birthdate": .optionalString, "zoneinfo": .optionalString,
            "locale": .optionalString, "phone_number": .optionalString, "phone_number_verified": .optionalBoolean,
            "address": .optional(.message(addressClaim)), "updated_at": .optionalInteger,
            "_claim_names": .optionalJSON, "_claim_sources": .optionalJSON,
        ],
        rules: [
            MessageRule { state throws(MessageError) in
                guard let birthdate = state.message.string("birthdate") else { return }
                guard isBirthdate(birthdate) else {
                    throw MessageError(.invalidValue, parameter: "birthdate", "Not YYYY-MM-DD, YYYY or 0000-MM-DD")
                }
            }
        ])

    /// The UserInfo response: the same as `openIDSchema`.
    public static let userInfo = openIDSchema

    static func isBirthdate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        let digits = { (range: Range<Int>) in bytes[range].allSatisfy { $0 >= 48 && $0 <= 57 } }
        if bytes.count == 4 { return digits(0..<4) }
        guard bytes.count == 10, bytes[4] == 45, bytes[7] == 45, digits(0..<4), digits(5..<7), digits(8..<10),
            let month = Int(String(decoding: bytes[5..<7], as: UTF8.self)),
            let day = Int(String(decoding: bytes[8..<10], as: UTF8.self))
        else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }

    /// Individual claim requests (OIDC Core §5.5): any claim name, each `null` or `{essential, value, values}`.
    public static let claims = MessageSchema("Claims", parameters: [:])

    /// The `claims` request parameter (OIDC Core §5.5): `userinfo` and `id_token` members, each `claims`.
    public static let claimsRequest = MessageSchema(
        "ClaimsRequest",
        parameters: ["userinfo": .optional(.message(claims)), "id_token": .optional(.message(claims))])

    /// The registered JWT claims (RFC 7519 §4.1), all optional.
    ///
    /// ``Message/verify(_:)`` checks them as every other JWT message is checked (the same engine as ID tokens):
    /// `exp` has not passed, `nbf` has been reached and `iat` is not in the future, with
    /// ``VerificationOptions/leeway``; `iss` equals ``VerificationOptions/issuer`` and `aud` names
    /// ``VerificationOptions/audience`` when those options are set (a missing `iss` or `aud` then fails too).
    public static let jsonWebToken = MessageSchema(
        "JsonWebToken",
        parameters: [
            "iss": .optionalString, "sub": .optionalString, "aud": .optionalList, "exp": .optionalInteger,
            "nbf": .optionalInteger, "iat": .optionalInteger, "jti": .optionalString,
        ],
        rules: [MessageRule { state throws(MessageError) in try checkJWT(state.message, state.options) }])

    /// A client authentication JWT (OIDC Core §9, `private_key_jwt`/`client_secret_jwt`; RFC 7523 §3): `iss`, `sub`,
    /// `aud`, `jti` and `exp` required, `iat` optional.
    ///
    /// ``Message/verify(_:)`` checks what RFC 7523 §3 and OIDC Core §9 ask: `aud` names
    /// ``VerificationOptions/audience`` (the authorization server's identifier or token endpoint URL; required,
    /// `MessageError.Code.missingOption` otherwise); `iss` and `sub` equal ``VerificationOptions/clientID`` when it
    /// is set (the client authenticates as itself); `exp` has not passed, `nbf` has been reached and `iat` is not
    /// in the future, with ``VerificationOptions/leeway``.
    public static let authnToken = MessageSchema(
        "AuthnToken",
        parameters: [
            "iss": .requiredString, "sub": .requiredString, "aud": .requiredList, "jti": .requiredString,
            "exp": .requiredInteger, "iat": .optionalInteger,
        ],
        rules: [MessageRule { state throws(MessageError) in try checkAuthnToken(state.message, state.options) }])

    static func checkAuthnToken(_ token: Message, _ options: VerificationOptions) throws(MessageError) {
        guard let audience = options.audience else {
            throw MessageError(
                .missingOption, parameter: "aud", "Verifying a client authentication JWT needs the audience")
        }
        if let clientID = options.clientID {
            try token.checkIssuer(clientID)
            guard token.string("sub")?.hasSameBytes(as: clientID) == true else {
                throw MessageError(.mismatch, parameter: "sub", "The subject is not the client")
            }
        }
        try token.checkAudience(names: audience)
        try token.checkTimeClaims(options, requireExpiration: true)
    }

    /// The ``jsonWebToken`` checks.
    static func checkJWT(_ token: Message, _ options: VerificationOptions) throws(MessageError) {
        if let issuer = options.issuer { try token.checkIssuer(issuer) }
        if let audience = options.audience { try token.checkAudience(names: audience) }
        try token.checkTimeClaims(options, requireExpiration: false)
    }
}

/// Whether a claim value satisfies a claim request (OIDC Core §5.5.1): with `value`, equal to it; with
/// `values`, one of them; otherwise (`null`, `essential` only) any value does.
public func claimsMatch(_ value: JSONValue, request: JSONValue?) -> Bool {
    guard case .object(let spec)? = request else { return true }
    if let wanted = spec["value"] { return wanted == value }
    if case .array(let options)? = spec["values"] { return options.contains(value) }
    return true
}
