import Testing

@testable import JOSE

/// Project Wycheproof signature and MAC suites from `JOSE_VECTORS_DIR`, driven through the library's own key import
/// (JWK and PEM paths both) and its own verify.
///
/// Decisions: `acceptable` cases must be rejected (a strict verifier; none occur in the suites shipped today). HMAC
/// groups whose key is shorter than the hash output are refused at key creation by policy (``JOSEError/Code/weakKey``);
/// their MACs are still checked through the internal primitive so the crypto is exercised. Truncated-tag groups
/// are invalid for JWS: every one of their cases must be rejected.
@Suite(.enabled(if: Vectors.available, "needs JOSE_VECTORS_DIR"))
struct WycheproofTests {
    struct Tally: CustomStringConvertible {
        var valid = 0, invalid = 0, acceptable = 0, refusedKeys = 0
        var description: String {
            "\(valid) valid accepted, \(invalid) invalid rejected, \(acceptable) acceptable rejected, \(refusedKeys) cases with keys refused by policy"
        }
    }

    /// The signature suites and their JWS algorithm; RSA and PSS suites are found by name.
    static var signatureSuites: [(file: String, algorithm: JWSAlgorithm)] {
        var suites: [(String, JWSAlgorithm)] = [
            ("ecdsa_secp256r1_sha256_p1363_test.json", .es256),
            ("ecdsa_secp384r1_sha384_p1363_test.json", .es384),
            ("ecdsa_secp521r1_sha512_p1363_test.json", .es512),
            ("ed25519_test.json", .eddsa),
        ]
        for bits in [2048, 3072, 4096] {
            for (sha, pkcs1, pss) in [
                (256, JWSAlgorithm.rs256, JWSAlgorithm.ps256), (384, .rs384, .ps384), (512, .rs512, .ps512),
            ] {
                suites.append(("rsa_signature_\(bits)_sha\(sha)_test.json", pkcs1))
                suites.append(("rsa_pss_\(bits)_sha\(sha)_mgf1_\(sha / 8)_test.json", pss))
            }
        }
        return suites
    }

    @Test("signature suites: valid verify, invalid and acceptable are rejected, via JWK and PEM keys")
    func signatureSuites() throws {
        var missing: [String] = []
        var ran = 0
        for suite in Self.signatureSuites {
            guard let document = try Vectors.load("wycheproof/\(suite.file)") else {
                missing.append(suite.file)
                continue
            }
            let tally = try run(document, algorithm: suite.algorithm)
            #expect(tally.valid > 0, "\(suite.file) ran no valid case")
            print("Wycheproof \(suite.file) [\(suite.algorithm)]: \(tally)")
            ran += 1
        }
        if !missing.isEmpty {
            print("⚠️ Wycheproof suites not shipped in JOSE_VECTORS_DIR, NOT run: \(missing.joined(separator: ", "))")
        }
        #expect(ran >= 13, "the ECDSA, Ed25519 and RSA suites must be present")
    }

    /// Some ECDSA groups ship no JWK; build one from the group's affine coordinates.
    private func jwk(fromPoint group: JSONValue, _ algorithm: JWSAlgorithm) -> JSONValue? {
        guard case .ecdsa(let curve) = algorithm.family, let x = group["publicKey"]?["wx"]?.stringValue,
            let y = group["publicKey"]?["wy"]?.stringValue
        else { return nil }
        func coordinate(_ hex: String) -> JSONValue {
            let bytes = hexBytes(hex).drop { $0 == 0 }
            return .string(
                Base64URL.encode([UInt8](repeating: 0, count: max(0, curve.coordinateSize - bytes.count)) + bytes))
        }
        return ["kty": "EC", "crv": .string(curve.rawValue), "x": coordinate(x), "y": coordinate(y)]
    }

