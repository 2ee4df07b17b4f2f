extension BearerTokenAuthenticator {
    /// How many verified tokens the cache holds (for tests and diagnostics).
    package var cachedTokenCount: Int { cacheStorage?.count ?? 0 }

    /// The live cache entry for `token` at the configured clock's current time, if any.
    func cachedEntry(for token: String) -> VerifiedTokenCache.Entry? {
        cacheStorage?.entry(for: token, now: configuration.validation.clock.secondsSinceEpoch)
    }
}
