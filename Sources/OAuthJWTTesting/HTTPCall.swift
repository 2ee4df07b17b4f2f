import AsyncHTTPClient
import NIOCore

/// Small HTTP calls through AsyncHTTPClient, for tests that talk to a live server over loopback.
public enum HTTP {
    /// A response: status, every header field in order (repeated ones kept) and the body as text.
    public struct Reply: Sendable {
        /// The status code.
        public let status: Int
        /// Every header field as (name, value), in order.
        public let headers: [(String, String)]
        /// The body, decoded as UTF-8.
        public let body: String

        /// The first value of the field `name` (compared case-insensitively).
        public func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }

        /// Every value of the field `name`, in order.
        public func headers(_ name: String) -> [String] {
            headers.filter { $0.0.lowercased() == name.lowercased() }.map(\.1)
        }
    }

    /// Sends one request with `HTTPClient.shared` and collects up to 1 MiB of its body.
    public static func call(
        _ url: String, method: String = "GET", headers: [(String, String)] = [], body: String? = nil
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: url)
        request.method = .init(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return Reply(
            status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
            body: String(buffer: bytes))
    }
}
