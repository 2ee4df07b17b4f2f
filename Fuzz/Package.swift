// swift-tools-version: 6.0
import PackageDescription

// Coverage-guided fuzzing of every input an attacker or a broken server controls. Its own package, so the library
// never depends on fuzzing flags or tooling. `./run` builds the targets with libFuzzer and AddressSanitizer;
// the FuzzReplay product (a plain debug build) replays the committed corpora and regressions, as CI does.

let fuzzTargets = [
    "FuzzCompactToken", "FuzzBearerRequest", "FuzzJWKSDocument", "FuzzDiscoveryDocument", "FuzzResponseHeaders",
    "FuzzKeyImport", "FuzzOIDCMessages", "FuzzJSONDifferential", "FuzzBase64URLDifferential",
    "FuzzSenderConstrainedRequest", "FuzzCompactJWE",
]

let package = Package(
    name: "Fuzz",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "FuzzReplay", targets: ["FuzzReplay"]), .executable(name: "FuzzSeeds", targets: ["FuzzSeeds"]),
    ]
        + fuzzTargets.map { .executable(name: $0, targets: [$0]) },
    dependencies: [
        .package(name: "swift-oauth-jwt", path: ".."),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    ],
    targets: [
        .target(
            name: "FuzzHarness",
            dependencies: [
                .product(name: "JOSE", package: "swift-oauth-jwt"),
                .product(name: "RemoteJWKS", package: "swift-oauth-jwt"),
                .product(name: "OAuthJWT", package: "swift-oauth-jwt"),
                .product(name: "OIDCMessages", package: "swift-oauth-jwt"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .target(name: "CFuzzDriver"),
        .executableTarget(name: "FuzzReplay", dependencies: ["FuzzHarness"]),
        .executableTarget(
            name: "FuzzSeeds",
            dependencies: ["FuzzHarness", .product(name: "JOSE", package: "swift-oauth-jwt"),
                .product(name: "OIDCMessages", package: "swift-oauth-jwt"),
                .product(name: "OAuthJWTTesting", package: "swift-oauth-jwt")]),
    ] + fuzzTargets.map { .executableTarget(name: $0, dependencies: ["FuzzHarness", "CFuzzDriver"], path: "Targets/\($0)") },
    swiftLanguageModes: [.v6]
)