    private func run(_ document: JSONValue, algorithm: JWSAlgorithm) throws -> Tally {
        var tally = Tally()
        let groups = try #require(document["testGroups"]?.arrayValue)
        for group in groups {
            let jwkKey = try JWSKey(
                jwk: try #require(group["publicKeyJwk"] ?? group["keyJwk"] ?? jwk(fromPoint: group, algorithm)))
            let pemKey = try JWSKey(pem: try #require(group["publicKeyPem"]?.stringValue))
            if let der = group["publicKeyDer"]?.stringValue {
                let derKey = try JWSKey(der: hexBytes(der))
                #expect(try derKey.thumbprint() == jwkKey.thumbprint())
            }
            #expect(try pemKey.thumbprint() == jwkKey.thumbprint())
            for test in try #require(group["tests"]?.arrayValue) {
                let message = hexBytes(try #require(test["msg"]?.stringValue))
                let signature = hexBytes(try #require(test["sig"]?.stringValue))
                let result = try #require(test["result"]?.stringValue)
                let id = test["tcId"]?.numberValue?.literal ?? "?"
                for key in [jwkKey, pemKey] {
                    let accepted = (try? key.verify(signature: signature, for: message, algorithm: algorithm)) != nil
                    switch result {
                    case "valid": #expect(accepted, "tcId \(id) must verify")
                    default: #expect(!accepted, "tcId \(id) (\(result)) must be rejected")
                    }
                }
                switch result {
                case "valid": tally.valid += 1
                case "invalid": tally.invalid += 1
                default: tally.acceptable += 1
                }
            }
        }
        return tally
    }

    @Test(
        "HMAC suites: full-length tags verify or fail as the vectors say; truncated tags are rejected",
        arguments: [
            ("hmac_sha256_test.json", JWSAlgorithm.hs256), ("hmac_sha384_test.json", .hs384),
            ("hmac_sha512_test.json", .hs512),
        ])
    func hmacSuites(file: String, algorithm: JWSAlgorithm) throws {
        let document = try #require(try Vectors.load("wycheproof/\(file)"), "\(file) missing")
        let digest = try #require(algorithm.digest)
        var tally = Tally()
        var truncatedRejected = 0
        for group in try #require(document["testGroups"]?.arrayValue) {
            let tagBits = try #require(group["tagSize"]?.numberValue?.int64Value)
            let keyBits = try #require(group["keySize"]?.numberValue?.int64Value)
            for test in try #require(group["tests"]?.arrayValue) {
                let secret = hexBytes(try #require(test["key"]?.stringValue))
                let message = hexBytes(try #require(test["msg"]?.stringValue))
                let tag = hexBytes(try #require(test["tag"]?.stringValue))
                let result = try #require(test["result"]?.stringValue)
                let id = test["tcId"]?.numberValue?.literal ?? "?"
                let key = try? JWSKey(hmacSecret: secret, algorithm: algorithm)
                if Int(keyBits) < digest.size * 8 {
                    // Policy (Documentation/Architecture.md, JOSE): a secret shorter than the hash output is refused when the key is made.
                    #expect(key == nil, "tcId \(id): a short secret must be refused")
                    expectJOSEError(.weakKey) { try JWSKey(hmacSecret: secret, algorithm: algorithm) }
                    tally.refusedKeys += 1
                    continue
                }
                let unwrapped = try #require(key)
                let accepted = (try? unwrapped.verify(signature: tag, for: message, algorithm: algorithm)) != nil
                if Int(tagBits) != digest.size * 8 {
                    #expect(!accepted, "tcId \(id): a truncated tag must be rejected")
                    truncatedRejected += accepted ? 0 : 1
                    continue
                }
                if result == "valid" {
                    #expect(accepted, "tcId \(id) must verify")
                    tally.valid += 1
                } else {
                    #expect(!accepted, "tcId \(id) must be rejected")
                    tally.invalid += 1
                }
            }
        }
        #expect(tally.valid > 0)
        print("Wycheproof \(file) [\(algorithm)]: \(tally), \(truncatedRejected) truncated-tag cases rejected")
    }
}
