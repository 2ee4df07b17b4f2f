import BenchmarkFixtures
import Foundation
import JOSE

// Verifies one token in a loop with one contender of the benchmarks (same fixtures), for profilers and for the
// flat-memory check:
//   VerificationLoop <alg> <count> [--contender ours|raw] [--sample N]
// prints the resident set size every N verifications (default count / 10) and the throughput at the end.
// `Benchmarks/instructions` runs it under callgrind to count instructions per verification. Nothing here suspends
// (valgrind cannot follow the threads of Swift concurrency), so jwt-kit, whose API is async, is not a contender.

let arguments = CommandLine.arguments
func option(_ name: String) -> String? {
    arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
}
guard arguments.count >= 3, let algorithm = JWSAlgorithm(rawValue: arguments[1]), let count = Int(arguments[2]),
    count > 0, let sample = Int(option("--sample") ?? String(max(1, count / 10))), sample > 0
else {
    FileHandle.standardError.write(
        Data("usage: VerificationLoop <alg> <count> [--contender ours|raw] [--sample N]\n".utf8))
    exit(2)
}
let contender = option("--contender") ?? "ours"
let contenders = try Contenders.makeWithoutJWTKitKeys(algorithm)

/// The resident set size in KiB, from /proc/self/status.
func residentKiB() -> Int {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
    return Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1
}

/// One verification by the chosen contender; `true` when it accepted the token.
let verifyOnce: () throws -> Bool
switch contender {
case "ours":
    verifyOnce = { try contenders.verifier.verify(contenders.token, using: contenders.resolver).claims.subject != nil }
case "raw":
    verifyOnce = { contenders.raw.verify() }
default:
    FileHandle.standardError.write(Data("unknown contender \(contender)\n".utf8))
    exit(2)
}

let start = ContinuousClock.now
var accepted = 0
for index in 1...count {
    if try verifyOnce() { accepted += 1 }
    if index % sample == 0 { print("\(index) verifications: resident \(residentKiB()) KiB") }
}
let elapsed = ContinuousClock.now - start
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
print("\(algorithm.rawValue) \(contender): \(accepted) accepted, \(Int(Double(count) / seconds)) verifications/s")
guard accepted == count else { exit(1) }
