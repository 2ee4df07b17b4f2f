import Benchmark
import BenchmarkFixtures
import JOSE

/// End-to-end verification (compact token → verified, validated claims) for ours and jwt-kit on identical tokens and
/// keys, beside raw OpenSSL verifying the same signature with a pre-made key.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.throughput, .wallClock, .mallocCountTotal, .instructions, .peakMemoryResident],
        timeUnits: .microseconds,
        warmupIterations: 1,  // one sample: 1,000 verifications
        scalingFactor: .kilo,
        maxDuration: .seconds(2),
        maxIterations: 1_000_000
    )

    let algorithms: [JOSE.JWSAlgorithm] = [.rs256, .ps256, .es256, .es384, .eddsa, .hs256]
    for algorithm in algorithms {
        let name = algorithm.rawValue
        Benchmark("\(name) ours") { benchmark, contenders in
            for _ in benchmark.scaledIterations {
                blackHole(try contenders.verifier.verify(contenders.token, using: contenders.resolver))
            }
        } setup: {
            try await Contenders.make(algorithm)
        }

        Benchmark("\(name) ours async") { benchmark, contenders in
            for _ in benchmark.scaledIterations {
                blackHole(try await contenders.verifier.verify(contenders.token))
            }
        } setup: {
            try await Contenders.make(algorithm)
        }

        Benchmark("\(name) jwt-kit") { benchmark, contenders in
            for _ in benchmark.scaledIterations {
                blackHole(try await contenders.jwtKit.verify(contenders.token, as: AccessTokenPayload.self))
            }
        } setup: {
            try await Contenders.make(algorithm)
        }

        Benchmark("\(name) raw OpenSSL") { benchmark, contenders in
            for _ in benchmark.scaledIterations {
                blackHole(contenders.raw.verify())
            }
        } setup: {
            try await Contenders.make(algorithm)
        }

        if algorithm == .hs256 {
            // The honest HMAC floor: the keyed SHA-256 states prepared once, copied per verification.
            Benchmark("\(name) raw prepared") { benchmark, contenders in
                for _ in benchmark.scaledIterations {
                    blackHole(contenders.raw.verifyPrepared())
                }
            } setup: {
                try await Contenders.make(algorithm)
            }
        }
    }

    // Nested-token decryption (issue 16): ours against raw OpenSSL doing the same operations.
    for kind in JWEContenders.Kind.allCases {
        Benchmark("JWE \(kind.rawValue) ours") { benchmark, contenders in
            for _ in benchmark.scaledIterations { blackHole(try contenders.decrypt()) }
        } setup: {
            try JWEContenders(kind)
        }
        Benchmark("JWE \(kind.rawValue) raw OpenSSL") { benchmark, contenders in
            for _ in benchmark.scaledIterations { blackHole(contenders.rawDecrypt()) }
        } setup: {
            try JWEContenders(kind)
        }
    }
}
