import JOSE

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `header.payload.signature` with both parts exactly as given, signed with the fixed HS256 secret.
func signedWithHS256(header: [UInt8], payload: [UInt8]) -> String {
    let signingInput = Base64URL.encode(header) + "." + Base64URL.encode(payload)
    let (key, algorithm) = FuzzKeys.signing[0]
    let signature = (try? key.sign(Array(signingInput.utf8), algorithm: algorithm)) ?? []
    return signingInput + "." + Base64URL.encode(signature)
}

extension FuzzTarget {
    /// The moment every seed token is valid at.
    static let fuzzNow = Date(timeIntervalSince1970: 1_900_000_000)

    /// Verifies with every key type at once: HS256/384/512 secrets, RSA (RS/PS), P-256/384/521 and Ed25519.
    static let allKeysVerifier = JWTVerifier(
        keys: StaticKeySource(keySet: FuzzKeys.verificationSet),
        options: JWTValidationOptions(
            algorithms: Set(JWSAlgorithm.allCases), issuers: .any, audiences: .any, leeway: .seconds(60),
            maximumAge: .seconds(86_400 * 365), type: nil, clock: .fixed(fuzzNow)))

    /// A compact token → `JWTVerifier`.
    ///
    /// Input without a 0x00 byte is the token itself. Input with one is `header JSON 0x00 payload JSON`: the target
    /// encodes both and signs them with the HS256 secret, so mutated headers and claims get past the signature and
    /// reach header checks, claim parsing and validation.
    public static let compactToken = FuzzTarget("compactToken") { input in
        let fields = parts(input)
        let token: String
        if fields.count >= 2 {
            token = signedWithHS256(header: fields[0], payload: fields[1])
        } else {
            token = String(fuzz: input)
        }
        runBlocking {
            if let verified = try? await allKeysVerifier.verify(token) {
                // What a handler reads from a verified token must not trap either.
                _ = verified.claims.scopes
                _ = verified.claims.audience
                _ = verified.claims.expiresAt
                _ = verified.claims.grantsScope("read")
            }
        }
    }
}
