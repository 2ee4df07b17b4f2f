public import HTTPTypes
public import NIOHTTP1

extension HTTPFields {
    /// Header fields with `Authorization: <scheme> <token>`: for Hummingbird's test client (and any client built on
    /// swift-http-types).
    ///
    /// ```swift
    /// try await client.execute(uri: "/orders", method: .get, headers: .bearer(token)) { response in ... }
    /// ```
    /// - Parameters:
    ///   - token: the access token, sent as it is.
    ///   - scheme: the authentication scheme; `Bearer` unless a test means to send another.
    public static func bearer(_ token: String, scheme: String = "Bearer") -> HTTPFields {
        [.authorization: "\(scheme) \(token)"]
    }
}

extension HTTPHeaders {
    /// Headers with `Authorization: <scheme> <token>`: for Vapor's test client (`app.test(.GET, "/orders",
    /// headers: .bearer(token))`) and any client built on SwiftNIO's HTTP/1 types.
    /// - Parameters:
    ///   - token: the access token, sent as it is.
    ///   - scheme: the authentication scheme; `Bearer` unless a test means to send another.
    public static func bearer(_ token: String, scheme: String = "Bearer") -> HTTPHeaders {
        ["Authorization": "\(scheme) \(token)"]
    }
}
