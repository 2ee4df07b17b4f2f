#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// The one HTTP operation the key sources need: a `GET` of a JWKS or discovery document.
///
/// ``AsyncHTTPClientJWKSFetcher`` is the default implementation. Supply your own to use another HTTP stack, a
/// proxy, mutual TLS, or a fake in tests. An implementation must:
/// - never follow redirects (return the 3xx response instead; ``RemoteJWKS`` refuses it),
/// - give up after `timeout` (``RemoteJWKS`` also cancels the call then, so honour task cancellation),
/// - stop reading as soon as the body exceeds `maximumBodySize` and throw ``JWKSFetchError/bodyTooLarge``.
///
/// Errors thrown are logged by kind and reported to callers as ``JOSEError/Code/keySourceUnavailable``.
public protocol JWKSHTTPClient: Sendable {
    /// Fetches `url` with a `GET` request.
    /// - Parameters:
    ///   - url: the document's URL (already checked to be `https`, or `http` on loopback).
    ///   - timeout: the time the whole exchange, body included, may take.
    ///   - maximumBodySize: the largest body to accept, in bytes.
    func get(_ url: URL, timeout: Duration, maximumBodySize: Int) async throws -> JWKSHTTPResponse
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
public enum JWKSFetchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The fetch took longer than the configured timeout.
    case timedOut
    /// The body was larger than the configured limit.
    case bodyTooLarge
    /// The server answered with a redirect, which is never followed.
    case redirectRefused
    /// The server answered with a status other than 200.
    case unexpectedStatus(Int)
    /// The connection or the HTTP exchange failed.
    case transportFailed
    /// The document is not a usable JWKS or metadata document.
    case invalidDocument

    /// A short, fixed description.
    public var description: String {
        switch self {
        case .timedOut: "the fetch timed out"
        case .bodyTooLarge: "the response body is too large"
        case .redirectRefused: "the server answered with a redirect, which is not followed"
        case .unexpectedStatus(let status): "the server answered with HTTP status \(status)"
        case .transportFailed: "the HTTP request failed"
        case .invalidDocument: "the document is not valid"
        }
    }
}
