import Foundation
import OAuthJWTTesting
import Testing

@testable import JOSE

/// Seeded, reproducible mutation testing: mutated tokens and JWKS documents must never crash the parser or verifier,
/// and nothing but the original token may verify.
struct RobustnessTests {
    static let seed: UInt64 = 0x5EED_0A07_2026

    /// Bytes that make interesting mutations: the base64url alphabet, separators, padding, and JSON punctuation.
    static let interesting = Array("ABCabc019-_.=+/ {}[]\":,\\\u{0}\u{7f}".utf8) + [0xC3, 0xFF, 0x80]

    static func mutate(_ input: [UInt8], using rng: inout SplitMix64) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            guard !bytes.isEmpty else { return interesting.shuffled(using: &rng) }
            let index = Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0..<7, using: &rng) {
            case 0: bytes[index] ^= UInt8(1 << Int.random(in: 0..<8, using: &rng))
            case 1: bytes[index] = interesting.randomElement(using: &rng) ?? 0
            case 2: bytes.remove(at: index)
            case 3: bytes.insert(interesting.randomElement(using: &rng) ?? 0, at: index)
            case 4: bytes.removeSubrange(index...)
            case 5:
                let end = min(bytes.count, index + Int.random(in: 1...40, using: &rng))
                bytes.insert(contentsOf: bytes[index..<end], at: index)
            default:
                let other = Int.random(in: 0..<bytes.count, using: &rng)
                bytes.swapAt(index, other)
            }
        }
        return bytes
    }

    @Test("100,000 mutated tokens and JWKS documents: no crash, nothing forged is accepted")
    func mutations() async throws {
        var rng = SplitMix64(seed: Self.seed)
        let algorithms: [JWSAlgorithm] = [.hs256, .rs256, .ps256, .es256, .es512, .eddsa]
        var originals: [(token: String, keys: [JWSKey])] = []
        for algorithm in algorithms {
            let key = TestIssuer.sharedKey(algorithm)
            originals.append(
                (try TestIssuer.shared(algorithm).token(), [algorithm.isSymmetric ? key : try key.publicKey()]))
        }
        // Mutating the JSON before encoding reaches the JSON parser and header checks, not only base64url.
        var headerMutations = 0
        var accepted = 0
        var outcomes = [JOSEError.Code: Int]()
        let options = JWTValidationOptions()
        for round in 0..<80_000 {
            let (token, keys) = originals[round % originals.count]
            let resolver = StaticKeySource(keySet: JWKSet(keys: keys))
            let candidate: String
            if round % 4 == 0 {
                let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
                let index = Int.random(in: 0..<2, using: &rng)
                var decoded = try Base64URL.decode(parts[index])
                decoded = Self.mutate(decoded, using: &rng)
                var mutated = parts
                mutated[index] = Base64URL.encode(decoded)
                candidate = mutated.joined(separator: ".")
                headerMutations += 1
            } else {
                candidate = String(decoding: Self.mutate(Array(token.utf8), using: &rng), as: UTF8.self)
            }
            do {
                _ = try JWTVerifier(keys: resolver, options: options).verify(candidate, using: resolver)
                accepted += 1
                #expect(candidate == token, "a mutated token verified (round \(round))")
            } catch {
                outcomes[error.code, default: 0] += 1
            }
        }

        // JWKS documents: a mutated set may still hold genuine keys, but never a key that verifies what the genuine
        // key does not.
        let jwks = try JWKSet(
            keys: algorithms.filter { !$0.isSymmetric }.map { try TestIssuer.sharedKey($0).publicKey() }
        )
        .publicJSON().serialized()
        let thumbprints = Set(
            try originals.flatMap { try $0.keys.filter { !$0.isPrivate }.map { try $0.thumbprint() } })
        var parsedSets = 0
        for round in 0..<20_000 {
            let document = Self.mutate(jwks, using: &rng)
            guard let set = try? JWKSet(jsonBytes: document) else { continue }
            parsedSets += 1
            let (token, _) = originals[1 + round % (originals.count - 1)]
            let resolver = StaticKeySource(keySet: set)
            if let verified = try? JWTVerifier(keys: resolver).verify(token, using: resolver) {
                #expect(thumbprints.contains(try verified.key.thumbprint()), "a mutated key verified (round \(round))")
            }
        }
        print(
            "Robustness: 80,000 token mutations (\(headerMutations) inside decoded JSON), \(accepted) accepted (identity), 20,000 JWKS mutations (\(parsedSets) parsed); rejection codes: \(outcomes.sorted { $0.value > $1.value }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))"
        )
        #expect(outcomes.count >= 8, "mutations reach many different checks")
    }
}
