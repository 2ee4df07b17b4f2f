// swift-tools-version: 6.1
import PackageDescription

// Benchmarks live in their own package so the library never depends on benchmark tooling or on peer libraries.
let package = Package(
    name: "Benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "swift-oauth-jwt", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/vapor/jwt-kit.git", exact: "5.8.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        .systemLibrary(name: "CBenchmarkOpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        .target(
            name: "BenchmarkFixtures",
            dependencies: [
                .product(name: "JOSE", package: "swift-oauth-jwt"),
                .product(name: "JWTKit", package: "jwt-kit"),
                "CBenchmarkOpenSSL",
            ],
            path: "Sources/BenchmarkFixtures"
        ),
        .executableTarget(
            name: "VerificationBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "JOSE", package: "swift-oauth-jwt"),
                "BenchmarkFixtures",
            ],
            path: "Benchmarks/VerificationBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "VerificationLoop",
            dependencies: [.product(name: "JOSE", package: "swift-oauth-jwt"), "BenchmarkFixtures"],
            path: "Sources/VerificationLoop"
        ),
        .executableTarget(
            name: "ScalingLoop",
            dependencies: [
                .product(name: "JOSE", package: "swift-oauth-jwt"),
                .product(name: "OAuthJWT", package: "swift-oauth-jwt"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                "BenchmarkFixtures",
            ],
            path: "Sources/ScalingLoop"
        ),
        .executableTarget(
            name: "BurstLoop",
            dependencies: [
                .product(name: "JOSE", package: "swift-oauth-jwt"),
                .product(name: "OAuthJWT", package: "swift-oauth-jwt"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            path: "Sources/BurstLoop"
        ),
        .executableTarget(
            name: "SecureLoop",
            dependencies: [
                .product(name: "JOSE", package: "swift-oauth-jwt"),
                .product(name: "OAuthJWT", package: "swift-oauth-jwt"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            path: "Sources/SecureLoop"
        ),
        .executableTarget(
            name: "MiddlewareBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "JOSE", package: "swift-oauth-jwt"),
                .product(name: "OAuthJWT", package: "swift-oauth-jwt"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            path: "Benchmarks/MiddlewareBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
