import CoreMetrics
import Foundation
public import JOSE
public import Logging
import Tracing

/// Asks an authorization server's introspection endpoint about tokens (RFC 7662), for opaque access tokens or to
/// notice revoked JWTs: the `TokenIntrospector` of a resource server.
///
/// ```swift
/// let introspector = try RemoteTokenIntrospector(
///     configuration: IntrospectionConfiguration(
///         endpoint: URL(string: "https://issuer.example/introspect")!,
///         clientAuthentication: .clientSecretBasic(clientID: "orders-api", secret: secret),
///         issuer: "https://issuer.example"))
/// ```
///
/// Each question is one form `POST` of `token` (with `token_type_hint=access_token`) under the configuration's
/// client authentication, timeout and body cap; redirects are refused. Only `"active": true` (the JSON `true`) is
/// active; `"active": false` is inactive; any other answer, status or failure is
/// `JOSEError.Code.introspectionUnavailable`. Answers are cached by the token's SHA-256 as
/// ``IntrospectionConfiguration`` says, and concurrent questions about one token share one request.
///
/// Nothing logged or recorded contains the token, the client secret or the answer's content.
public struct RemoteTokenIntrospector: TokenIntrospector {
    /// The endpoint, credentials and cache settings.
    public let configuration: IntrospectionConfiguration
    private let answers: TwoGenerationMap<CachedAnswer>
    private let requests = SingleFlight<String, Result<TokenIntrospection, JOSEError>>()
    private let metrics: IntrospectionMetrics
    private let logger: Logger

    private struct CachedAnswer: Sendable {
        let introspection: TokenIntrospection
        /// Seconds since the epoch.
        let expiresAt: Double
    }

    /// An introspector for `configuration`.
    /// - Parameters:
    ///   - configuration: the endpoint, credentials and cache settings.
    ///   - logger: where failed requests are logged (kind and status only).
    /// - Throws: `JOSEError.Code.urlNotAllowed` when the endpoint is not `https` (or allowed `http`);
    ///   `JOSEError.Code.invalidInput` when a lifetime, size or count is not positive.
    public init(
        configuration: IntrospectionConfiguration,
        logger: Logger = Logger(label: "oauth-jwt.introspection")
    ) throws(JOSEError) {
        _ = try URLPolicy.check(configuration.endpoint, allowsInsecureHTTP: configuration.allowsInsecureHTTP)
        guard configuration.maximumActiveLifetime >= .zero, configuration.inactiveLifetime >= .zero,
            configuration.timeout > .zero, configuration.maximumBodySize > 0, configuration.maximumEntries > 0
        else { throw JOSEError(.invalidInput, "The introspection limits must be positive") }
        self.configuration = configuration
        answers = TwoGenerationMap(maximumEntries: configuration.maximumEntries)
        metrics = IntrospectionMetrics(factory: configuration.metricsFactory)
        var logger = logger
        logger[metadataKey: "oauth_jwt.introspection_endpoint"] = "\(URLPolicy.redacted(configuration.endpoint))"
        self.logger = logger
    }

    /// What the authorization server says about `token`: from the cache while the answer there is live, else
    /// from one request shared with concurrent callers.
    /// - Throws: `JOSEError.Code.introspectionUnavailable` when the endpoint gave no valid answer.
    public func introspect(_ token: String) async throws(JOSEError) -> TokenIntrospection {
        let key: String
        do {
            key = Base64URL.encode(try Digest.sha256.hash(Array(token.utf8)))
        } catch {
            throw JOSEError(.introspectionUnavailable, "The token could not be hashed")
        }
        if let cached = answers[key], cached.expiresAt > configuration.clock.secondsSinceEpoch {
            metrics.cacheHits.increment()
            return cached.introspection
        }
        metrics.cacheMisses.increment()
        let this = self
        return try await requests.outcome(for: key) {
            do throws(JOSEError) {
                let introspection = try await this.request(token)
                this.remember(introspection, for: key)
                return .success(introspection)
            } catch {
                return .failure(error)
            }
        }.get()
    }

