import Foundation
import FuzzHarness
import JOSE
import OAuthJWTTesting
import OIDCMessages

// Writes the seed corpora (Corpus/<target>/seed-*) from the fixed fuzz keys, so seed tokens verify in the targets.
// Usage: FuzzSeeds [fuzz-directory]. Files it did not write (such as the X.509 seeds) are left alone.

let root = URL(fileURLWithPath: CommandLine.arguments.dropFirst().first ?? FileManager.default.currentDirectoryPath)

func write(_ target: String, _ name: String, _ bytes: [UInt8]) throws {
    let directory = root.appendingPathComponent("Corpus").appendingPathComponent(target)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try Data(bytes).write(to: directory.appendingPathComponent("seed-\(name)"))
}

func write(_ target: String, _ name: String, _ text: String) throws { try write(target, name, Array(text.utf8)) }

let now: Int64 = 1_900_000_000
let claims: [String: JSONValue] = [
    "iss": "https://issuer.example", "aud": ["api://fuzz", "other"], "sub": "alice", "scope": "read a write",
    "org": 12345, "roles": ["user", "admin"], "iat": .number(JSONNumber(now - 10)),
    "nbf": .number(JSONNumber(now - 10)), "exp": .number(JSONNumber(now + 3600)), "jti": "id-1",
]

