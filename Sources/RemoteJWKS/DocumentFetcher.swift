import CoreMetrics
import Foundation
import Logging
import Tracing

/// How a key source reaches its key server, and the one fetch policy for what key servers publish (JWKS and
/// authorization server metadata documents): a `GET` within the configured timeout, a body within the configured
/// limit, status 200 only, redirects never followed.
///
/// ``RemoteJWKS``, ``IssuerKeySource`` and ``IssuerDiscovery`` each hold one; an ``IssuerKeySource`` hands its own
/// to the ``RemoteJWKS`` it discovers.
struct DocumentFetcher: Sendable {
    /// The cache and fetch settings, with the HTTP client.
    let configuration: RemoteJWKSConfiguration
    /// Where fetches and failures are logged (never with document contents).
    var logger: Logger

    /// A fetcher whose logger carries `key: value` on every line.
    func with(_ key: String, _ value: String) -> DocumentFetcher {
        var copy = self
        copy.logger[metadataKey: key] = "\(value)"
        return copy
    }

    /// What a fetched document is, for metrics and spans.
    enum Document: String, Sendable {
        case jwks
        case metadata
    }

    /// Fetches `url` under the configuration's timeout and body limit, counting the fetch and its duration
    /// (`oauth_jwt_key_fetches_total`, `oauth_jwt_key_fetch_duration_seconds`) and, when a tracer is bootstrapped,
    /// running it in a span `oauth_jwt.fetch_jwks` or `oauth_jwt.fetch_metadata`.
    /// - Throws: ``JWKSFetchError``: ``JWKSFetchError/timedOut``, ``JWKSFetchError/bodyTooLarge``,
    ///   ``JWKSFetchError/redirectRefused`` (any 3xx), ``JWKSFetchError/unexpectedStatus(_:)`` (any other status but
    ///   200), or ``JWKSFetchError/transportFailed`` for every other failure of the client.
    func get(_ url: URL, document: Document) async throws(JWKSFetchError) -> JWKSHTTPResponse {
        let tracer = InstrumentationSystem.tracer
        let span =
            tracer is NoOpTracer ? nil : tracer.startSpan("oauth_jwt.fetch_\(document.rawValue)", ofKind: .client)
        span?.attributes["url.full"] = URLPolicy.redacted(url)
        let started = ContinuousClock.now
        let result: Result<JWKSHTTPResponse, JWKSFetchError>
        do {
            result = .success(try await fetch(url))
        } catch {
            result = .failure(error)
        }
        let elapsed = ContinuousClock.now - started
        let outcome: String
        switch result {
        case .success(let response):
            outcome = "success"
            span?.attributes["http.response.status_code"] = response.status
        case .failure(let error):
            outcome = error.code.rawValue
            if let status = error.status { span?.attributes["http.response.status_code"] = status }
            span?.setStatus(SpanStatus(code: .error))
        }
        span?.attributes["oauth_jwt.result"] = outcome
        span?.end()
        let factory = configuration.metricsFactory
        Counter(
            label: FetchMetrics.fetches, dimensions: [("document", document.rawValue), ("result", outcome)],
            factory: factory
        ).increment()
        Timer(label: FetchMetrics.fetchDuration, dimensions: [("document", document.rawValue)], factory: factory)
            .recordNanoseconds(elapsed.inNanoseconds)
        return try result.get()
    }

    private func fetch(_ url: URL) async throws(JWKSFetchError) -> JWKSHTTPResponse {
        let timeout = configuration.fetchTimeout
        let limit = configuration.maximumBodySize
        let client = configuration.httpClient
        return try await exchange(timeout: timeout, maximumBodySize: limit) {
            try await client.get(url, timeout: timeout, maximumBodySize: limit)
        }
    }
}

/// One HTTP exchange under the remote sources' policy: within `timeout` (cancelled after it), a body of at most
/// `maximumBodySize` bytes (checked again here, whatever the client did), status 200 only, redirects refused.
/// - Throws: ``JWKSFetchError``; any other error of `call` is ``JWKSFetchError/transportFailed``.
func exchange(
    timeout: Duration, maximumBodySize: Int, _ call: @escaping @Sendable () async throws -> JWKSHTTPResponse
) async throws(JWKSFetchError) -> JWKSHTTPResponse {
    let response: JWKSHTTPResponse
    do {
        response = try await withTimeout(timeout, call)
    } catch {
        throw error as? JWKSFetchError ?? .transportFailed
    }
    guard response.body.count <= maximumBodySize else { throw .bodyTooLarge }
    guard response.status == 200 else {
        throw (300..<400).contains(response.status) ? .redirectRefused : .unexpectedStatus(response.status)
    }
    return response
}

/// Runs `operation`, cancelling it and throwing ``JWKSFetchError/timedOut`` when it takes longer than `timeout`.
///
/// The operation must honour task cancellation for the timeout to end it promptly.
func withTimeout<Value: Sendable>(
    _ timeout: Duration, _ operation: @escaping @Sendable () async throws -> Value
) async throws -> Value {
    try await withThrowingTaskGroup(of: Value.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: timeout)
            throw JWKSFetchError.timedOut
        }
        defer { group.cancelAll() }
        guard let value = try await group.next() else { throw JWKSFetchError.timedOut }
        return value
    }
}
