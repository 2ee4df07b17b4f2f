/// Work in progress by key: concurrent callers asking for the same key wait for one run of the work instead of each
/// doing it (a verification, an introspection request).
///
/// Each run is a task of its own, so a caller that is cancelled leaves it running for the others; the task leaves
/// this table when it is done, so the next caller after that starts a new run (callers keep results in a cache of
/// their own first).
package final class SingleFlight<Key: Hashable & Sendable, Outcome: Sendable>: Sendable {
    private let running = Locked([Key: Task<Outcome, Never>]())

    package init() {}

    /// The outcome for `key`: joins a run in progress, or starts `work`.
    package func outcome(for key: Key, work: @escaping @Sendable () async -> Outcome) async -> Outcome {
        let task = running.withLock { table in
            if let task = table[key] { return task }
            let task = Task {
                let outcome = await work()
                self.running.withLock { $0[key] = nil }
                return outcome
            }
            table[key] = task
            return task
        }
        return await task.value
    }

    /// How many runs are in progress (for tests).
    package var count: Int { running.withLock { $0.count } }
}
