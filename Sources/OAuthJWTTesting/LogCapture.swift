import JOSE
public import Logging

/// Collects every log record, at every level, as text: for tests that check what a server logs (and that it logs no
/// token or key material).
///
/// ```swift
/// let capture = LogCapture()
/// let app = Application(router: router, logger: capture.logger)
/// ...
/// #expect(!capture.text.contains(token))
/// ```
public final class LogCapture: Sendable {
    private let lines = Locked([String]())

    /// The records so far, each as `level message key=value …`.
    public var records: [String] { lines.withLock { $0 } }

    /// A capture with no records yet.
    public init() {}

    /// A logger at `trace` whose records land here.
    public var logger: Logger {
        var logger = Logger(label: "test") { _ in Handler(capture: self) }
        logger.logLevel = .trace
        return logger
    }

    /// Every record so far, one per line.
    public var text: String { lines.withLock { $0.joined(separator: "\n") } }

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
