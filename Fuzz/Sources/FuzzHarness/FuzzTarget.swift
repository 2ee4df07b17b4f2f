import Dispatch

#if canImport(Glibc)
    import Glibc
#endif

/// One fuzz target: a name (its corpus and dictionary folder) and a function that must return normally on every
/// input. A trap is a finding; so is a differential mismatch, which the differential targets report by trapping.
public struct FuzzTarget: Sendable {
    /// The target's name, as in `Corpus/<name>` and `Dictionaries/<name>.dict`.
    public let name: String
    private let body: @Sendable ([UInt8]) -> Void

    init(_ name: String, _ body: @escaping @Sendable ([UInt8]) -> Void) {
        self.name = name
        self.body = body
    }

    /// Runs the target on one input.
    public func run(_ input: UnsafeRawBufferPointer) {
        body(Array(input))
    }

    /// Runs the target on one input.
    public func run(_ input: [UInt8]) {
        body(input)
    }

    /// Every target, in the order `Fuzz/run` runs them.
    public static let all: [FuzzTarget] = [
        compactToken, bearerRequest, jwksDocument, discoveryDocument, responseHeaders, keyImport, oidcMessages,
        jsonDifferential, base64URLDifferential, senderConstrainedRequest, compactJWE,
    ]
}

/// Runs async work to completion from libFuzzer's synchronous callback (which is not on a Swift concurrency thread,
/// so waiting here cannot starve the pool). The task starts on this thread and runs here until it first suspends,
/// which with in-memory keys and documents is usually never: no thread hop per input.
func runBlocking(_ work: @escaping @Sendable () async -> Void) {
    let done = DispatchSemaphore(value: 0)
    Task.immediate {
        await work()
        done.signal()
    }
    done.wait()
}

/// Reports a differential mismatch: a crash libFuzzer records with its input.
func mismatch(_ what: String) -> Never {
    fatalError("differential mismatch: \(what)")
}

/// Splits fuzz input into parts at a separator byte (0x00), so one input can carry several fields.
func parts(_ input: [UInt8], separator: UInt8 = 0) -> [[UInt8]] {
    input.split(separator: separator, omittingEmptySubsequences: false).map(Array.init)
}

extension String {
    /// The input as text, invalid UTF-8 replaced (as a server would receive it after decoding).
    init(fuzz bytes: [UInt8]) {
        self = String(decoding: bytes, as: UTF8.self)
    }
}
