import Foundation
import JOSE
import RemoteJWKS

/// A ``JWKSHTTPClient`` that never touches the network: counts calls and answers with a fixed response.
final class CountingHTTPClient: JWKSHTTPClient {
    private let calls = Locked(0)
    private let answer: JWKSHTTPResponse

    init(answer: JWKSHTTPResponse = JWKSHTTPResponse(status: 500, body: [])) { self.answer = answer }

    var callCount: Int { calls.withLock { $0 } }

    func get(_ url: URL, timeout: Duration, maximumBodySize: Int) async throws -> JWKSHTTPResponse {
        calls.withLock { $0 += 1 }
        return answer
    }
}

/// Runs `body` and returns the JOSE error it threw, or `nil` when it did not throw one.
func joseError<T>(_ body: () async throws -> T) async -> JOSEError? {
    do {
        _ = try await body()
        return nil
    } catch let error as JOSEError {
        return error
    } catch {
        return nil
    }
}

/// A ``JWKSHTTPClient`` that passes calls to another client, but holds every call after the first `freeCalls`
/// until ``open()`` is called — or, so that a broken build fails a test instead of hanging it, until
/// `autoOpenAfter` has passed.
final class GatedHTTPClient: JWKSHTTPClient {
    private let base: any JWKSHTTPClient
    private let freeCalls: Int
    private let autoOpenAfter: Duration
    private let state = Locked((calls: 0, isOpen: false, waiters: [CheckedContinuation<Void, Never>]()))

    init(
        base: any JWKSHTTPClient = AsyncHTTPClientJWKSFetcher.shared, freeCalls: Int,
        autoOpenAfter: Duration = .seconds(10)
    ) {
        self.base = base
        self.freeCalls = freeCalls
        self.autoOpenAfter = autoOpenAfter
    }

    func open() {
        let waiters = state.withLock { state in
            state.isOpen = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    func get(_ url: URL, timeout: Duration, maximumBodySize: Int) async throws -> JWKSHTTPResponse {
        await withCheckedContinuation { continuation in
            let proceed = state.withLock { state -> Bool in
                state.calls += 1
                if state.calls <= freeCalls || state.isOpen { return true }
                state.waiters.append(continuation)
                return false
            }
            if proceed {
                continuation.resume()
            } else {
                Task { [autoOpenAfter] in
                    try? await Task.sleep(for: autoOpenAfter)
                    self.open()
                }
            }
        }
        return try await base.get(url, timeout: timeout, maximumBodySize: maximumBodySize)
    }
}

/// A ``JWKSHTTPClient`` that ignores the body limit it is given, as a careless custom client might.
struct CarelessHTTPClient: JWKSHTTPClient {
    let body: [UInt8]

    func get(_ url: URL, timeout: Duration, maximumBodySize: Int) async throws -> JWKSHTTPResponse {
        JWKSHTTPResponse(status: 200, body: body)
    }
}

/// Runs `body` and returns its result with the time it took.
func timed<T>(_ body: () async throws -> T) async rethrows -> (value: T, elapsed: Duration) {
    let start = ContinuousClock.now
    let value = try await body()
    return (value, ContinuousClock.now - start)
}