// compactToken: a token for every key and algorithm, and header/payload pairs the target signs itself.
var esToken = ""
for (key, algorithm) in FuzzKeys.signing {
    let token = try JWTSigner.sign(JWTClaims(claims), with: key, algorithm: algorithm, type: "at+jwt")
    try write("compactToken", "\(algorithm.rawValue)-\(key.keyID ?? "")", token)
    if algorithm == .es256 { esToken = token }
}
let payload = String(decoding: JSONValue.object(claims).serialized(), as: UTF8.self)
for (name, header) in [
    ("plain", #"{"alg":"HS256","kid":"hs256","typ":"at+jwt"}"#),
    ("crit", #"{"alg":"HS256","kid":"hs256","crit":["b64"],"b64":true}"#),
    ("nokid", #"{"alg":"HS256"}"#), ("nested", #"{"alg":"HS256","kid":"hs256","x":{"a":[1,2.5e3,"\u00e9"]}}"#),
] {
    try write("compactToken", "signed-\(name)", header + "\u{0}" + payload)
}
try write(
    "compactToken", "signed-times",
    #"{"alg":"HS256","kid":"hs256"}"# + "\u{0}" + #"{"exp":1e400,"iat":9223372036854775807,"nbf":-1}"#)

// bearerRequest: Authorization values, Content-Type, query, form body, separated by 0x00.
let hsToken = try JWTSigner.sign(JWTClaims(claims), with: FuzzKeys.signing[0].key, algorithm: .hs256)
for (name, fields) in [
    ("header", ["Bearer \(esToken)", "", "", ""]), ("hs", ["bearer \(hsToken)", "", "", ""]),
    ("two-headers", ["Bearer \(esToken)", "Bearer \(hsToken)", "", "", ""]),
    ("query", ["", "access_token=\(esToken)&x=1", ""]),
    ("form", ["application/x-www-form-urlencoded; charset=utf-8", "", "a=b&access_token=\(esToken)"]),
    ("basic", ["Basic YWxhZGRpbjpvcGVuc2VzYW1l", "", "", ""]), ("malformed", ["Bearer a b", "", "", ""]),
] {
    try write("bearerRequest", name, fields.joined(separator: "\u{0}"))
}

// senderConstrainedRequest: method, path, Authorization, DPoP proofs, Client-Cert, separated by 0x00. The fuzz
// P-256 key doubles as the DPoP client key; the certificate is the JOSE import tests' self-signed one.
let dpopKey = FuzzKeys.signing.first { $0.algorithm == .es256 }!.key
let thumbprint = try dpopKey.publicKey().thumbprint()
let certificate =
    "MIIBlDCCATugAwIBAgIUBTerQnzDhblxx1RNjx0Hch7+0uEwCgYIKoZIzj0EAwIwHzEdMBsGA1UEAwwUc3dpZnQtb2F1dGgtand0IHRlc3QwIBcNMjYxMTIzMDA1ODQ4WhgPMjEyNjEwMzAwMDU4NDhaMB8xHTAbBgNVBAMMFHN3aWZ0LW9hdXRoLWp3dCB0ZXN0MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEYFYEsOHV+naLeOfco56MFTT7GbgR6osXtUmjv7PZLn/2GaHC8V44BlP5ak0QNw3QzWTATw5QBRPFa/Fn09lPxKNTMFEwHQYDVR0OBBYEFLfxg4RI9xE5m/hDz2h+Aa2byDX/MB8GA1UdIwQYMBaAFLfxg4RI9xE5m/hDz2h+Aa2byDX/MA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDRwAwRAIgDVeAfuT7JuNMoFQvJthxwKMNgkndJKhbUUNaxm/0sOECIGj4R//WlVuSepBh0CzOLGCVKXVFof/JMBupsKSvxVS5"
var bound = claims
bound["cnf"] = .object(["jkt": .string(thumbprint), "x5t#S256": "lJst62rMuD_RPQ2mVN70iNrpuNp24McYbvWs0rZrM6w"])
let boundToken = try JWTSigner.sign(JWTClaims(bound), with: dpopKey, algorithm: .es256, type: "at+jwt")
func proof(_ method: String, _ url: String, token: String) throws -> String {
    try DPoPTestClient(key: dpopKey, algorithm: .es256).proof(
        method: method, url: url, accessToken: token, issuedAt: Date(timeIntervalSince1970: Double(now)), jti: "fuzz-1")
}
let orders = FuzzTarget.senderConstrainedOrigin + "/orders"
for (name, fields) in [
    (
        "dpop",
        ["GET", "/orders?x=1", "DPoP \(boundToken)", try proof("GET", orders, token: boundToken), ":\(certificate):"]
    ),
    (
        "dpop-two-proofs",
        [
            "POST", "/orders", "DPoP \(boundToken)", try proof("POST", orders, token: boundToken),
            try proof("POST", orders, token: boundToken), "",
        ]
    ),
    ("bearer-bound", ["GET", "/orders", "Bearer \(boundToken)", ":\(certificate):"]),
    ("no-proof", ["GET", "/orders", "DPoP \(boundToken)", ""]),
] {
    try write("senderConstrainedRequest", name, fields.joined(separator: "\u{0}"))
}

// jwksDocument: the published set, private keys, a set with an unsupported key beside good ones.
try write("jwksDocument", "public-set", FuzzKeys.verificationSet.publicJSON().serialized())
for (key, _) in FuzzKeys.signing where key.isPrivate {
    try write("jwksDocument", "private-\(key.keyID ?? "")", key.privateJWK().serialized())
}
try write(
    "jwksDocument", "mixed",
    #"{"keys":[{"kty":"RSA","n":"AQAB","e":"AQAB"},{"kty":"EC","crv":"P-256","kid":"k","use":"sig","alg":"ES256","key_ops":["verify"],"x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"},{"kty":"oct","k":"c2VjcmV0"},{"kty":"OKP","crv":"X25519","x":"AA"}]}"#
)

// discoveryDocument.
try write(
    "discoveryDocument", "oidc",
    #"{"issuer":"https://as.example","jwks_uri":"https://as.example/jwks","authorization_endpoint":"https://as.example/authorize","token_endpoint":"https://as.example/token","response_types_supported":["code"],"id_token_signing_alg_values_supported":["RS256"]}"#
)
try write(
    "discoveryDocument", "loopback", #"{"issuer":"http://127.0.0.1:9/tenant","jwks_uri":"http://127.0.0.1:9/keys"}"#)
try write("discoveryDocument", "downgrade", #"{"issuer":"https://as.example","jwks_uri":"http://localhost/keys"}"#)

// responseHeaders: Cache-Control values.
for (index, value) in [
    "max-age=60", "public, max-age=300, must-revalidate", "no-cache", "no-store", "max-age=\"120\"", "max-age=60,=",
    "private=\"a, max-age=5\", max-age=90", "MAX-AGE = 90", "s-maxage=50, max-age=99999999999999999999",
].enumerated() {
    try write("responseHeaders", "\(index)", value)
}

// keyImport: PEM and DER of every asymmetric key, public and private (X.509 seeds are committed separately).
for (key, _) in FuzzKeys.signing where key.isPrivate {
    if case .oct = key.type { continue }
    let name = key.keyID ?? ""
    for (kind, pem) in [("public", try key.publicPEM()), ("private", try key.privatePEM())] {
        try write("keyImport", "\(kind)-\(name).pem", pem)
        let body = pem.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        if let der = Data(base64Encoded: body) { try write("keyImport", "\(kind)-\(name).der", [UInt8](der)) }
    }
}

// oidcMessages: for every schema an empty JSON and form message, plus real messages in every form.
for (index, schema) in FuzzTarget.messageSchemas.enumerated() {
    try write("oidcMessages", "\(index)-json-empty", [UInt8(index), 0] + Array("{}".utf8))
    try write("oidcMessages", "\(index)-form-empty", [UInt8(index), 1])
    _ = schema
}
let samples: [(String, String)] = [
    (
        "AuthorizationRequest",
        #"{"response_type":"code","client_id":"client","redirect_uri":"https://client.example/cb","scope":"openid email","state":"s","nonce":"n","prompt":"login consent","claims":{"id_token":{"email":{"essential":true}}}}"#
    ),
    (
        "IdToken",
        #"{"iss":"https://issuer.example","sub":"alice","aud":["client"],"exp":1900003600,"iat":1900000000,"nonce":"n","azp":"client","at_hash":"abc"}"#
    ),
    (
        "AccessTokenResponse",
        #"{"access_token":"a","token_type":"Bearer","expires_in":3600,"refresh_token":"r","scope":"openid"}"#
    ),
    (
        "ProviderConfigurationResponse",
        #"{"issuer":"https://issuer.example","authorization_endpoint":"https://issuer.example/a","jwks_uri":"https://issuer.example/k","response_types_supported":["code"],"subject_types_supported":["public"],"id_token_signing_alg_values_supported":["ES256"]}"#
    ),
    (
        "RegistrationRequest",
        #"{"redirect_uris":["https://client.example/cb"],"client_name":"c","grant_types":["authorization_code"]}"#
    ),
]
for (name, json) in samples {
    guard let index = FuzzTarget.messageSchemas.firstIndex(where: { $0.name == name }) else { continue }
    let schema = FuzzTarget.messageSchemas[index]
    try write("oidcMessages", "\(name)-json", [UInt8(index), 0] + Array(json.utf8))
    guard let message = try? Message(schema, jsonString: json) else { continue }
    if let form = try? message.urlEncoded(lax: true) {
        try write("oidcMessages", "\(name)-form", [UInt8(index), 1] + Array(form.utf8))
    }
    let (key, algorithm) = FuzzKeys.signing.first { $0.algorithm == .es256 }!
    if let jwt = try? message.jwt(signedWith: key, algorithm: algorithm, extraHeader: ["kid": "p256"]) {
        try write("oidcMessages", "\(name)-jwt", [UInt8(index), 2] + Array(jwt.utf8))
    }
    try write("oidcMessages", "\(name)-unsecured", [UInt8(index), 3] + Array(message.unsecuredJWT().utf8))
}

// oidcMessages, form 4: token-profile payloads the target signs.
for (name, payload) in [
    (
        "profile",
        #"{"iss":"https://issuer.example","sub":"alice","aud":"api://fuzz","jti":"id-1","iat":1899999990,"exp":1900003600}"#
    ),
    ("profile-times", #"{"iss":"https://issuer.example","sub":"alice","iat":1e300,"nbf":-1,"exp":1e400}"#),
] {
    try write("oidcMessages", name, [0, 4] + Array(payload.utf8))
}

// jsonDifferential.
for (index, text) in [
    #"{"a":[1,-0,1.5e-3,12345678901234567890,true,false,null],"b":{"c":"\u00e9\ud83d\ude00\n"}}"#, "0", "\"\"", "[]",
    #"{"K":1,"\u212a":2}"#, "[1E400]", "  {\"x\" : [ ] }  ", #"[0.1, 100e-2, -9223372036854775808]"#,
].enumerated() {
    try write("jsonDifferential", "\(index)", text)
}

// base64URLDifferential.
for (index, text) in ["", "AA", "AAA", "AAAA", "_-8", "QQ", "QR", "YWJj", "YWJjZA", "YWJjZGU", "a+b/", "QQ=="]
    .enumerated()
{
    try write("base64URLDifferential", "\(index)", text)
}
print("seeds written under \(root.path)/Corpus")

// compactJWE: a nested token for each fixed key and algorithm, compressed ones, and a few keys as JWKs.
let nestedSeed = Array(
    try JWTSigner.sign(JWTClaims(claims), with: FuzzKeys.signing[0].key, algorithm: FuzzKeys.signing[0].algorithm).utf8)
let jweSeeds: [(String, JWEAlgorithm, JWEContentEncryption, Bool)] = [
    ("rsa", .rsaOAEP256, .a256GCM, false), ("rsa", .rsaOAEP, .a128CBCHS256, true), ("p256", .ecdhES, .a128GCM, false),
    ("p256", .ecdhESA256KW, .a256CBCHS512, true), ("oct16", .a128KW, .a192GCM, false),
    ("oct16", .direct, .a128GCM, true),
    ("oct16", .a128GCMKW, .a256GCM, false), ("oct32", .direct, .a128CBCHS256, false),
    ("oct32", .a256KW, .a128GCM, true),
    ("password", .pbes2HS256A128KW, .a128GCM, false),
]
for (kid, algorithm, encryption, compressed) in jweSeeds {
    guard let key = FuzzKeys.encryption.first(where: { $0.keyID == kid }) else { continue }
    var header: [String: JSONValue] = ["cty": "JWT"]
    if algorithm.rawValue.hasPrefix("PBES2") { header = [:] }
    let jwe = try JWEEncrypter.encrypt(
        nestedSeed, to: key, algorithm: algorithm, encryption: encryption, header: header, compressed: compressed)
    try write("compactJWE", "\(kid)-\(algorithm.rawValue)-\(encryption.rawValue)\(compressed ? "-zip" : "")", jwe)
}
try write("compactJWE", "jwk-oct", #"{"kty":"oct","k":"AAECAwQFBgcICQoLDA0ODw","alg":"A128KW","use":"enc"}"#)
try write(
    "compactJWE", "jwk-x25519", #"{"kty":"OKP","crv":"X25519","x":"hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo"}"#)
