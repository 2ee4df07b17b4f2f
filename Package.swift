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
        .library(name: "OIDCMessages", targets: ["OIDCMessages"]),
    ],
    dependencies: [
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CJWTOpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]
        ),
        .target(
            name: "JOSE",
            dependencies: ["CJWTOpenSSL"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "RemoteJWKS",
            dependencies: [
                "JOSE",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "OIDCMessages",
            dependencies: ["JOSE", "CJWTOpenSSL"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "OIDCMessagesTests",
            dependencies: ["OIDCMessages", "JOSE", "RemoteJWKS", "JWKSTestServer"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "JOSETests",
            dependencies: ["JOSE", "CJWTOpenSSL"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "JWKSTestServer",
            dependencies: [
                "JOSE",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            path: "Tests/JWKSTestServer",
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
