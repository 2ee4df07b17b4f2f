import AsyncHTTPClient
import Foundation
import JOSE
import NIOCore

/// A built example server (`ExampleServer` on Hummingbird or `VaporExampleServer`) run as its own process.
///
/// The binaries sit next to the test bundle in the build products directory (`swift test` builds them, because this
/// test target depends on the executable targets); `EXAMPLE_SERVER_DIRECTORY` overrides the folder.
final class ExampleServerProcess: @unchecked Sendable {  // `Process` and `Pipe` are not Sendable
    let process = Process()
    private let pipe = Pipe()
    private let output = Locked("")

    /// The two example servers, which answer the same walkthrough the same way.
    static let names = ["ExampleServer", "VaporExampleServer"]

    static func binary(_ name: String) -> URL {
        if let path = ProcessInfo.processInfo.environment["EXAMPLE_SERVER_DIRECTORY"] {
            return URL(fileURLWithPath: path).appendingPathComponent(name)
        }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // On macOS the test bundle is a directory: .../debug/X.xctest/Contents/MacOS/X
        while directory.pathExtension == "xctest" || ["Contents", "MacOS"].contains(directory.lastPathComponent) {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent(name)
    }

    /// Starts the server with `environment` (plus `PORT=0`, `HOST=127.0.0.1` and no settings file) and waits for
    /// its start-up line. Returns the server and its base URL.
    static func start(_ name: String = "ExampleServer", environment: [String: String] = [:]) async throws
        -> (ExampleServerProcess, String)
    {
        let binary = binary(name)
        let server = ExampleServerProcess()
        var env = ProcessInfo.processInfo.environment
        for name in ["JWKS_URI", "ISSUER", "AUDIENCE", "REALM", "BENCHMARK_FLOOR", "OAUTH_JWT_CACHE"] {
            env[name] = nil
        }
        env["PORT"] = "0"
        env["HOST"] = "127.0.0.1"
        env["SETTINGS_FILE"] = "/nonexistent/settings.json"
        for (name, value) in environment { env[name] = value }
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw StartFailure(output: "no binary at \(binary.path); run `swift build --product \(name)` first")
        }
        server.process.executableURL = binary
        server.process.environment = env
        server.process.standardOutput = server.pipe
        server.process.standardError = server.pipe  // log lines (warnings) too
        server.pipe.fileHandleForReading.readabilityHandler = { [server] handle in
            let data = handle.availableData
            server.output.withLock { $0 += String(decoding: data, as: UTF8.self) }
        }
        try server.process.run()
        let prefix = "\(name) listening on "
        for _ in 0..<600 {  // up to 60 s on a busy machine
            if let line = server.outputText.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) {
                return (server, String(line.dropFirst(prefix.count)))
            }
            guard server.process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        server.process.terminate()
        throw StartFailure(output: server.outputText)
    }

    var outputText: String { output.withLock { $0 } }

    /// Sends SIGTERM and waits for the process to end; returns its exit status.
    func stop() async throws -> Int32 {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        for _ in 0..<300 where process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            throw StartFailure(output: "did not stop on SIGTERM")
        }
        pipe.fileHandleForReading.readabilityHandler = nil
        return process.terminationStatus
    }

    struct StartFailure: Error, CustomStringConvertible {
        let output: String
        var description: String { "ExampleServer failed: \(output)" }
    }
}
