/// A map with a bounded size: two generations of at most half the capacity each; when the young one is full, the
/// old one is dropped. Entries found in the old generation move back to the young one when written again.
package final class TwoGenerationMap<Value: Sendable>: Sendable {
    private struct Generations {
        var young: [String: Value] = [:]
        var old: [String: Value] = [:]
    }

    private let state = Locked(Generations())
    private let generationSize: Int

    package init(maximumEntries: Int) {
        generationSize = max(1, maximumEntries / 2)
    }

    /// Under one lock: hands `decide` the value stored for `key` (if any), stores the value it returns (if any) and
    /// returns its result.
    package func update<Result>(_ key: String, _ decide: (Value?) -> (store: Value?, result: Result)) -> Result {
        state.withLock { state in
            let (store, result) = decide(state.young[key] ?? state.old[key])
            if let store {
                if state.young[key] == nil, state.young.count >= generationSize {
                    state.old = state.young
                    state.young = [:]
                    state.young.reserveCapacity(generationSize)
                }
                state.young[key] = store
            }
            return result
        }
    }

    /// The value stored for `key`.
    package subscript(key: String) -> Value? { update(key) { (nil, $0) } }
}
