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
