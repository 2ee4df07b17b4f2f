public import Foundation
import Hummingbird
import HummingbirdTesting
public import JOSE
import Logging
import NIOCore

/// A real HTTP server on 127.0.0.1 (ephemeral port) that plays an authorization server for tests: it serves a
/// JWKS and metadata documents, answers token introspection (RFC 7662) at `POST /introspect`, counts requests per
/// path, and can misbehave on demand (delay, 500/404, garbage, oversize or slow bodies, redirects, `Cache-Control`,
/// key rotation).
///
/// ```swift
/// try await JWKSTestServer.run { server in
///     server.setKeys([signingKey])
///     let keys = try RemoteJWKS(url: server.jwksURL)
///     ...
///     #expect(server.requestCount() == 1)
/// }
/// ```
public final class JWKSTestServer: Sendable {
    /// How the JWKS path answers.
    public enum Mode: Sendable {
        /// 200 with the current key set as JSON.
        case serve
        /// The given status with a short text body.
        case status(Int)
        /// 200 with a body that is not JSON.
        case garbage
        /// 200 with `bytes` bytes of JSON-looking padding; `declaresLength: false` streams it chunked, so only a
        /// streaming size check can catch it.
        case oversize(bytes: Int, declaresLength: Bool)
        /// 200 with the current key set dribbled out in `chunks` pieces, one every `interval`.
        case slowBody(chunks: Int, interval: Duration)
        /// 302 to `location` (a path on this server or an absolute URL).
        case redirect(location: String)
    }

    /// The path of the JWKS document.
    public static let jwksPath = "/jwks.json"

    private struct State {
        var port = 0
        var jwks: [UInt8] = Array(#"{"keys":[]}"#.utf8)
        var mode = Mode.serve
        var delay = Duration.zero
        var cacheControl: String?
        var counts: [String: Int] = [:]
        var documents: [String: (status: Int, body: [UInt8])] = [:]
        var introspectionClient: (id: String, secret: String) = ("resource-server", "resource-secret")
        var activeTokens: [String: [String: JSONValue]] = [:]
        var lastIntrospection: IntrospectionRequest?
    }

    /// What the introspection endpoint last received.
    public struct IntrospectionRequest: Sendable {
        /// The `Authorization` header, if any.
        public let authorization: String?
        /// The form parameters, by name.
        public let form: [String: String]
    }

    private let state = Locked(State())

    private init() {}

    /// Starts a server, runs `body` with it, and stops the server (also when `body` throws).
    public static func run<Value: Sendable>(
        _ body: @Sendable (JWKSTestServer) async throws -> Value
    ) async throws -> Value {
        let server = JWKSTestServer()
        let router = Router()
        router.get("**") { request, _ in try await server.respond(to: request) }
        router.post(RouterPath(Self.introspectionPath)) { request, _ in
            try await server.introspect(request, form: try await request.body.collect(upTo: 64 * 1024))
        }
        var logger = Logger(label: "JWKSTestServer")
        logger.logLevel = .critical
        let app = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            logger: logger
        )
        return try await app.test(.live) { client in
            server.state.withLock { $0.port = client.port ?? 0 }
            return try await body(server)
        }
    }

    // MARK: Addresses

    /// The bound port.
    public var port: Int { state.withLock { $0.port } }
    /// `http://127.0.0.1:PORT` — usable as an issuer identifier.
    public var baseURL: String { "http://127.0.0.1:\(port)" }
    /// The JWKS document's URL.
    public var jwksURL: URL { url(Self.jwksPath) }
    /// The URL of `path` on this server.
    public func url(_ path: String) -> URL { URL(string: baseURL + path)! }

    // MARK: Behaviour

    /// Serves the public JWKs of `keys` (private parts are never published).
    public func setKeys(_ keys: [JWSKey]) {
        let entries = keys.map { try! $0.publicJWK() }
        setJWKS(["keys": .array(entries)])
    }

    /// Serves `document` as the JWKS, exactly (it may hold anything, for example an `oct` key).
    public func setJWKS(_ document: JSONValue) {
        let bytes = document.serialized()
        state.withLock { $0.jwks = bytes }
    }

    /// Sets how the JWKS path answers.
    public func setMode(_ mode: Mode) { state.withLock { $0.mode = mode } }
    /// Delays every answer (every path) by `delay` before the headers are sent.
    public func setDelay(_ delay: Duration) { state.withLock { $0.delay = delay } }
    /// Sets the `Cache-Control` header of JWKS answers, or removes it.
    public func setCacheControl(_ value: String?) { state.withLock { $0.cacheControl = value } }

    /// Serves `document` at `path` (for example a metadata document) with `status`.
    public func setDocument(_ path: String, status: Int = 200, _ document: JSONValue) {
        setDocument(path, status: status, bytes: document.serialized())
    }

    /// Serves `bytes` exactly (JSON or not) at `path` with `status`.
    public func setDocument(_ path: String, status: Int = 200, bytes: [UInt8]) {
        state.withLock { $0.documents[path] = (status, bytes) }
    }

    /// Serves an OpenID Connect metadata document at `/.well-known/openid-configuration` naming this server as
    /// `issuer` (or `issuer` when given) and its JWKS as `jwks_uri` (or `jwksURI`).
    public func setDiscoveryDocument(issuer: String? = nil, jwksURI: String? = nil) {
        setDocument(
            "/.well-known/openid-configuration",
            ["issuer": .string(issuer ?? baseURL), "jwks_uri": .string(jwksURI ?? jwksURL.absoluteString)])
    }

