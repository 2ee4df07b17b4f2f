import Foundation
import HTTPTypes
import JOSE
import OAuthJWT

// Cold start under a burst: N concurrent first requests for one issuer whose keys take `pause` to arrive (a key
// source that answers after a pause, standing in for the JWKS fetch), with one shared token and with N distinct
// tokens. Prints how often the key source was asked and the spread of the requests' latencies beyond the pause.
//   BurstLoop [requests] [pause in ms] [rounds] [one|distinct]

let arguments = CommandLine.arguments
let requests = arguments.count > 1 ? Int(arguments[1]) ?? 2000 : 2000
let pause = Duration.milliseconds(arguments.count > 2 ? Int(arguments[2]) ?? 100 : 100)
let rounds = arguments.count > 3 ? Int(arguments[3]) ?? 5 : 5
let modes = arguments.count > 4 ? [arguments[4] == "distinct"] : [false, true]

/// Answers after `pause` the first time (a cold fetch), at once afterwards; counts the asks.
final class ColdKeySource: KeySource, @unchecked Sendable {  // `state` only under `lock`
    let key: JWSKey
    let pause: Duration
    private let lock = NSLock()
    nonisolated(unsafe) private var state = (asks: 0, warm: false)

    init(key: JWSKey, pause: Duration) {
        self.key = key
        self.pause = pause
    }

    var asks: Int { lock.withLock { state.asks } }

    func keys(for token: UnverifiedJWT) async throws(JOSEError) -> [JWSKey] {
        let warm = lock.withLock {
            state.asks += 1
            return state.warm
        }
        if !warm {
            try? await Task.sleep(for: pause)
            lock.withLock { state.warm = true }
        }
        return [key]
    }

    func immediateKeys(for token: UnverifiedJWT) -> [JWSKey]? { lock.withLock { state.warm } ? [key] : nil }
}

/// The latencies of a burst, gathered from its tasks. `@unchecked Sendable`: `values` only under `lock`.
final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Double] = []

    /// Adds `value`; returns all values when it was the `count`th.
    func append(_ value: Double, completing count: Int) -> [Double]? {
        lock.withLock {
            values.append(value)
            return values.count == count ? values : nil
        }
    }
}

func run(distinctTokens: Bool) async throws -> (asks: Int, beyondPause: [Double]) {
    let key = try JWSKey.generate(for: .rs256, keyID: "burst")
    let now = Int64(Date().timeIntervalSince1970)
    func token(_ subject: String) throws -> String {
        try JWTSigner.sign(
            JWTClaims([
                "iss": "https://issuer.example", "aud": "api", "sub": .string(subject),
                "exp": .number(JSONNumber(now + 3600)),
            ]), with: key)
    }
    let tokens = distinctTokens ? try (0..<requests).map { try token("user-\($0)") } : [try token("user")]
    let keys = ColdKeySource(key: try key.publicKey(), pause: pause)
    let authenticator = try BearerTokenAuthenticator(
        keys: keys,
        configuration: .init(issuers: ["https://issuer.example"], audiences: ["api"], algorithms: [.rs256]))
    // Each request is an unstructured task, as each connection's request is in a server, not a child of one task
    // group: a group unlinks each finished child by walking its list of children, which for 2,000 children was
    // 5 % of this benchmark's profile and most of its tail (it made the last requests wait for the group, not for
    // the authenticator). The results are gathered under a lock; the last one resumes the waiting loop.
    let headers: [HTTPFields] = (0..<requests).map { [.authorization: "Bearer \(tokens[$0 % tokens.count])"] }
    let results = Results()
    let start = ContinuousClock.now
    let latencies = await withCheckedContinuation { (finished: CheckedContinuation<[Double], Never>) in
        for index in 0..<requests {
            let request = headers[index]
            Task {
                let latency: Double
                if case .authorized = await authenticator.authenticate(headerFields: request) {
                    let elapsed = ContinuousClock.now - start - pause
                    latency = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
                } else {
                    latency = -1
                }
                if let all = results.append(latency, completing: requests) { finished.resume(returning: all) }
            }
        }
    }
    guard !latencies.contains(-1) else { throw JOSEError(.invalidSignature, "a request was not authorized") }
    return (keys.asks, latencies.sorted())
}

print("requests  tokens     key-source asks   beyond the \(pause) pause, ms: min / median / p99 / max")
for distinct in modes {
    var summaries: [[Double]] = []
    var asks = 0
    for _ in 0..<rounds {
        let result = try await run(distinctTokens: distinct)
        asks = result.asks
        let values = result.beyondPause
        summaries.append([
            values[0], values[values.count / 2], values[values.count * 99 / 100], values[values.count - 1],
        ])
    }
    let medians = (0..<4).map { column in summaries.map { $0[column] }.sorted()[summaries.count / 2] }
    print(
        String(requests).padding(toLength: 10, withPad: " ", startingAt: 0)
            + (distinct ? "distinct" : "one").padding(toLength: 11, withPad: " ", startingAt: 0)
            + String(asks).padding(toLength: 18, withPad: " ", startingAt: 0)
            + medians.map { String(format: "%.1f", $0) }.joined(separator: " / "))
}
print("medians over \(rounds) rounds; 'asks' counts the key source's answers in the last round")
