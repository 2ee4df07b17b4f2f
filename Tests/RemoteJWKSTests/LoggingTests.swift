import Foundation
import JOSE
import Logging
import RemoteJWKS
import TestSupport
import Testing

/// Collects every log record as text.
final class LogCapture: Sendable {
    let lines = Locked([String]())

    var logger: Logger {
        var logger = Logger(label: "test") { _ in Handler(capture: self) }
        logger.logLevel = .trace
        return logger
    }

    var text: String { lines.withLock { $0.joined(separator: "\n") } }

    struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = self.metadata.merging(event.metadata ?? [:]) { $1 }
            let rendered = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            capture.lines.withLock { $0.append("\(event.level) \(event.message) \(rendered)") }
        }
    }
}

@Suite("RemoteJWKS logging")
struct LoggingTests {
    @Test("Fetches and failures are logged without tokens, key material or URL query secrets")
    func logsCarryNoSecrets() async throws {
        let key = try JWSKey.generate(for: .es256, keyID: "k1")
        let capture = LogCapture()
        try await JWKSTestServer.run { server in
            server.setKeys([key])
            let url = URL(string: server.jwksURL.absoluteString + "?api_key=SECRET-QUERY")!
            let jwks = try RemoteJWKS(url: url, logger: capture.logger)
            let token = try TestIssuer(key: key).token()
            _ = try await JWTVerifier(keys: jwks).verify(token)
            server.setMode(.status(503))
            _ = await joseError { try await jwks.refresh() }
            let text = capture.text
            #expect(text.contains("Fetched the JWKS"))
            #expect(text.contains("JWKS refresh failed; serving the last good keys"))
            #expect(text.contains("jwks_url=\(server.jwksURL.absoluteString)"))
            #expect(!text.contains("SECRET-QUERY"))
            #expect(!text.contains(token))
            #expect(!text.contains(token.split(separator: ".")[2]))
            guard case .object(let jwk) = try key.publicJWK(), let x = jwk["x"]?.stringValue else {
                Issue.record("no x coordinate")
                return
            }
            #expect(!text.contains(x))
        }
    }
}
