public import Foundation
public import JOSE

/// The HTTP operations of the remote sources: a `GET` of a JWKS or discovery document, and the form `POST` of token
/// introspection.
///
/// ``AsyncHTTPClientJWKSFetcher`` is the default implementation. Supply your own to use another HTTP stack, a
/// proxy, mutual TLS, or a fake in tests. An implementation must:
/// - never follow redirects (return the 3xx response instead; ``RemoteJWKS`` refuses it),
/// - give up after `timeout` (``RemoteJWKS`` also cancels the call then, so honour task cancellation),
/// - stop reading as soon as the body exceeds `maximumBodySize` and throw ``JWKSFetchError/bodyTooLarge``.
///
/// Errors thrown are logged by kind and reported to callers as `JOSEError.Code.keySourceUnavailable`.
public protocol JWKSHTTPClient: Sendable {
    /// Fetches `url` with a `GET` request.
    /// - Parameters:
    ///   - url: the document's URL (already checked to be `https`, or `http` on loopback).
    ///   - timeout: the time the whole exchange, body included, may take.
    ///   - maximumBodySize: the largest body to accept, in bytes.
    func get(_ url: URL, timeout: Duration, maximumBodySize: Int) async throws -> JWKSHTTPResponse

    /// Sends `form` to `url` with a `POST` request (`Content-Type: application/x-www-form-urlencoded`, `Accept:
    /// application/json`), under the same rules as ``get(_:timeout:maximumBodySize:)``: no redirects, the timeout,
    /// the body cap.
    /// - Parameters:
    ///   - url: the endpoint (already checked to be `https`, or `http` on loopback).
    ///   - form: the encoded form body.
    ///   - authorization: the `Authorization` header's value (client authentication), or `nil` for none.
    ///   - timeout: the time the whole exchange, body included, may take.
    ///   - maximumBodySize: the largest response body to accept, in bytes.
    func post(_ url: URL, form: [UInt8], authorization: String?, timeout: Duration, maximumBodySize: Int)
        async throws -> JWKSHTTPResponse
}

extension JWKSHTTPClient {
    /// Refuses with ``JWKSFetchError/transportFailed``: a client written for key documents alone cannot introspect
    /// tokens, and a ``RemoteTokenIntrospector`` over it answers every token with `introspectionUnavailable`.
    public func post(_ url: URL, form: [UInt8], authorization: String?, timeout: Duration, maximumBodySize: Int)
        async throws -> JWKSHTTPResponse
    {
        throw JWKSFetchError.transportFailed
    }
}

/// A response to a ``JWKSHTTPClient/get(_:timeout:maximumBodySize:)`` request.
public struct JWKSHTTPResponse: Sendable {
    /// The HTTP status code.
    public var status: Int
    /// The `Cache-Control` header's value, if any (several fields joined with `,`).
    public var cacheControl: String?
    /// The whole body.
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, cacheControl: String? = nil, body: [UInt8]) {
        self.status = status
        self.cacheControl = cacheControl
        self.body = body
    }
}

/// Why fetching a JWKS or discovery document failed. Carries no URL, header or body content.
///
/// The same shape as every error of this package: a stable `Code` to compare or log (new codes can be added
/// without breaking anyone's `switch`), and the HTTP `status` when the server answered with an unexpected one.
public struct JWKSFetchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable identifier of a kind of failure; compared by its `ErrorCode.rawValue`.
    public typealias Code = ErrorCode<JWKSFetchError>

    /// The stable code.
    public let code: Code
    /// The HTTP status, for `Code.unexpectedStatus`.
    public let status: Int?

    private init(_ code: Code, status: Int? = nil) {
        self.code = code
        self.status = status
    }

    /// The fetch took longer than the configured timeout.
    public static let timedOut = Self(.timedOut)
    /// The body was larger than the configured limit.
    public static let bodyTooLarge = Self(.bodyTooLarge)
    /// The server answered with a redirect, which is never followed.
    public static let redirectRefused = Self(.redirectRefused)
    /// The connection or the HTTP exchange failed.
    public static let transportFailed = Self(.transportFailed)
    /// The document is not a usable JWKS or metadata document.
    public static let invalidDocument = Self(.invalidDocument)

    /// The server answered with `status`, which is not 200.
    public static func unexpectedStatus(_ status: Int) -> Self { Self(.unexpectedStatus, status: status) }

    /// A short, fixed description.
    public var description: String {
        switch code {
        case .timedOut: "the fetch timed out"
        case .bodyTooLarge: "the response body is too large"
        case .redirectRefused: "the server answered with a redirect, which is not followed"
        case .unexpectedStatus: "the server answered with HTTP status \(status ?? 0)"
        case .transportFailed: "the HTTP request failed"
        default: "the document is not valid"
        }
    }
}

extension ErrorCode where Domain == JWKSFetchError {
    /// The fetch took longer than the configured timeout.
    public static let timedOut = Self("timed_out")
    /// The body was larger than the configured limit.
    public static let bodyTooLarge = Self("body_too_large")
    /// The server answered with a redirect, which is never followed.
    public static let redirectRefused = Self("redirect_refused")
    /// The server answered with a status other than 200.
    public static let unexpectedStatus = Self("unexpected_status")
    /// The connection or the HTTP exchange failed.
    public static let transportFailed = Self("transport_failed")
    /// The document is not a usable JWKS or metadata document.
    public static let invalidDocument = Self("invalid_document")
}
