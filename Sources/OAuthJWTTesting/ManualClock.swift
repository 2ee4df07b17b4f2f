public import Foundation
public import JOSE
public import RemoteJWKS

/// The one clock the tests move by hand: a wall clock for claims and a monotonic clock for caches and cooldowns,
/// both stopped at their start and moved together by ``advance(by:)``, so expiry needs no waiting.
public final class ManualClock: Sendable {
    private let startDate: Date
    private let startInstant = ContinuousClock.now
    private let offset = Locked(Duration.zero)

    /// A clock whose wall time starts at `start` (by default, now).
    public init(start: Date = Date()) {
        startDate = start
    }

    /// Moves both clocks forward by `duration`.
    public func advance(by duration: Duration) { offset.withLock { $0 += duration } }

    /// The wall clock, for claim checks.
    public var jwtClock: JWTClock {
        JWTClock { [startDate, offset] in startDate.addingTimeInterval(offset.withLock { $0 }.inSeconds) }
    }

    /// The monotonic clock, for `RemoteJWKSConfiguration`.
    public var remoteJWKSClock: RemoteJWKSClock {
        RemoteJWKSClock { [startInstant, offset] in startInstant + offset.withLock { $0 } }
    }
}
