import JOSE

/// Verifications in progress, by token: concurrent cache misses for the same token wait for one verification
/// instead of each verifying (and, on a cold key source, each waiting in the fetch) on their own.
///
/// Each verification runs in a task of its own, so a caller that is cancelled leaves it running for the others; the
/// task puts its result into the verified-token cache and then leaves this table, so a token is verified again only
/// when the cache no longer holds it.
final class SharedVerifications: Sendable {
    typealias Outcome = Result<VerifiedJWT, JOSEError>

    private let running = Locked([CachedTokenKey: Task<Outcome, Never>]())

    /// The outcome of verifying `token`: joins a verification of the same token in progress, or starts `verify`.
    func outcome(for token: String, verify: @escaping @Sendable () async -> Outcome) async -> Outcome {
        let key = CachedTokenKey(token)
        let task = running.withLock { table in
            if let task = table[key] { return task }
            let task = Task {
                let outcome = await verify()
                self.running.withLock { $0[key] = nil }
                return outcome
            }
            table[key] = task
            return task
        }
        return await task.value
    }

    /// How many verifications are in progress (for tests).
    var count: Int { running.withLock { $0.count } }
}
