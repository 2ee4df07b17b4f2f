public import JOSE

extension TokenProfile {
    /// Signs `payload` as a token of this profile (node-jsonwebtoken v8 `sign`, fixed where the port was broken).
    ///
    /// Claims are written in this order: the profile's required claims, its known optional claims, then every
    /// other claim in the order given (the port's static `toJWT` silently dropped those; here they are kept). The
    /// header is `alg`, `typ: "JWT"`, `kid` (``TokenSignOptions/keyid`` or the key's ID), then
    /// ``TokenSignOptions/header``.
    ///
    /// Steps, each failing with the node-jsonwebtoken message:
    /// 1. `iat`, `exp`, `nbf` in the payload must be numbers (`"iat" should be a number of seconds`), `aud` a
    ///    string or array (`"audience" must be a string or array`), `sub` and `jti` strings (`"subject" must be a
    ///    string`, `"jwtid" must be a string`).
    /// 2. The algorithm must be known (`"algorithm" must be a valid string enum value`); `none` needs
    ///    ``TokenSignOptions/allowUnsecured`` (`Cannot use none algorithm unless specified`) and any other algorithm
    ///    a key (`secretOrPrivateKey must have a value`).
    /// 3. `iat` is the payload's or now; ``TokenSignOptions/noTimestamp`` removes it.
    /// 4. `nbf` is ``TokenSignOptions/notBefore`` after now and `exp` ``TokenSignOptions/expiresIn`` after `iat`,
    ///    refused when the payload already has the claim (`Bad "options.expiresIn" option the payload already has
    ///    an "exp" property.`) or when the span does not parse.
    /// 5. `audience`, `issuer`, `subject`, `jwtid` become `aud`, `iss`, `sub`, `jti` — they were silently ignored by
    ///    the port — refused when the payload already has the claim.
    /// 6. Every required claim of the profile must now be present (`You are missing a required parameter: iss`).
    ///
    /// The payload and header are compact JSON; with the same inputs the output is byte for byte the port's (see
    /// the `BasicIdToken` known-answer test).
    public func toJWT(
        _ payload: KeyValuePairs<String, JSONValue>, key: TokenSigningKey,
        options: TokenSignOptions = TokenSignOptions()
    ) throws(TokenProfileError) -> String {
        var order: [String] = []
        var claims: [String: JSONValue] = [:]
        for (name, value) in payload {
            if claims.updateValue(value, forKey: name) == nil { order.append(name) }
        }
        func set(_ name: String, _ value: JSONValue) {
            if claims.updateValue(value, forKey: name) == nil { order.append(name) }
        }
        func invalid(_ message: String) -> TokenProfileError { TokenProfileError(.invalidOption, message) }

        for name in ["iat", "exp", "nbf"] where claims[name] != nil && claims[name]?.numberValue == nil {
            throw invalid("\"\(name)\" should be a number of seconds")
        }
        if let aud = claims["aud"] {
            switch aud {
            case .string, .array: break
            default: throw invalid("\"audience\" must be a string or array")
            }
        }
        if let sub = claims["sub"], sub.stringValue == nil { throw invalid("\"subject\" must be a string") }
        if let jti = claims["jti"], jti.stringValue == nil { throw invalid("\"jwtid\" must be a string") }

        let unsecured = options.algorithm.lowercased() == "none"
        var algorithm: JWSAlgorithm? = nil
        if unsecured {
            guard options.algorithm == "none" else { throw invalid("\"algorithm\" must be a valid string enum value") }
            guard options.allowUnsecured else {
                throw TokenProfileError(.unsecuredNotAllowed, "Cannot use none algorithm unless specified")
            }
        } else {
            guard let parsed = JWSAlgorithm(rawValue: options.algorithm) else {
                throw invalid("\"algorithm\" must be a valid string enum value")
            }
            if case .unsecured = key { throw invalid("secretOrPrivateKey must have a value") }
            algorithm = parsed
        }

        let now = Int64(options.clock.secondsSinceEpoch.rounded(.down))
        if claims["iat"] == nil { set("iat", .number(JSONNumber(now))) }
        let issuedAt = claims["iat"]?.numberValue?.int64Value ?? now
        if options.noTimestamp {
            claims.removeValue(forKey: "iat")
            order.removeAll { $0 == "iat" }
        }
        /// Sets `claim` to `span` after `base`, unless the option is absent; node's messages name the option.
        func setTimeSpan(_ span: TimeSpan?, option: String, claim: String, after base: Int64) throws(TokenProfileError)
        {
            guard let span else { return }
            guard claims[claim] == nil else {
                throw invalid("Bad \"options.\(option)\" option the payload already has an \"\(claim)\" property.")
            }
            guard let value = span.added(to: base) else {
                throw invalid(
                    "\"\(option)\" should be a number of seconds or string representing a timespan eg: \"1d\", \"20h\", 60"
                )
            }
            set(claim, .number(JSONNumber(value)))
        }
        try setTimeSpan(options.notBefore, option: "notBefore", claim: "nbf", after: now)
        try setTimeSpan(options.expiresIn, option: "expiresIn", claim: "exp", after: issuedAt)
        let mapped: [(String, String, JSONValue?)] = [
            ("audience", "aud", options.audience?.json), ("issuer", "iss", options.issuer.map(JSONValue.string)),
            ("subject", "sub", options.subject.map(JSONValue.string)),
            ("jwtid", "jti", options.jwtid.map(JSONValue.string)),
        ]
        for (option, claim, value) in mapped {
            guard let value else { continue }
            guard claims[claim] == nil else {
                throw invalid("Bad \"options.\(option)\" option. The payload already has an \"\(claim)\" property.")
            }
            set(claim, value)
        }
        for name in requiredClaims where claims[name] == nil && !(name == "iat" && options.noTimestamp) {
            throw TokenProfileError(.missingClaim, "You are missing a required parameter: \(name)")
        }

        let written =
            requiredClaims.filter { claims[$0] != nil } + knownOptionalClaims.filter { claims[$0] != nil }
            + order.filter { !requiredClaims.contains($0) && !knownOptionalClaims.contains($0) }
        let payloadBytes = JSONValue.serializedObject(
            orderedMembers: written.compactMap { name in claims[name].map { (name, $0) } })

        var header: [(String, JSONValue)] = [("alg", .string(options.algorithm)), ("typ", "JWT")]
        var keyID = options.keyid
        if keyID == nil, case .key(let signingKey) = key { keyID = signingKey.keyID }
        if let keyID { header.append(("kid", .string(keyID))) }
        for (name, value) in options.header.sorted(by: { $0.key < $1.key }) where name != "alg" {
            if let index = header.firstIndex(where: { $0.0 == name }) {
                header[index].1 = value
            } else {
                header.append((name, value))
            }
        }
        let signingInput = JWSParts.signingInput(header: header, payload: payloadBytes)
        guard let algorithm else { return signingInput + "." }
        do throws(JOSEError) {
            let signature: [UInt8]
            switch key {
            case .key(let signingKey): signature = try signingKey.sign(Array(signingInput.utf8), algorithm: algorithm)
            case .insecureShortHMACSecret(let secret):
                signature = try InsecureShortHMAC(secret: secret).sign(Array(signingInput.utf8), algorithm: algorithm)
            case .unsecured: throw JOSEError(.privateKeyRequired, "No key")
            }
            return signingInput + "." + Base64URL.encode(signature)
        } catch {
            throw TokenProfileError(.signingFailed, "The key cannot sign with this algorithm: \(error.message)")
        }
    }
}
