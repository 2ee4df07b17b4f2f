// swift-tools-version: 6.0
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "swift-oauth-jwt",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "JOSE", targets: ["JOSE"]),
        .library(name: "RemoteJWKS", targets: ["RemoteJWKS"]),
        .library(name: "OAuthJWT", targets: ["OAuthJWT"]),
        .library(name: "HummingbirdOAuthJWT", targets: ["HummingbirdOAuthJWT"]),
        .library(name: "VaporOAuthJWT", targets: ["VaporOAuthJWT"]),
        .library(name: "OIDCMessages", targets: ["OIDCMessages"]),
        .library(name: "OAuthJWTTesting", targets: ["OAuthJWTTesting"]),
        .executable(name: "ExampleServer", targets: ["ExampleServer"]),
        .executable(name: "VaporExampleServer", targets: ["VaporExampleServer"]),
        .executable(name: "oauth-jwt", targets: ["OAuthJWTTool"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        // Vapor's own: the client certificate of `Request.peerCertificateChain` (VaporOAuthJWT).
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        // OAuthJWTTesting and the tests: mutual-TLS servers and clients (AsyncHTTPClient links it anyway).
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.7.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // `swift package generate-documentation` (DocC catalogs under Sources/<Module>/<Module>.docc).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin.git", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CJWTOpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]
        ),
        // The system zlib (zlib1g-dev), for JWE's "zip": "DEF" (raw DEFLATE).
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(
            name: "JOSE",
            dependencies: ["CJWTOpenSSL", "CZlib"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "RemoteJWKS",
            dependencies: [
                "JOSE",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "OAuthJWT",
            dependencies: [
                "JOSE",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "HummingbirdOAuthJWT",
            dependencies: [
                "JOSE",
                "OAuthJWT",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "VaporOAuthJWT",
            dependencies: [
                "JOSE",
                "OAuthJWT",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: strictSettings
        ),
        // What both example servers share: settings, the demo issuer, the key source, the routes' JSON bodies.
        .target(
            name: "ExampleSupport",
            dependencies: [
                "JOSE",
                "OAuthJWT",
                "RemoteJWKS",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            path: "Examples/ExampleSupport",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "ExampleServer",
            dependencies: [
                "JOSE",
                "OAuthJWT",
                "RemoteJWKS",
                "HummingbirdOAuthJWT",
                "ExampleSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Examples/ExampleServer",
            exclude: ["settings.example.json"],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "VaporExampleServer",
            dependencies: [
                "JOSE",
                "OAuthJWT",
                "VaporOAuthJWT",
                "ExampleSupport",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Examples/VaporExampleServer",
            swiftSettings: strictSettings
        ),
        .target(
            name: "OIDCMessages",
            dependencies: ["JOSE"],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "OAuthJWTTool",
            dependencies: [
                "JOSE", "RemoteJWKS", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "JOSETests",
            dependencies: ["JOSE", "CJWTOpenSSL", "OAuthJWTTesting"],
            swiftSettings: strictSettings
        ),
        // For users' tests and ours: an in-process issuer with a loopback JWKS and discovery server, a manual
        // clock, and request helpers for Hummingbird's and Vapor's test clients.
        .target(
            name: "OAuthJWTTesting",
            dependencies: [
                "JOSE",
                "OAuthJWT",
                "RemoteJWKS",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RemoteJWKSTests",
            dependencies: [
                "JOSE",
                "RemoteJWKS",
                "OAuthJWTTesting",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "OAuthJWTToolTests",
            dependencies: ["JOSE", "OAuthJWTTool", "OAuthJWTTesting"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "OAuthJWTTests",
            dependencies: [
                "JOSE", "OAuthJWT", "RemoteJWKS", "OAuthJWTTesting", .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "HummingbirdOAuthJWTTests",
            dependencies: [
                "JOSE",
                "OAuthJWT",
                "RemoteJWKS",
                "HummingbirdOAuthJWT",
                "OAuthJWTTesting",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                // Makes `swift test` build the ExampleServer binary that the process tests start.
                "ExampleServer",
                "VaporExampleServer",
                "ExampleSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "VaporOAuthJWTTests",
            dependencies: [
                "JOSE",
                "OAuthJWT",
                "VaporOAuthJWT",
                "RemoteJWKS",
                "OAuthJWTTesting",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "OIDCMessagesTests",
            dependencies: ["OIDCMessages", "JOSE", "RemoteJWKS", "OAuthJWTTesting"],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
