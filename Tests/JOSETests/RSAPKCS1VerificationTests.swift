import Testing

@testable import JOSE

/// RSASSA-PKCS1-v1_5 verification, which runs the RSA public operation on prepared big numbers and compares the
/// whole expected encoding: the checks RFC 8017 §8.2.2 asks for beyond what the Wycheproof files cover.
struct RSAPKCS1VerificationTests {
    private let key: JWSKey
    private let publicKey: JWSKey
    private let modulus: [UInt8]

    init() throws {
        // Without a JWK `alg`, so one key can be tried under every RS digest.
        guard case .object(var members) = try JWSKey.generate(for: .rs256).privateJWK() else {
            throw JOSEError(.invalidKey, "a JWK is an object")
        }
        members["alg"] = nil
        key = try JWSKey(jwk: .object(members))
        publicKey = try key.publicKey()
        modulus = try Base64URL.decode(try #require(try publicKey.publicJWK()["n"]?.stringValue))
    }

    /// `a + b` for big-endian numbers of the same length, or `nil` when the sum does not fit in that length.
    private func sum(_ a: [UInt8], _ b: [UInt8]) -> [UInt8]? {
        var result = [UInt8](repeating: 0, count: a.count)
        var carry = 0
        for index in stride(from: a.count - 1, through: 0, by: -1) {
            let total = Int(a[index]) + Int(b[index]) + carry
            result[index] = UInt8(total & 0xFF)
            carry = total >> 8
        }
        return carry == 0 ? result : nil
    }

    @Test("A signature plus the modulus (the same value mod n) is refused: the representative must be below n")
    func signatureAtOrAboveTheModulusIsRefused() throws {
        // s + n ≡ s (mod n), so without the range check of RFC 8017 §5.2.2 it would verify. It fits in k bytes for
        // about a third of signatures: sign different messages until one does.
        var tried = 0
        for attempt in 0..<500 {
            let message = Array("message \(attempt)".utf8)
            let signature = try key.sign(message, algorithm: .rs256)
            guard let shifted = sum(signature, modulus) else { continue }
            tried += 1
            try publicKey.verify(signature: signature, for: message, algorithm: .rs256)
            expectJOSEError(.invalidSignature, "s + n") {
                try publicKey.verify(signature: shifted, for: message, algorithm: .rs256)
            }
            if tried == 3 { break }
        }
        #expect(tried == 3)
        // s = n itself, the smallest out-of-range value.
        expectJOSEError(.invalidSignature, "s = n") {
            try publicKey.verify(signature: modulus, for: Array("m".utf8), algorithm: .rs256)
        }
    }

    @Test("Every RS digest round-trips, and a signature never verifies under another digest or message")
    func digestsAreBoundToTheirEncoding() throws {
        let message = Array("header.payload".utf8)
        for algorithm in [JWSAlgorithm.rs256, .rs384, .rs512] {
            let signature = try key.sign(message, algorithm: algorithm)
            try publicKey.verify(signature: signature, for: message, algorithm: algorithm)
            for other in [JWSAlgorithm.rs256, .rs384, .rs512] where other != algorithm {
                expectJOSEError(.invalidSignature, "\(algorithm) as \(other)") {
                    try publicKey.verify(signature: signature, for: message, algorithm: other)
                }
            }
            expectJOSEError(.invalidSignature, "\(algorithm), other message") {
                try publicKey.verify(signature: signature, for: message + [0x2E], algorithm: algorithm)
            }
        }
    }

    @Test("Signatures of zero and one are refused")
    func trivialRepresentativesAreRefused() {
        let message = Array("m".utf8)
        let zero = [UInt8](repeating: 0, count: modulus.count)
        let one = zero.dropLast() + [1]
        for signature in [zero, Array(one)] {
            expectJOSEError(.invalidSignature, "\(signature.last ?? 0)") {
                try publicKey.verify(signature: signature, for: message, algorithm: .rs256)
            }
        }
    }
}
