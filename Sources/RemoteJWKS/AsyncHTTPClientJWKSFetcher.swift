public import AsyncHTTPClient
public import Foundation
import NIOCore

/// The default ``JWKSHTTPClient``: AsyncHTTPClient with redirects refused, a deadline, and a body cap enforced
/// while streaming.
///
/// `shared` uses `sharedHTTPClient`, a process-wide `HTTPClient` that lives as long as the process (like
/// `HTTPClient.shared`) and must never be shut down, so there is nothing to clean up. To use your own `HTTPClient`
/// (a proxy, custom TLS, another event loop group), pass it to `init(client:)`: you own it and call its
/// `shutdown()` after the last key source using it is gone. Even if that client is configured to follow
/// redirects, a response that was reached through a redirect is refused.
public struct AsyncHTTPClientJWKSFetcher: JWKSHTTPClient {
    /// The HTTP client requests go through.
    public let client: HTTPClient

    /// A fetcher over `client`. The caller owns `client` and shuts it down when done.
    public init(client: HTTPClient) {
        self.client = client
    }

    /// The fetcher over `sharedHTTPClient`: the default of every key source.
    public static let shared = AsyncHTTPClientJWKSFetcher(client: sharedHTTPClient)

    /// A process-wide `HTTPClient` configured by `makeConfiguration()`, on `HTTPClient.defaultEventLoopGroup`.
    /// Never shut it down: it lives as long as the process, like `HTTPClient.shared`.
    public static let sharedHTTPClient = HTTPClient(
        eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: makeConfiguration())

    /// The configuration recommended for key fetching: redirects disallowed, no automatic decompression,
    /// a 5 second connect timeout, full TLS certificate verification.
    public static func makeConfiguration() -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration(
            certificateVerification: .fullVerification,
            redirectConfiguration: .disallow,
            timeout: HTTPClient.Configuration.Timeout(connect: .seconds(5), read: .seconds(5)),
            decompression: .disabled
        )
        configuration.httpVersion = .automatic
        return configuration
    }

    /// Fetches `url`; see ``JWKSHTTPClient/get(_:timeout:maximumBodySize:)``.
    /// - Throws: ``JWKSFetchError``.
    public func get(_ url: URL, timeout: Duration, maximumBodySize: Int) async throws -> JWKSHTTPResponse {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .GET
        request.headers.add(name: "Accept", value: "application/jwk-set+json, application/json")
        return try await execute(request, timeout: timeout, maximumBodySize: maximumBodySize)
    }

    /// Posts `form` to `url`; see ``JWKSHTTPClient/post(_:form:authorization:timeout:maximumBodySize:)``.
    /// - Throws: ``JWKSFetchError``.
    public func post(_ url: URL, form: [UInt8], authorization: String?, timeout: Duration, maximumBodySize: Int)
        async throws -> JWKSHTTPResponse
    {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .POST
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        if let authorization { request.headers.add(name: "Authorization", value: authorization) }
        request.body = .bytes(form)
        return try await execute(request, timeout: timeout, maximumBodySize: maximumBodySize)
    }

    /// Sends `request` within `timeout`, refusing redirects and reading at most `maximumBodySize` bytes of body.
    private func execute(_ request: HTTPClientRequest, timeout: Duration, maximumBodySize: Int) async throws
        -> JWKSHTTPResponse
    {
        var request = request
        request.headers.add(name: "User-Agent", value: "swift-oauth-jwt")
        let deadline = NIODeadline.now() + TimeAmount.nanoseconds(timeout.inNanoseconds)
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, deadline: deadline)
        } catch {
            throw Self.fetchError(error)
        }
        // A client configured to follow redirects records each hop; refuse anything not served by `url` itself.
        guard response.history.count <= 1 else { throw JWKSFetchError.redirectRefused }
        if let declared = response.headers.first(name: "Content-Length").flatMap(Int.init), declared > maximumBodySize {
            throw JWKSFetchError.bodyTooLarge
        }
        var body = [UInt8]()
        do {
            for try await chunk in response.body {
                guard chunk.readableBytes <= maximumBodySize - body.count else { throw JWKSFetchError.bodyTooLarge }
                body.append(contentsOf: chunk.readableBytesView)
            }
        } catch {
            throw Self.fetchError(error)
        }
        let cacheControl = response.headers["Cache-Control"]
        return JWKSHTTPResponse(
            status: Int(response.status.code),
            cacheControl: cacheControl.isEmpty ? nil : cacheControl.joined(separator: ","),
            body: body
        )
    }

    private static func fetchError(_ error: any Error) -> JWKSFetchError {
        if let fetchError = error as? JWKSFetchError { return fetchError }
        if let clientError = error as? HTTPClientError {
            switch clientError {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .tlsHandshakeTimeout, .getConnectionFromPoolTimeout:
                return .timedOut
            default:
                return .transportFailed
            }
        }
        return .transportFailed
    }
}
