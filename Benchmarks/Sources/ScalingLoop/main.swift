import BenchmarkFixtures
import Foundation
import HTTPTypes
import JOSE
import OAuthJWT

// Scaling across cores: the same work with 1 and then 2 concurrent tasks sharing one verifier (RS256, ES256) or one
// authenticator and its verified-token cache (cache hits), on Swift's global executor (one thread per core).
//   ScalingLoop [seconds per run] [rounds] [workload name prefix]
// Each round measures 1 task, then 2 tasks, for every workload; the table gives the median throughput of each and
// the median of the per-round ratios (2 tasks / 1 task). The ideal on a 2-core machine is 2.0.

let arguments = CommandLine.arguments
let seconds = arguments.count > 1 ? Double(arguments[1]) ?? 2 : 2
let rounds = arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5
let only = arguments.count > 3 ? arguments[3] : ""

/// Runs `tasks` concurrent loops for `seconds`, each with its own operation from `makeWork` (as each request of a
/// server has its own bytes); returns operations per second over all loops.
///
/// Each task makes its operation itself, on its own thread. Made one after the other by the parent, two tasks' small
/// objects (the header fields' storage, the token's bytes) came from one allocator run, next to each other: one
/// task's reference-count writes then shared cache lines with the other's reads, and the one-token cache hits
/// scaled 1.39–1.97 depending on where the allocator put them (`perf`: the retains in the header scan grew from 4 to
/// 11 % of all samples with two tasks). Nothing of the library was shared there; made in the task, they scale 2.0.
func measure(tasks: Int, _ makeWork: @escaping @Sendable () -> @Sendable () async -> Bool) async -> Double {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    let start = ContinuousClock.now
    let total = await withTaskGroup(of: Int.self) { group in
        for _ in 0..<tasks {
            group.addTask {
                let work = makeWork()
                var done = 0
                while ContinuousClock.now < deadline {
                    for _ in 0..<64 where await work() { done += 1 }
                }
                return done
            }
        }
        return await group.reduce(0, +)
    }
    let elapsed = ContinuousClock.now - start
    return Double(total) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
}

/// A workload: its name, and how a task makes the operation it repeats (answering whether it succeeded). Each task
/// copies the token and header bytes it sends, as each request of a server arrives in its own buffers: only the
/// verifier or authenticator (with its cache) is shared between tasks, which is what this measures.
struct Workload: Sendable {
    let name: String
    let makeOperation: @Sendable () -> @Sendable () async -> Bool
}

/// A task's own position in a list, stepped by a stride coprime to the list's length (no system call per step, as
/// a random pick would make). `@unchecked Sendable`: each task has its own and runs its loop sequentially.
final class Cursor: @unchecked Sendable {
    private var index: Int
    init(start: Int) { index = start }
    func next(below count: Int) -> Int {
        index = (index + 97) % count
        return index
    }
}

/// A copy of `text` in storage of its own.
func ownCopy(_ text: String) -> String { String(decoding: Array(text.utf8), as: UTF8.self) }

/// Header fields with a bearer token, in storage of their own.
func ownHeaders(_ token: String) -> HTTPFields { [.authorization: ownCopy("Bearer \(token)")] }

var workloads: [Workload] = []
// Calibration: the harness alone (an async call that shares nothing), the ceiling a short workload can scale to.
workloads.append(Workload(name: "baseline (empty)") { { true } })
for algorithm in [JWSAlgorithm.rs256, .es256, .hs256] {
    let contenders = try Contenders.makeWithoutJWTKitKeys(algorithm)
    workloads.append(
        Workload(name: "\(algorithm.rawValue) verify") {
            let token = ownCopy(contenders.token)
            return { (try? contenders.verifier.verify(token, using: contenders.resolver)) != nil }
        })
}
do {
    let key = try JWSKey.generate(for: .rs256, keyID: "scaling")
    let now = Int64(Date().timeIntervalSince1970)
    let token = try JWTSigner.sign(
        JWTClaims([
            "iss": "https://issuer.example", "aud": "api", "sub": "user-42", "scope": "read",
            "exp": .number(JSONNumber(now + 86_400)),
        ]), with: key)
    var configuration = BearerTokenAuthenticator.Configuration(
        issuers: ["https://issuer.example"], audiences: ["api"], algorithms: [.rs256])
    configuration.scopes = .allOf("read")
    let authenticator = try BearerTokenAuthenticator(
        keys: StaticKeySource(keySet: JWKSet(keys: [try key.publicKey()])), configuration: configuration)
    workloads.append(
        Workload(name: "secure() cache hit") {
            let headers = ownHeaders(token)
            return { await authenticator.authenticate(headerFields: headers).token != nil }
        })
    // Many users: 256 tokens (different subjects), each cached, picked at random per request.
    let tokens: [String] = try (0..<256).map { index in
        try JWTSigner.sign(
            JWTClaims([
                "iss": "https://issuer.example", "aud": "api", "sub": .string("user-\(index)"), "scope": "read",
                "exp": .number(JSONNumber(now + 86_400)),
            ]), with: key)
    }
    for token in tokens { _ = await authenticator.authenticate(headerFields: ownHeaders(token)) }
    workloads.append(
        Workload(name: "secure() hit, 256 users") {
            let many = tokens.map(ownHeaders)
            let cursor = Cursor(start: Int.random(in: 0..<many.count))
            return { await authenticator.authenticate(headerFields: many[cursor.next(below: many.count)]).token != nil }
        })
}

var results: [String: (one: [Double], two: [Double])] = [:]
for round in 1...rounds {
    FileHandle.standardError.write(Data("round \(round) of \(rounds)\n".utf8))
    for workload in workloads where workload.name.hasPrefix(only) {
        let one = await measure(tasks: 1, workload.makeOperation)
        let two = await measure(tasks: 2, workload.makeOperation)
        results[workload.name, default: ([], [])].one.append(one)
        results[workload.name, default: ([], [])].two.append(two)
    }
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1
        ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}
print("workload               1 task ops/s   2 tasks ops/s   2/1")
for workload in workloads {
    guard let result = results[workload.name] else { continue }
    let ratio = median(zip(result.two, result.one).map { $0 / $1 })
    print(
        workload.name.padding(toLength: 20, withPad: " ", startingAt: 0),
        String(format: "%15.0f %15.0f %6.2f", median(result.one), median(result.two), ratio))
}
print("\(ProcessInfo.processInfo.activeProcessorCount) cores; medians over \(rounds) rounds of \(seconds) s runs")
