#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// The one wall clock of the package: where claim checks (``JWTVerifier``, OIDCMessages) get the current time, so
/// tests and tools can pin it. Intervals that only measure elapsed time (caches, cooldowns) use the standard
/// library's `ContinuousClock` instead, which a wall-clock change cannot move.
public struct JWTClock: Sendable {
    private let now: @Sendable () -> Date

    /// A clock that reads `now` on every check.
    public init(_ now: @escaping @Sendable () -> Date) { self.now = now }

    /// The system clock.
    public static var system: JWTClock { JWTClock { Date() } }

    /// A clock stopped at `date`.
    public static func fixed(_ date: Date) -> JWTClock { JWTClock { date } }

    /// A clock stopped at a NumericDate: `secondsSinceEpoch` seconds after 1970-01-01T00:00:00Z.
    public static func fixed(secondsSinceEpoch: Int64) -> JWTClock {
        fixed(Date(timeIntervalSince1970: TimeInterval(secondsSinceEpoch)))
    }

    /// The current time as seconds since the epoch.
    public var secondsSinceEpoch: Double { now().timeIntervalSince1970 }

    /// The current time in whole seconds since the epoch (rounded down), as NumericDates are written.
    public var wholeSeconds: Int64 { Int64(secondsSinceEpoch.rounded(.down)) }
}
