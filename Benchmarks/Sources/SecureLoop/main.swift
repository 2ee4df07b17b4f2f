import CoreMetrics
import Foundation
import HTTPTypes
import JOSE
import OAuthJWT
import Prometheus

// Asks one BearerTokenAuthenticator about the same request in a loop, for profilers (callgrind, perf):
//   SecureLoop <alg> <count> [--no-cache] [--metrics] [--immediate]
// `--metrics` records every decision in a swift-prometheus registry (a real backend); without it, nothing records.
// `--immediate` asks `immediateDecision(headerFields:)` first, as the framework adapters do, and `authenticate`
// only when it answers `nil`.
// The loop runs in a nonisolated async function, as a server's request handlers do, so no executor hop is counted.

let arguments = CommandLine.arguments
guard arguments.count >= 3, let algorithm = JWSAlgorithm(rawValue: arguments[1]), let count = Int(arguments[2]),
    count > 0
else {
    FileHandle.standardError.write(
        Data("usage: SecureLoop <alg> <count> [--no-cache] [--metrics] [--immediate]\n".utf8))
    exit(2)
}

let issuer = "https://issuer.example"
let key = try JWSKey.generate(for: algorithm, keyID: "loop")
let now = Int64(Date().timeIntervalSince1970)
let token = try JWTSigner.sign(
    JWTClaims([
        "iss": .string(issuer), "aud": "api", "sub": "user-42", "scope": "read write",
        "exp": .number(JSONNumber(now + 86_400)),
    ]), with: key, type: "at+jwt")
var configuration = BearerTokenAuthenticator.Configuration(
    issuers: [issuer], audiences: ["api"], algorithms: [algorithm], type: "at+jwt")
configuration.scopes = .allOf("read")
if arguments.contains("--no-cache") { configuration.cache = .disabled }
configuration.metricsFactory =
    arguments.contains("--metrics")
    ? PrometheusMetricsFactory(registry: PrometheusCollectorRegistry()) : NOOPMetricsHandler.instance
let authenticator = try BearerTokenAuthenticator(
    keys: StaticKeySource(keySet: JWKSet(keys: [algorithm.isSymmetric ? key : try key.publicKey()])),
    configuration: configuration)
let headers: HTTPFields = [.authorization: "Bearer \(token)"]
let asksImmediately = arguments.contains("--immediate")

@concurrent func decide(_ count: Int) async -> (authorized: Int, seconds: Double) {
    let start = ContinuousClock.now
    var authorized = 0
    for _ in 0..<count {
        let decision =
            if asksImmediately, let immediate = authenticator.immediateDecision(headerFields: headers) {
                immediate
            } else {
                await authenticator.authenticate(headerFields: headers)
            }
        if case .authorized = decision { authorized += 1 }
    }
    let elapsed = ContinuousClock.now - start
    return (authorized, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
}

let (authorized, seconds) = await decide(count)
print("\(algorithm.rawValue): \(authorized) of \(count) authorized, \(Int(Double(count) / seconds)) decisions/s")
