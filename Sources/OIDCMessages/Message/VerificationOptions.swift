public import JOSE

/// What ``Message/verify(_:)`` checks beyond the message's own rules: expected values, keys for embedded JWTs
/// (ID tokens, `id_token_hint`, request objects) and the clock.
public struct VerificationOptions: Sendable {
    /// The expected issuer (`iss` of ID tokens, `iss` of authorization responses).
    public var issuer: String?
    /// The client ID of the relying party (the expected `aud`/`azp` of ID tokens, `client_id` of responses).
    public var clientID: String?
    /// The identifier of the verifier itself, which `aud` of JWTs addressed to it must name: the authorization
    /// server's issuer or token endpoint URL for client authentication JWTs (RFC 7523 §3), checked for
    /// ``OpenIDConnect/authnToken`` (required) and ``OpenIDConnect/jsonWebToken`` (when set).
    public var audience: String?
    /// The nonce the client sent, checked against the ID token's and the request's `nonce`.
    public var nonce: String?
    /// Where keys for embedded JWTs come from; a ``KeyJar`` picks them by the token's `iss`.
    public var keys: (any KeySource)?
    /// The algorithms embedded JWTs may use; `nil` allows every algorithm the key supports.
    public var algorithms: Set<JWSAlgorithm>?
    /// Whether embedded unsecured JWTs (`alg: none`) are accepted. Off by default; only ever meaningful for
    /// request objects (OIDC Core §6.1), never for ID tokens in a front-channel response.
    public var allowUnsecuredJWTs: Bool
    /// Clock skew allowed on `exp` and `iat` (Python `skew`).
    public var leeway: Duration
    /// How long after `iat` an ID token is still accepted (Python `nonce_storage_time`, 4 h).
    public var maximumIDTokenAge: Duration
    /// Whether a provider configuration's issuer may use `http` (Python PHEAD `allow_http`); for tests only.
    public var allowHTTPIssuer: Bool
    /// The clock.
    public var clock: JWTClock
    /// Decrypts encrypted messages and JWTs (JWE): its keys, and the `alg`/`enc` allow-lists (Python `encalg`,
    /// `encenc`). When `nil`, the private encryption keys of a ``KeyJar`` in ``keys`` (its own, issuer `""`) are used.
    public var decryption: JWEDecrypter?

    /// Creates options; every check is off unless given.
    public init(
        issuer: String? = nil, clientID: String? = nil, audience: String? = nil, nonce: String? = nil,
        keys: (any KeySource)? = nil,
        algorithms: Set<JWSAlgorithm>? = nil, allowUnsecuredJWTs: Bool = false, leeway: Duration = .zero,
        maximumIDTokenAge: Duration = .seconds(14_400), allowHTTPIssuer: Bool = false, clock: JWTClock = .system
    ) {
        self.issuer = issuer
        self.clientID = clientID
        self.audience = audience
        self.nonce = nonce
        self.keys = keys
        self.algorithms = algorithms
        self.allowUnsecuredJWTs = allowUnsecuredJWTs
        self.leeway = leeway
        self.maximumIDTokenAge = maximumIDTokenAge
        self.allowHTTPIssuer = allowHTTPIssuer
        self.clock = clock
        self.decryption = nil
    }

    /// The decrypter for JWEs: ``decryption``, or one over the jar's own private encryption keys.
    var effectiveDecryption: JWEDecrypter? {
        if let decryption { return decryption }
        guard let jar = keys as? KeyJar else { return nil }
        let keys = jar.decryptionKeys()
        return keys.isEmpty ? nil : JWEDecrypter(keys: keys)
    }
}

/// The state of one ``Message/verify(_:)`` run, handed to each ``MessageRule``: the message, the options, and the
/// embedded messages verified so far.
public struct MessageVerification: Sendable {
    /// The message being verified.
    public let message: Message
    /// The caller's options.
    public let options: VerificationOptions
    /// Embedded JWTs verified by the rules, by parameter name (for example `id_token`, `request`,
    /// `id_token_hint`), decoded into their message types.
    public var verified: [String: Message] = [:]
    /// The `alg` of each verified embedded JWT, by parameter name.
    public var algorithms: [String: String] = [:]
}
