import Foundation
import JOSE

// Verifies one token in a loop, for profilers (callgrind, perf) and for the flat-memory check:
//   VerificationLoop <alg> <count> [--sample N]
// prints the resident set size every N verifications (default count / 10) and the throughput at the end.

let arguments = CommandLine.arguments
guard arguments.count >= 3, let algorithm = JWSAlgorithm(rawValue: arguments[1]), let count = Int(arguments[2]),
    count > 0
else {
    FileHandle.standardError.write(Data("usage: VerificationLoop <alg> <count> [--sample N]\n".utf8))
    exit(2)
}
let sample = arguments.firstIndex(of: "--sample").flatMap { Int(arguments[$0 + 1]) } ?? max(1, count / 10)

let issuer = "https://issuer.example"
let key = try JWSKey.generate(for: algorithm, keyID: "loop-\(algorithm.rawValue)")
let now = Int64(Date().timeIntervalSince1970)
let token = try JWTSigner.sign(
    JWTClaims([
        "iss": .string(issuer), "aud": "api", "sub": "user-42", "scope": "read write",
        "iat": .number(JSONNumber(now)), "exp": .number(JSONNumber(now + 86_400)),
    ]), with: key)
let resolver = StaticKeyResolver(keySet: JWKSet(keys: [algorithm.isSymmetric ? key : try key.publicKey()]))
let verifier = JWTVerifier(
    keys: resolver, options: JWTValidationOptions(algorithms: [algorithm], issuers: [issuer], audiences: ["api"]))

/// The resident set size in KiB, from /proc/self/status.
func residentKiB() -> Int {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
    return Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1
}

let start = ContinuousClock.now
var subjects = 0
for index in 1...count {
    let verified = try verifier.verify(token, using: resolver)
    if verified.claims.subject != nil { subjects += 1 }
    if index % sample == 0 { print("\(index) verifications: resident \(residentKiB()) KiB") }
}
let elapsed = ContinuousClock.now - start
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
print("\(algorithm.rawValue): \(subjects) verified, \(Int(Double(count) / seconds)) verifications/s")
