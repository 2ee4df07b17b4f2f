public import JOSE

extension Message {
    /// The JWT form (Python `to_jwt`): the JSON form (`jsonBytes()`) signed as a compact JWS.
    /// - Parameters:
    ///   - key: A private key, or an HMAC secret.
    ///   - algorithm: The JWS algorithm; JOSE checks that it suits the key.
    ///   - extraHeader: More header members (for example `typ` or `kid`); `alg` is always set from `algorithm`.
    /// - Throws: `MessageError.Code.invalidJWT` with the JOSE key error underneath.
    public func jwt(signedWith key: JWSKey, algorithm: JWSAlgorithm, extraHeader: [String: JSONValue] = [:])
        throws(MessageError) -> String
    {
        do {
            return try CompactJWS.sign(payload: jsonBytes(), algorithm: algorithm, key: key, extraHeader: extraHeader)
        } catch {
            throw MessageError(.invalidJWT, "The message could not be signed", underlying: error)
        }
    }

    /// The encrypted form (Python `to_jwe`): the JSON form encrypted to `key` as a compact JWE.
    /// - Throws: `MessageError.Code.invalidJWE` with the JOSE error underneath.
    public func jwe(
        encryptedTo key: JWEKey, algorithm: JWEAlgorithm, encryption: JWEContentEncryption
    ) throws(MessageError) -> String {
        do {
            return try JWEEncrypter.encrypt(jsonBytes(), to: key, algorithm: algorithm, encryption: encryption)
        } catch {
            throw MessageError(.invalidJWE, "The message could not be encrypted", underlying: error)
        }
    }

    /// The signed-then-encrypted form: the JWT form (`jwt(signedWith:algorithm:extraHeader:)`) encrypted to
    /// `recipient` as a nested JWE (`cty: JWT`).
    /// - Throws: `MessageError.Code.invalidJWT` or `MessageError.Code.invalidJWE`.
    public func jwt(
        signedWith key: JWSKey, algorithm: JWSAlgorithm, encryptedTo recipient: JWEKey,
        keyManagement: JWEAlgorithm, encryption: JWEContentEncryption
    ) throws(MessageError) -> String {
        let signed = try jwt(signedWith: key, algorithm: algorithm)
        do {
            return try JWEEncrypter.encrypt(
                Array(signed.utf8), to: recipient, algorithm: keyManagement, encryption: encryption,
                header: ["cty": "JWT"])
        } catch {
            throw MessageError(.invalidJWE, "The message could not be encrypted", underlying: error)
        }
    }

    /// The unsecured JWT form (`alg: none`, empty signature) — for request objects sent over a secure back
    /// channel only (OIDC Core §6.1). Reading it back needs ``VerificationOptions/allowUnsecuredJWTs``.
    public func unsecuredJWT() -> String {
        JWSParts.unsecuredSerialization(header: [("alg", "none")], payload: jsonBytes())
    }

    /// Reads the JWT form (Python `from_jwt`): verifies the signature with a key from `options.keys` (a
    /// ``KeyJar`` picks it by `iss`), then loads the payload into a message of `schema`. An encrypted form (JWE) is
    /// decrypted first with ``VerificationOptions/decryption`` (or the jar's own encryption keys): its plaintext is
    /// a signed JWT, read as above, or the message's JSON form (an encrypted, unsigned message).
    ///
    /// An unsecured token (`alg: none`) is refused unless ``VerificationOptions/allowUnsecuredJWTs`` is set; the
    /// Python original accepted one without any check. This does not run `verify(_:)`.
    /// - Throws: `MessageError.Code.unsecuredJWT`, `MessageError.Code.missingKey`,
    ///   `MessageError.Code.invalidJWT` or `MessageError.Code.invalidJWE` (JOSE error underneath), or the errors of
    ///   reading the payload.
    public init(_ schema: MessageSchema, jwt: String, options: VerificationOptions) async throws(MessageError) {
        self = try await Self.decodeJWT(jwt, schema: schema, parameter: nil, options: options).message
    }

    static func decodeJWT(_ token: String, schema: MessageSchema, parameter: String?, options: VerificationOptions)
        async throws(MessageError) -> (message: Message, algorithm: String)
    {
        func invalid(_ error: JOSEError) -> MessageError {
            MessageError(.invalidJWT, parameter: parameter, "The JWT could not be verified", underlying: error)
        }
        if CompactJWE.isCompactJWE(token) {
            guard let decrypter = options.effectiveDecryption else {
                throw MessageError(.missingKey, parameter: parameter, "No key was given to decrypt the JWE")
            }
            let plaintext: [UInt8]
            do {
                plaintext = try decrypter.decrypt(token).plaintext
            } catch {
                throw MessageError(
                    .invalidJWE, parameter: parameter, "The JWE could not be decrypted", underlying: error)
            }
            guard let inner = String(validating: plaintext, as: UTF8.self),
                CompactSerialization.isJWS(inner)
            else {
                return (try Message(schema, json: plaintext, applyDefaults: false), "")
            }
            return try await decodeJWT(inner, schema: schema, parameter: parameter, options: options)
        }
        let payload: [UInt8]
        let parts: JWSParts
        do { parts = try JWSParts(splitting: token) } catch { throw invalid(error) }
        if parts.isUnsecured {
            guard options.allowUnsecuredJWTs else {
                throw MessageError(.unsecuredJWT, parameter: parameter, "Unsecured JWTs (alg none) are not allowed")
            }
            do { payload = try parts.unsecuredPayload() } catch { throw invalid(error) }
        } else {
            guard let source = options.keys else {
                throw MessageError(.missingKey, parameter: parameter, "No key source was given to verify the JWT")
            }
            do throws(JOSEError) {
                let unverified = try UnverifiedJWT(jws: CompactJWS(parts: parts))
                if let allowed = options.algorithms, !allowed.contains(unverified.header.algorithm) {
                    throw JOSEError(.algorithmNotAllowed, "The token's algorithm is not allowed")
                }
                let keys = try await source.keys(for: unverified)
                _ = try unverified.jws.verify(using: keys)
                payload = unverified.jws.payload
            } catch {
                throw invalid(error)
            }
        }
        return (try Message(schema, json: payload, applyDefaults: false), parts.algorithm ?? "")
    }
}