    /// Caches an answer for as long as the configuration allows.
    private func remember(_ introspection: TokenIntrospection, for key: String) {
        let now = configuration.clock.secondsSinceEpoch
        let expiresAt: Double
        switch introspection {
        case .active(let claims):
            let latest = now + configuration.maximumActiveLifetime.inSeconds
            expiresAt = claims.expiresAt.map { min($0.timeIntervalSince1970, latest) } ?? latest
        case .inactive:
            expiresAt = now + configuration.inactiveLifetime.inSeconds
        }
        guard expiresAt > now else { return }
        answers.update(key) { _ in (CachedAnswer(introspection: introspection, expiresAt: expiresAt), ()) }
    }

    /// One request to the endpoint, counted, timed and (with a tracer) in a span `oauth_jwt.introspect`.
    private func request(_ token: String) async throws(JOSEError) -> TokenIntrospection {
        let tracer = InstrumentationSystem.tracer
        let span = tracer is NoOpTracer ? nil : tracer.startSpan("oauth_jwt.introspect", ofKind: .client)
        span?.attributes["url.full"] = URLPolicy.redacted(configuration.endpoint)
        let started = ContinuousClock.now
        let result: Result<TokenIntrospection, IntrospectionFailure>
        do {
            result = .success(try await send(token))
        } catch {
            result = .failure(error)
        }
        let outcome: String
        switch result {
        case .success(.active): outcome = "active"
        case .success(.inactive): outcome = "inactive"
        case .failure(let failure):
            outcome = failure.code
            span?.setStatus(SpanStatus(code: .error))
            var metadata: Logger.Metadata = ["oauth_jwt.error": "\(failure.code)"]
            if let status = failure.status { metadata["oauth_jwt.status"] = "\(status)" }
            logger.warning("Token introspection failed", metadata: metadata)
        }
        span?.attributes["oauth_jwt.result"] = outcome
        span?.end()
        metrics.record(outcome: outcome, elapsed: ContinuousClock.now - started)
        return try result.mapError { _ in
            JOSEError(.introspectionUnavailable, "The introspection endpoint gave no valid answer")
        }.get()
    }

    /// Why a request gave no answer: a ``JWKSFetchError`` code, or `invalid_answer`.
    private struct IntrospectionFailure: Error {
        let code: String
        var status: Int? = nil
    }

    private func send(_ token: String) async throws(IntrospectionFailure) -> TokenIntrospection {
        let authentication = configuration.clientAuthentication
        var parameters = [("token", token), ("token_type_hint", "access_token")]
        parameters += authentication.formParameters
        let form = Array(
            parameters.map { FormURLEncoding.encode($0.0) + "=" + FormURLEncoding.encode($0.1) }
                .joined(separator: "&").utf8)
        let (endpoint, client) = (configuration.endpoint, configuration.httpClient)
        let (timeout, limit) = (configuration.timeout, configuration.maximumBodySize)
        let authorization = authentication.authorization
        let response: JWKSHTTPResponse
        do {
            response = try await exchange(timeout: timeout, maximumBodySize: limit) {
                try await client.post(
                    endpoint, form: form, authorization: authorization, timeout: timeout, maximumBodySize: limit)
            }
        } catch {
            throw IntrospectionFailure(code: error.code.rawValue, status: error.status)
        }
        return try answer(in: response.body)
    }

    /// Reads an answer: an object whose `active` is a boolean.
    private func answer(in body: [UInt8]) throws(IntrospectionFailure) -> TokenIntrospection {
        guard let claims = try? JWTClaims(json: body) else { throw IntrospectionFailure(code: "invalid_answer") }
        switch claims["active"] {
        case .bool(true):
            guard claims.issuer == nil, let issuer = configuration.issuer else { return .active(claims) }
            var fields = claims.fields
            fields["iss"] = .string(issuer)
            return .active(JWTClaims(fields))
        case .bool(false):
            return .inactive
        default:
            throw IntrospectionFailure(code: "invalid_answer")
        }
    }
}
