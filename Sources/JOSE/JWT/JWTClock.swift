#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// Where ``JWTVerifier`` gets the current time, so tests and tools can pin it.
public struct JWTClock: Sendable {
    private let now: @Sendable () -> Date

    /// A clock that reads `now` on every check.
    public init(_ now: @escaping @Sendable () -> Date) { self.now = now }

    /// The system clock.
    public static var system: JWTClock { JWTClock { Date() } }

    /// A clock stopped at `date`.
    public static func fixed(_ date: Date) -> JWTClock { JWTClock { date } }

    /// The current time as seconds since the epoch.
    public var secondsSinceEpoch: Double { now().timeIntervalSince1970 }
}
