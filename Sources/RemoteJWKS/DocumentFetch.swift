#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The one fetch policy for what key servers publish (JWKS and authorization server metadata documents): a `GET`
/// within the configured timeout, a body within the configured limit, status 200 only, redirects never followed.
enum DocumentFetch {
    /// Fetches `url` under `configuration`'s timeout and body limit.
    /// - Throws: ``JWKSFetchError``: ``JWKSFetchError/timedOut``, ``JWKSFetchError/bodyTooLarge``,
    ///   ``JWKSFetchError/redirectRefused`` (any 3xx), ``JWKSFetchError/unexpectedStatus(_:)`` (any other status but
    ///   200), or ``JWKSFetchError/transportFailed`` for every other failure of the client.
    static func get(_ url: URL, with client: any JWKSHTTPClient, configuration: RemoteJWKSConfiguration)
        async throws(JWKSFetchError) -> JWKSHTTPResponse
    {
        let timeout = configuration.fetchTimeout
        let limit = configuration.maximumBodySize
        let response: JWKSHTTPResponse
        do {
            response = try await withTimeout(timeout) {
                try await client.get(url, timeout: timeout, maximumBodySize: limit)
            }
        } catch {
            throw error as? JWKSFetchError ?? .transportFailed
        }
        guard response.body.count <= limit else { throw .bodyTooLarge }
        guard response.status == 200 else {
            throw (300..<400).contains(response.status) ? .redirectRefused : .unexpectedStatus(response.status)
        }
        return response
    }
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
