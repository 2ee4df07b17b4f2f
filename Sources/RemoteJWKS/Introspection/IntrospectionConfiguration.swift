public import CoreMetrics
public import Foundation
public import JOSE

/// Where a ``RemoteTokenIntrospector`` asks about tokens, how it authenticates, and how long it keeps answers.
///
/// Answers are cached by the SHA-256 of the token (the token itself is not kept): an active answer until the
/// earlier of the token's `exp` and ``maximumActiveLifetime`` (so a revoked token is noticed within that time), an
/// inactive one for ``inactiveLifetime``. Failures are not cached.
public struct IntrospectionConfiguration: Sendable {
    /// The introspection endpoint (`introspection_endpoint` in the server's metadata). `https`, or `http` on a
    /// loopback host unless ``allowsInsecureHTTP``.
    public var endpoint: URL
    /// How the resource server authenticates to the endpoint.
    public var clientAuthentication: IntrospectionClientAuthentication
    /// The issuer identifier of the authorization server behind the endpoint, or `nil`. RFC 7662 makes `iss`
    /// optional in answers, and servers such as glewlwyd leave it out: an active answer without `iss` is taken as
    /// this issuer's (its claims get `iss` set to it), so the resource server's issuer rule applies as for JWTs.
    public var issuer: String?
    /// The longest an active answer is reused; the token's own `exp` ends it sooner. Default: 60 seconds.
    public var maximumActiveLifetime: Duration
    /// How long an inactive answer is reused, so a client repeating a bad token does not cost a request each
    /// time. Default: 5 seconds.
    public var inactiveLifetime: Duration
    /// How many answers are kept (two generations of half this each; the older half is dropped when the newer one
    /// is full). Default: 4096.
    public var maximumEntries: Int
    /// The time one request (connect, headers and whole body) may take. Default: 5 seconds.
    public var timeout: Duration
    /// The largest accepted response body, in bytes. Default: 64 KiB.
    public var maximumBodySize: Int
    /// Whether a plain `http` endpoint on a host other than loopback is accepted. Default: `false`.
    public var allowsInsecureHTTP: Bool
    /// The time answers expire by (and `exp` is compared with). Default: the system clock.
    public var clock: JWTClock
    /// How requests are sent. Default: ``AsyncHTTPClientJWKSFetcher/shared``.
    public var httpClient: any JWKSHTTPClient
    /// Where requests and cache lookups are counted (swift-metrics; the labels are listed in the Observability
    /// article). Default: the factory bootstrapped with `MetricsSystem` when this configuration is made.
    public var metricsFactory: any MetricsFactory

    /// A configuration with the defaults described on each property.
    /// - Parameters:
    ///   - endpoint: the introspection endpoint.
    ///   - clientAuthentication: the resource server's client credentials.
    ///   - issuer: the authorization server's issuer identifier, for answers without `iss`.
    public init(endpoint: URL, clientAuthentication: IntrospectionClientAuthentication, issuer: String? = nil) {
        self.endpoint = endpoint
        self.clientAuthentication = clientAuthentication
        self.issuer = issuer
        maximumActiveLifetime = .seconds(60)
        inactiveLifetime = .seconds(5)
        maximumEntries = 4096
        timeout = .seconds(5)
        maximumBodySize = 64 * 1024
        allowsInsecureHTTP = false
        clock = .system
        httpClient = AsyncHTTPClientJWKSFetcher.shared
        metricsFactory = MetricsSystem.factory
    }
}