    // MARK: Introspection

    /// The path of the introspection endpoint (`POST`, RFC 7662).
    public static let introspectionPath = "/introspect"
    /// The introspection endpoint's URL.
    public var introspectionURL: URL { url(Self.introspectionPath) }

    /// The client allowed to introspect (`client_secret_basic` or `client_secret_post`). Default:
    /// `resource-server` / `resource-secret`.
    public func setIntrospectionClient(id: String, secret: String) {
        state.withLock { $0.introspectionClient = (id, secret) }
    }

    /// Makes `token` active, answered with `"active": true` and `claims`. Every other token is inactive.
    public func setActiveToken(_ token: String, claims: [String: JSONValue]) {
        state.withLock { $0.activeTokens[token] = claims }
    }

    /// Makes `token` inactive from now on, as a revocation does.
    public func revokeToken(_ token: String) { _ = state.withLock { $0.activeTokens.removeValue(forKey: token) } }

    /// What the introspection endpoint last received, or `nil`.
    public var lastIntrospection: IntrospectionRequest? { state.withLock { $0.lastIntrospection } }

    // MARK: Counters

    /// Requests received for `path` (default: the JWKS path), counted when they arrive.
    public func requestCount(_ path: String = JWKSTestServer.jwksPath) -> Int {
        state.withLock { $0.counts[path] ?? 0 }
    }

    /// Requests received for any path.
    public var totalRequestCount: Int { state.withLock { $0.counts.values.reduce(0, +) } }

    /// Waits (polling, up to `timeout`) until `path` has been requested `count` times; returns the final count.
    @discardableResult
    public func waitForRequests(
        _ count: Int, path: String = JWKSTestServer.jwksPath, timeout: Duration = .seconds(10)
    ) async throws -> Int {
        let deadline = ContinuousClock.now + timeout
        while requestCount(path) < count, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        return requestCount(path)
    }

    // MARK: Answering

    private func respond(to request: Request) async throws -> Response {
        let path = request.uri.path
        let (delay, mode, jwks, cacheControl, document) = state.withLock { state in
            state.counts[path, default: 0] += 1
            return (state.delay, state.mode, state.jwks, state.cacheControl, state.documents[path])
        }
        if delay > .zero { try await Task.sleep(for: delay) }
        if let document {
            return Self.response(status: document.status, body: document.body)
        }
        guard path == Self.jwksPath else { return Self.response(status: 404, body: Array("not found".utf8)) }
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        if let cacheControl { headers[.cacheControl] = cacheControl }
        switch mode {
        case .serve:
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: jwks)))
        case .status(let code):
            return Self.response(status: code, body: Array("error".utf8))
        case .garbage:
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: "<html>")))
        case .oversize(let bytes, let declaresLength):
            let chunk = ByteBuffer(repeating: UInt8(ascii: " "), count: 16 * 1024)
            let body = ResponseBody(contentLength: declaresLength ? bytes : nil) { writer in
                var left = bytes
                while left > 0 {
                    let size = min(left, chunk.readableBytes)
                    try await writer.write(chunk.getSlice(at: 0, length: size)!)
                    left -= size
                }
                try await writer.finish(nil)
            }
            return Response(status: .ok, headers: headers, body: body)
        case .slowBody(let chunks, let interval):
            let pieceSize = max(1, (jwks.count + chunks - 1) / max(1, chunks))
            let body = ResponseBody { writer in
                var offset = 0
                while offset < jwks.count {
                    let end = min(jwks.count, offset + pieceSize)
                    try await writer.write(ByteBuffer(bytes: jwks[offset..<end]))
                    offset = end
                    try await Task.sleep(for: interval)
                }
                try await writer.finish(nil)
            }
            return Response(status: .ok, headers: headers, body: body)
        case .redirect(let location):
            var redirectHeaders = HTTPFields()
            redirectHeaders[.location] = location
            return Response(status: .found, headers: redirectHeaders)
        }
    }

    /// Answers an introspection request: 401 `invalid_client` unless the client authenticated (Basic or form),
    /// else the token's answer. A document set with `setDocument(_:status:_:)` for the path replaces the answer.
    private func introspect(_ request: Request, form body: ByteBuffer) async throws -> Response {
        let path = request.uri.path
        let authorization = request.headers[.authorization]
        let form = Dictionary(
            FormURLEncoding.pairs(String(buffer: body)) ?? [], uniquingKeysWith: { first, _ in first })
        let (delay, document, client, claims) = state.withLock { state in
            state.counts[path, default: 0] += 1
            state.lastIntrospection = IntrospectionRequest(authorization: authorization, form: form)
            return (
                state.delay, state.documents[path], state.introspectionClient,
                form["token"].flatMap { state.activeTokens[$0] }
            )
        }
        if delay > .zero { try await Task.sleep(for: delay) }
        if let document { return Self.response(status: document.status, body: document.body) }
        let basic =
            "Basic "
            + Data((FormURLEncoding.encode(client.id) + ":" + FormURLEncoding.encode(client.secret)).utf8)
            .base64EncodedString()
        let posted = form["client_id"] == client.id && form["client_secret"] == client.secret
        guard authorization == basic || (authorization == nil && posted) else {
            return Self.response(status: 401, body: Array(#"{"error":"invalid_client"}"#.utf8))
        }
        var answer = claims ?? [:]
        answer["active"] = .bool(claims != nil)
        return Self.response(status: 200, body: JSONValue.object(answer).serialized())
    }

    private static func response(status: Int, body: [UInt8]) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(
            status: HTTPResponse.Status(code: status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
