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
        .executable(name: "oauth-jwt", targets: ["OAuthJWTTool"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0")
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
        .executableTarget(
            name: "OAuthJWTTool",
            dependencies: ["JOSE", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "JOSETests",
            dependencies: ["JOSE", "CJWTOpenSSL"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "OAuthJWTToolTests",
            dependencies: ["JOSE", "OAuthJWTTool"],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
