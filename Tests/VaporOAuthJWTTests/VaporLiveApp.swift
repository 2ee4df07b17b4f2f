import JOSE
import Logging
import OAuthJWT
import OAuthJWTTesting
import Vapor
import VaporOAuthJWT

/// A Vapor application served on a free loopback port for the length of one test, talked to with a real HTTP
/// client (`HTTP.call`).
enum VaporLiveApp {
    /// Builds the app with `routes` (and any server configuration), starts it, runs `body` with its base URL
    /// (`scheme`, such as `https` when `routes` configured TLS), then shuts it down.
    static func run(
        routes: (Application) throws -> Void, scheme: String = "http",
        test body: @Sendable (String) async throws -> Void
    ) async throws {
        var logger = Logger(label: "vapor-live-test")
        logger.logLevel = .warning
        let app = try await Application.make(.testing, logger: logger)
        do {
            try routes(app)
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            let port = try require(app.http.server.shared.localAddress?.port)
            try await body("\(scheme)://127.0.0.1:\(port)")
        } catch {
            await app.server.shutdown()
            try await app.asyncShutdown()
            throw error
        }
        await app.server.shutdown()
        try await app.asyncShutdown()
    }
}

/// `#require` without Testing's macro in a non-test file.
private func require<T>(_ value: T?) throws -> T {
    guard let value else { throw Abort(.internalServerError, reason: "the server has no local address") }
    return value
}
