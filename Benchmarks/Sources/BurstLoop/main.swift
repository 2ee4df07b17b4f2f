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
    nonisolated(unsafe) private var state = (asks: 0, warm: false, fetch: Duration.zero)

    init(key: JWSKey, pause: Duration) {
        self.key = key
        self.pause = pause
    }

    var asks: Int { lock.withLock { state.asks } }
    /// How long the cold fetch took: the pause and the timer's lateness (a sleep ends some time after its deadline).
    var fetch: Duration { lock.withLock { state.fetch } }

    func keys(for token: UnverifiedJWT) async throws(JOSEError) -> [JWSKey] {
        let warm = lock.withLock {
            state.asks += 1
            return state.warm
        }
        if !warm {
            let started = ContinuousClock.now
            try? await Task.sleep(for: pause)
            let fetch = ContinuousClock.now - started
            lock.withLock { state = (state.asks, true, fetch) }
        }
        return [key]
    }

    func immediateKeys(for token: UnverifiedJWT) -> [JWSKey]? { lock.withLock { state.warm } ? [key] : nil }
}

/// The latencies of a burst, gathered from its tasks. `@unchecked Sendable`: `values` only under `lock`.
final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Double] = []

    /// Adds one request's two values; returns all values (two per request) when it was the `count`th request.
    func append(_ first: Double, _ second: Double, completing count: Int) -> [Double]? {
        lock.withLock {
            values.append(first)
            values.append(second)
            return values.count == 2 * count ? values : nil
        }
    }
}

/// Milliseconds.
func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

/// A burst's figures: how often the key source was asked, and for each request in milliseconds (sorted) how long it
/// took beyond the pause counted from the burst's start (the first measure), and beyond the fetch as it really took
/// counted from the request's own arrival (the target's measure: a request waits for one fetch plus this).
func run(distinctTokens: Bool) async throws -> (asks: Int, beyondPause: [Double], beyondFetch: [Double]) {
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
    let ends = await withCheckedContinuation { (finished: CheckedContinuation<[Double], Never>) in
        for index in 0..<requests {
            let request = headers[index]
            let arrival = ContinuousClock.now
            Task {
                var end = -1.0
                if case .authorized = await authenticator.authenticate(headerFields: request) {
                    end = milliseconds(ContinuousClock.now - start)
                }
                // Two values per request, in one append: its end and its own wait, from its arrival.
                let wait = end < 0 ? -1 : end - milliseconds(arrival - start)
                if let all = results.append(end, wait, completing: requests) { finished.resume(returning: all) }
            }
        }
    }
    guard !ends.contains(-1) else { throw JOSEError(.invalidSignature, "a request was not authorized") }
    let pauseMilliseconds = milliseconds(pause)
    let fetchMilliseconds = milliseconds(keys.fetch)
    let beyondPause = stride(from: 0, to: ends.count, by: 2).map { ends[$0] - pauseMilliseconds }
    let beyondFetch = stride(from: 1, to: ends.count, by: 2).map { ends[$0] - fetchMilliseconds }
    return (keys.asks, beyondPause.sorted(), beyondFetch.sorted())
}

print(
    "requests  tokens     asks  beyond the \(pause) pause from the burst's start | beyond the fetch from each arrival"
)
print("                                 ms: min / median / p99 / max         |  ms: min / median / p99 / max")
/// min, median, p99 and max of sorted values.
func summary(_ values: [Double]) -> [Double] {
    [values[0], values[values.count / 2], values[values.count * 99 / 100], values[values.count - 1]]
}
/// The medians over rounds of each column.
func medians(_ summaries: [[Double]]) -> String {
    (0..<4).map { column in summaries.map { $0[column] }.sorted()[summaries.count / 2] }
        .map { String(format: "%.1f", $0) }.joined(separator: " / ")
}
for distinct in modes {
    var pauseSummaries: [[Double]] = []
    var fetchSummaries: [[Double]] = []
    var asks = 0
    for _ in 0..<rounds {
        let result = try await run(distinctTokens: distinct)
        asks = result.asks
        pauseSummaries.append(summary(result.beyondPause))
        fetchSummaries.append(summary(result.beyondFetch))
    }
    print(
        String(requests).padding(toLength: 10, withPad: " ", startingAt: 0)
            + (distinct ? "distinct" : "one").padding(toLength: 11, withPad: " ", startingAt: 0)
            + String(asks).padding(toLength: 6, withPad: " ", startingAt: 0)
            + medians(pauseSummaries).padding(toLength: 42, withPad: " ", startingAt: 0) + "|  "
            + medians(fetchSummaries))
}
print("medians over \(rounds) rounds; 'asks' counts the key source's answers in the last round")
