public import JOSE

/// A key source that fetches its keys from a server and can be refreshed ahead of time, so that
/// ``KeyRefreshService`` can warm it at start-up and keep it fresh in the background.
///
/// ``RemoteJWKS``, ``IssuerKeySource`` and ``MultiIssuerKeySource`` conform.
public protocol RefreshableKeySource: KeySource {
    /// Fetches the keys now (discovering first where needed).
    /// - Throws: `JOSEError.Code.keySourceUnavailable` (or a discovery error) when no usable keys could be fetched;
    ///   the keys held before stay in use.
    func refresh() async throws(JOSEError)

    /// How long until the cached keys stop being fresh: `.zero` when there are none yet (or they are stale), and
    /// after a failed fetch not less than what is left of the retry interval. ``KeyRefreshService`` asks each time it
    /// wakes (a ``RemoteJWKS`` also updates its `oauth_jwt_keys_age_seconds` gauge then).
    func refreshDelay() -> Duration
}

extension RemoteJWKS: RefreshableKeySource {
    /// See ``RefreshableKeySource/refreshDelay()``.
    public func refreshDelay() -> Duration {
        let now = configuration.clock.now()
        recordAge(at: now)
        guard let due = refreshDue else { return .zero }
        return max(.zero, due - now)
    }
}

extension IssuerKeySource: RefreshableKeySource {
    /// See ``RefreshableKeySource/refreshDelay()``: the discovered key set's, or what is left of the retry interval
    /// after a failed discovery.
    public func refreshDelay() -> Duration {
        if let keys = discoveredKeySet { return keys.refreshDelay() }
        guard let retry = discoveryRetryAt else { return .zero }
        return max(.zero, retry - configuration.clock.now())
    }
}

extension MultiIssuerKeySource: RefreshableKeySource {
    /// Refreshes every issuer's source that can be refreshed (all of them, also when one fails).
    /// - Throws: the first failure, after every source was tried.
    public func refresh() async throws(JOSEError) {
        var firstFailure: JOSEError?
        for source in refreshableSources {
            do {
                try await source.refresh()
            } catch {
                firstFailure = firstFailure ?? error
            }
        }
        if let firstFailure { throw firstFailure }
    }

    /// The shortest delay of the issuers' sources; a day when none of them can be refreshed.
    public func refreshDelay() -> Duration {
        refreshableSources.map { $0.refreshDelay() }.min() ?? .seconds(86_400)
    }
}
