public import Foundation
public import JOSE

/// The one test issuer of every test target: an issuer identifier, an audience and a signing key, and the tokens
/// they make.
///
/// ```swift
/// let issuer = try TestIssuer()                         // a fresh ES256 key, kid "k1"
/// let token = try issuer.token(["scope": "read"])       // iss, aud, sub, iat, exp (one hour), scope
/// let other = TestIssuer(key: TestIssuer.sharedKey(.rs256), issuedAt: TestIssuer.start)
/// ```
public struct TestIssuer: Sendable {
    /// The default `iss` of test tokens.
    public static let issuer = "https://issuer.test"
    /// The default `aud` of test tokens.
    public static let audience = "api://test"
    /// The default `sub` of test tokens.
    public static let subject = "alice"
    /// A fixed instant (2030-03-17) for tests on a fixed or manual clock.
    public static let start = Date(timeIntervalSince1970: 1_900_000_000)

    /// The `iss` of this issuer's tokens.
    public let issuer: String
    /// The `aud` of this issuer's tokens.
    public let audience: String
    /// The signing key (private).
    public let key: JWSKey
    /// When this issuer's tokens are issued unless a call says otherwise; `nil` is the current time.
    public let issuedAt: Date?

    /// An issuer that signs with `key`.
    public init(
        key: JWSKey, issuer: String = TestIssuer.issuer, audience: String = TestIssuer.audience, issuedAt: Date? = nil
    ) {
        self.key = key
        self.issuer = issuer
        self.audience = audience
        self.issuedAt = issuedAt
    }

    /// An issuer with a freshly generated key (EC keys are fast to generate; for RSA prefer ``sharedKey(_:_:)``).
    public init(
        keyID: String? = "k1", algorithm: JWSAlgorithm = .es256, issuer: String = TestIssuer.issuer,
        audience: String = TestIssuer.audience, issuedAt: Date? = nil
    ) throws {
        self.init(
            key: try JWSKey.generate(for: algorithm, keyID: keyID), issuer: issuer, audience: audience,
            issuedAt: issuedAt)
    }

    /// The public half of ``key`` (an HMAC key is its own verification key).
    public var publicKey: JWSKey {
        get throws {
            if case .oct = key.type { return key }
            return try key.publicKey()
        }
    }

    /// `iss`, `aud`, `sub`, `iat` and `exp` (`lifetime` after `now`, default ``issuedAt``), then `extra` over them.
    public func claims(_ extra: [String: JSONValue] = [:], now: Date? = nil, lifetime: Duration = .seconds(3600))
        -> JWTClaims
    {
        let issued = Int64((now ?? issuedAt ?? Date()).timeIntervalSince1970)
        var claims: [String: JSONValue] = [
            "iss": .string(issuer), "aud": .string(audience), "sub": .string(Self.subject),
            "iat": .number(JSONNumber(issued)), "exp": .number(JSONNumber(issued + lifetime.components.seconds)),
        ]
        for (name, value) in extra { claims[name] = value }
        return JWTClaims(claims)
    }

    /// A signed token with ``claims(_:now:lifetime:)``.
    /// - Parameters:
    ///   - extra: claims added to (or replacing) the standard ones.
    ///   - now: when the token is issued; default ``issuedAt``, or the current time.
    ///   - lifetime: how long after `now` the token expires.
    ///   - algorithm: the `alg` to sign with (default: the key's).
    ///   - header: extra header parameters.
    ///   - keyID: `nil` keeps the key's `kid`; `.some(nil)` signs without a `kid`; `.some(id)` claims `id` instead.
    ///   - type: the `typ` header parameter.
    public func token(
        _ extra: [String: JSONValue] = [:], now: Date? = nil, lifetime: Duration = .seconds(3600),
        algorithm: JWSAlgorithm? = nil, header: [String: JSONValue] = [:], keyID: String?? = nil,
        type: String? = "JWT"
    ) throws -> String {
        var header = header
        var signingKey = key
        if let keyID {
            signingKey.keyID = nil
            if let keyID { header["kid"] = .string(keyID) }
        }
        return try JWTSigner.sign(
            claims(extra, now: now, lifetime: lifetime), with: signingKey, algorithm: algorithm ?? key.algorithm,
            type: type, extraHeader: header)
    }
}

extension TestIssuer {
    /// A token that expired `age` ago (issued an hour before that), for the 401 `invalid_token` path.
    public func expiredToken(_ extra: [String: JSONValue] = [:], age: Duration = .seconds(600)) throws -> String {
        let expiry = (issuedAt ?? Date()).addingTimeInterval(-age.inSeconds)
        return try token(extra, now: expiry.addingTimeInterval(-3600))
    }

    /// A token whose `nbf` (and `iat`) lie `ahead` in the future, for the 401 `invalid_token` path.
    public func notYetValidToken(_ extra: [String: JSONValue] = [:], ahead: Duration = .seconds(600)) throws
        -> String
    {
        let start = (issuedAt ?? Date()).addingTimeInterval(ahead.inSeconds)
        var claims = extra
        if claims["nbf"] == nil { claims["nbf"] = .number(JSONNumber(Int64(start.timeIntervalSince1970))) }
        return try token(claims, now: start)
    }
}

extension TestIssuer {
    private static let sharedKeys = Locked([String: JWSKey]())

    /// A private key generated once per test process (RSA generation is slow) for `algorithm`; `number` tells
    /// several apart. Its `kid` is `"<alg>-<number>"`, such as `"RS256-1"`.
    public static func sharedKey(_ algorithm: JWSAlgorithm, _ number: Int = 1) -> JWSKey {
        let keyID = "\(algorithm.rawValue)-\(number)"
        return sharedKeys.withLock { keys in
            if let key = keys[keyID] { return key }
            let key: JWSKey
            do {
                key = try JWSKey.generate(for: algorithm, keyID: keyID)
            } catch {
                fatalError("test key generation failed for \(keyID): \(error)")
            }
            keys[keyID] = key
            return key
        }
    }

    /// The public half of ``sharedKey(_:_:)`` (an HMAC key is its own verification key).
    public static func sharedPublicKey(_ algorithm: JWSAlgorithm, _ number: Int = 1) -> JWSKey {
        do {
            return try TestIssuer(key: sharedKey(algorithm, number)).publicKey
        } catch {
            fatalError("test key export failed for \(algorithm.rawValue)-\(number): \(error)")
        }
    }

    /// An issuer signing with ``sharedKey(_:_:)``.
    public static func shared(_ algorithm: JWSAlgorithm, _ number: Int = 1) -> TestIssuer {
        TestIssuer(key: sharedKey(algorithm, number))
    }

    /// A compact token made of raw header and payload JSON text and raw signature bytes, signed by no one: for
    /// hostile-input tests.
    public static func compact(header: String, payload: String, signature: [UInt8] = [1, 2, 3]) -> String {
        Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(payload.utf8)) + "."
            + Base64URL.encode(signature)
    }
}
