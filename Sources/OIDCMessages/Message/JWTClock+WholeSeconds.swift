public import JOSE

extension JWTClock {
    /// The clock's time in whole seconds since the epoch.
    public var wholeSeconds: Int64 { Int64(secondsSinceEpoch.rounded(.down)) }
}
