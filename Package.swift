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
        .library(name: "OIDCMessages", targets: ["OIDCMessages"]),
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
            name: "OIDCMessages",
            dependencies: ["JOSE", "CJWTOpenSSL"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "OIDCMessagesTests",
            dependencies: ["OIDCMessages", "JOSE"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "JOSETests",
            dependencies: ["JOSE"],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
