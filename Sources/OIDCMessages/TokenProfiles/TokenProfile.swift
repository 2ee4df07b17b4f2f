/// A token profile of the original `oidc-msg` port: a named set of required and known optional claims, signed with
/// `toJWT(_:key:options:)` and verified with `fromJWT(_:key:options:)` under node-jsonwebtoken v8 semantics.
///
/// ```swift
/// let token = try TokenProfile.basicIdToken.toJWT(
///     ["iss": "https://my.auth.server", "sub": "subject", "jti": "jti"],
///     key: .key(signingKey), options: TokenSignOptions(algorithm: "ES256", expiresIn: "1h", audience: "myClientId"))
/// let claims = try await TokenProfile.basicIdToken.fromJWT(
///     token, key: .key(publicKey), options: TokenVerifyOptions(audience: ["myClientId"]))
/// ```
public struct TokenProfile: Sendable, Hashable {
    /// The profile's name, for example `BasicIdToken`.
    public let name: String
    /// Claims a token of this profile must carry, in the order they are written.
    public let requiredClaims: [String]
    /// Optional claims the profile knows, written after the required ones in this order.
    public let knownOptionalClaims: [String]
    /// The claims the original `fromJWT` insisted the caller pass expected values for (documentation only: here
    /// each check is an option of ``TokenVerifyOptions``, as in node-jsonwebtoken).
    public let verificationClaims: [String]

    /// Declares a profile.
    public init(_ name: String, required: [String], knownOptional: [String], verificationClaims: [String] = []) {
        self.name = name
        self.requiredClaims = required
        self.knownOptionalClaims = knownOptional
        self.verificationClaims = verificationClaims
    }

    /// `BasicIdToken`: requires `iss`, `sub`, `iat`, `jti`; knows `aud`, `exp`, `nbf`. (The original's documentation also listed
    /// `exp` as required and `auth_time`, `nonce`, `azr` [sic], `amr`, `azp` as optional; the code it described
    /// did not, and neither does this profile: such claims are simply kept as additional claims.)
    public static let basicIdToken = TokenProfile(
        "BasicIdToken", required: ["iss", "sub", "iat", "jti"], knownOptional: ["aud", "exp", "nbf"],
        verificationClaims: ["iss", "sub", "maxAge", "jti"])

    /// `GoogleIdToken`: requires `name`, `email`, `picture`, `iss`, `sub`, `iat`; knows `exp`, `aud`.
    public static let googleIdToken = TokenProfile(
        "GoogleIdToken", required: ["name", "email", "picture", "iss", "sub", "iat"], knownOptional: ["exp", "aud"],
        verificationClaims: ["name", "email", "picture", "iss", "sub", "maxAge"])

    /// `ExtendedIdToken`: the `googleIdToken` claims, knowing `aud`, `exp`, `nbf`.
    public static let extendedIdToken = TokenProfile(
        "ExtendedIdToken", required: ["name", "email", "picture", "iss", "sub", "iat"],
        knownOptional: ["aud", "exp", "nbf"], verificationClaims: ["name", "email", "picture", "iss", "sub", "maxAge"])

    /// `AccessToken`: requires `iss`, `sub`, `iat`; knows `aud`, `exp`.
    public static let accessToken = TokenProfile(
        "AccessToken", required: ["iss", "sub", "iat"], knownOptional: ["aud", "exp"])

    /// The original documentation's name for `accessToken` (no class of that name existed in the code).
    public static let googleAccessToken = accessToken

    /// `ImplicitAccessToken`: requires `iss`, `sub`, `iat`; knows `aud`.
    public static let implicitAccessToken = TokenProfile(
        "ImplicitAccessToken", required: ["iss", "sub", "iat"], knownOptional: ["aud"],
        verificationClaims: ["iss", "sub", "maxAge"])

    /// `FacebookIdToken`: requires `user_id`, `app_id`, `iat`; knows `expired_at`. The original documentation's snake_case
    /// names are used; the original code used `userId`, `appId`, `expiredAt`.
    public static let facebookIdToken = TokenProfile(
        "FacebookIdToken", required: ["user_id", "app_id", "iat"], knownOptional: ["expired_at"],
        verificationClaims: ["user_id", "app_id", "maxAge"])

    /// `RefreshToken`: requires `refresh_token`, `access_token` (the original code used camelCase names and a
    /// placeholder optional claim, both dropped).
    public static let refreshToken = TokenProfile(
        "RefreshToken", required: ["refresh_token", "access_token"], knownOptional: [],
        verificationClaims: ["refresh_token", "access_token"])

    /// `RiscToken`: requires `jti`, `iss`, `sub`, `iat`; knows `aud`, `nbf`, `exp`.
    public static let riscToken = TokenProfile(
        "RiscToken", required: ["jti", "iss", "sub", "iat"], knownOptional: ["aud", "nbf", "exp"],
        verificationClaims: ["jti", "iss", "sub", "maxAge"])

    /// `ScopedAccessToken`: requires `iss`, `sub`, `iat`, `scope`; knows `aud`, `exp`.
    public static let scopedAccessToken = TokenProfile(
        "ScopedAccessToken", required: ["iss", "sub", "iat", "scope"], knownOptional: ["aud", "exp"],
        verificationClaims: ["iss", "sub", "scope", "maxAge"])

    /// Every profile (`googleAccessToken` is `accessToken`).
    public static let all: [TokenProfile] = [
        basicIdToken, googleIdToken, extendedIdToken, accessToken, implicitAccessToken, facebookIdToken,
        refreshToken, riscToken, scopedAccessToken,
    ]
}
