import Testing

@testable import JOSE

/// `SetOnce`: the first object set is the one every reader sees, and it lives exactly as long as the box.
@Suite struct SetOnceTests {
    final class Object: Sendable {
        let name: String
        init(_ name: String) { self.name = name }
    }

    @Test func theFirstObjectSetStays() {
        let box = SetOnce<Object>()
        #expect(box.object == nil)
        #expect(box.set(Object("first")))
        #expect(!box.set(Object("second")))
        #expect(box.object?.name == "first")
    }

    @Test func theBoxKeepsItsObjectAliveAndReleasesItWithItself() {
        weak var kept: Object?
        weak var refused: Object?
        var box: SetOnce<Object>? = SetOnce()
        do {
            let first = Object("first")
            let second = Object("second")
            kept = first
            refused = second
            box?.set(first)
            box?.set(second)
        }
        #expect(kept?.name == "first")
        #expect(refused == nil)
        box = nil
        #expect(kept == nil)
    }

    @Test func oneOfManyConcurrentSettersWins() async {
        let box = SetOnce<Object>()
        let winners = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<64 { group.addTask { box.set(Object("\(index)")) } }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(winners == 1)
        #expect(box.object != nil)
    }
}
