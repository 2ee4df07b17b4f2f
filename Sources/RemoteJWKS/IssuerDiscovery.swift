public import Foundation
public import JOSE
public import Logging
import Tracing

/// The parts of an authorization server's metadata (OpenID Connect Discovery 1.0, RFC 8414) that key sources use.
public struct AuthorizationServerMetadata: Sendable {
    /// The issuer, equal to the one that was asked for.
    public let issuer: String
    /// The `jwks_uri`, checked against the same URL rules as any JWKS URL.
    public let jwksURI: URL
    /// The whole metadata document.
    public let document: JSONValue
    /// The URL the document was read from.
    public let documentURL: URL
}

/// Finds an issuer's `jwks_uri` through its metadata document.
///
/// Tries OpenID Connect's `{issuer}/.well-known/openid-configuration` first, then RFC 8414's
/// `{scheme}://{host}/.well-known/oauth-authorization-server{path}`. The second is tried only when the first
/// answers with a status other than 200 (for example 404); a document that is found but wrong stops discovery.
/// The document's `issuer` must equal the issuer asked for, character for character (OpenID Connect Discovery §4.3,
/// RFC 8414 §3.3), so a document cannot make us trust another issuer's keys.
public enum IssuerDiscovery {
    /// The metadata URLs tried for `issuer`, in order.
    /// - Throws: `JOSEError.Code.urlNotAllowed` for an issuer that is not an allowed URL.
    public static func metadataURLs(
        for issuer: String, allowsInsecureHTTP: Bool = false
    ) throws(JOSEError) -> [URL] {
        let issuerURL = try URLPolicy.check(issuer, allowsInsecureHTTP: allowsInsecureHTTP)
        guard issuerURL.query == nil, issuerURL.fragment == nil else {
            throw JOSEError(.urlNotAllowed, "An issuer URL has no query or fragment")
        }
        var trimmed = issuer
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        let path = issuerURL.path == "/" ? "" : issuerURL.path
        var origin = (issuerURL.scheme ?? "https") + "://" + (issuerURL.host ?? "")
        if issuerURL.host?.contains(":") == true {
            origin = (issuerURL.scheme ?? "https") + "://[" + issuerURL.host! + "]"
        }
        if let port = issuerURL.port { origin += ":\(port)" }
        var trimmedPath = path
        while trimmedPath.hasSuffix("/") { trimmedPath.removeLast() }
        let candidates = [
            trimmed + "/.well-known/openid-configuration",
            origin + "/.well-known/oauth-authorization-server" + trimmedPath,
        ]
        var urls = [URL]()
        for candidate in candidates {
            urls.append(try URLPolicy.check(candidate, allowsInsecureHTTP: allowsInsecureHTTP))
        }
        return urls
    }

    /// Fetches and checks `issuer`'s metadata.
    /// - Parameters:
    ///   - issuer: the issuer identifier, exactly as tokens carry it in `iss`.
    ///   - configuration: the fetch timeout, body limit and URL rules (``RemoteJWKSConfiguration``).
    ///   - logger: where fetches and failures are logged (never with document contents).
    /// - Throws: `JOSEError.Code.urlNotAllowed` for an issuer or `jwks_uri` that is not an allowed URL;
    ///   `JOSEError.Code.invalidInput` for a malformed document; `JOSEError.Code.issuerMismatch` when the document names another issuer;
    ///   `JOSEError.Code.keySourceUnavailable` when no document could be fetched.
    public static func discover(
        issuer: String,
        configuration: RemoteJWKSConfiguration = RemoteJWKSConfiguration(),
        logger: Logger = Logger(label: "swift-oauth-jwt.IssuerDiscovery")
    ) async throws(JOSEError) -> AuthorizationServerMetadata {
        try await discover(
            issuer: issuer,
            fetcher: DocumentFetcher(configuration: configuration, logger: logger))
    }

    /// Fetches and checks `issuer`'s metadata with `fetcher`, in a span `oauth_jwt.discover` when a tracer is
    /// bootstrapped (its metadata fetches are the span's children).
    static func discover(
        issuer: String, fetcher: DocumentFetcher
    ) async throws(JOSEError) -> AuthorizationServerMetadata {
        let tracer = InstrumentationSystem.tracer
        if tracer is NoOpTracer { return try await discoverUntraced(issuer: issuer, fetcher: fetcher) }
        let result: Result<AuthorizationServerMetadata, JOSEError> = await tracer.withSpan(
            "oauth_jwt.discover", ofKind: .client
        ) { span in
            do throws(JOSEError) {
                return .success(try await discoverUntraced(issuer: issuer, fetcher: fetcher))
            } catch {
                span.attributes["oauth_jwt.result"] = error.code.rawValue
                span.setStatus(SpanStatus(code: .error))
                return .failure(error)
            }
        }
        return try result.get()
    }

    private static func discoverUntraced(
        issuer: String, fetcher: DocumentFetcher
    ) async throws(JOSEError) -> AuthorizationServerMetadata {
        let configuration = fetcher.configuration
        let logger = fetcher.logger
        let urls = try metadataURLs(for: issuer, allowsInsecureHTTP: configuration.allowsInsecureHTTP)
        var lastFailure = JWKSFetchError.transportFailed
        for url in urls {
            let response: JWKSHTTPResponse
            do {
                response = try await fetcher.get(url, document: .metadata)
            } catch  where [.unexpectedStatus, .redirectRefused].contains(error.code) {
                // Not here (for example 404): try the next well-known URL.
                lastFailure = error
                logger.debug(
                    "No authorization server metadata at this URL",
                    metadata: [
                        "oauth_jwt.metadata_url": "\(URLPolicy.redacted(url))", "oauth_jwt.metadata_error": "\(error)",
                    ])
                continue
            } catch {
                logger.debug(
                    "Fetching the authorization server metadata failed",
                    metadata: [
                        "oauth_jwt.metadata_url": "\(URLPolicy.redacted(url))", "oauth_jwt.metadata_error": "\(error)",
                    ])
                throw JOSEError(.keySourceUnavailable, "The issuer's metadata could not be fetched: \(error)")
            }
            let metadata = try parse(response.body, issuer: issuer, from: url, configuration: configuration)
            logger.debug(
                "Discovered the authorization server metadata",
                metadata: ["oauth_jwt.metadata_url": "\(URLPolicy.redacted(url))"]
            )
            return metadata
        }
        // Without metadata the key source has no usable keys: the library's one warning.
        logger.warning(
            "No authorization server metadata found", metadata: ["oauth_jwt.metadata_error": "\(lastFailure)"])
        throw JOSEError(.keySourceUnavailable, "The issuer's metadata could not be fetched: \(lastFailure)")
    }

    static func parse(
        _ body: [UInt8], issuer: String, from url: URL, configuration: RemoteJWKSConfiguration
    ) throws(JOSEError) -> AuthorizationServerMetadata {
        let document: JSONValue
        do {
            document = try JSONValue(parsing: body)
        } catch {
            throw JOSEError(.invalidInput, "The metadata document is not valid JSON")
        }
        guard document.objectValue != nil else {
            throw JOSEError(.invalidInput, "The metadata document is not a JSON object")
        }
        guard let documentIssuer = document["issuer"]?.stringValue else {
            throw JOSEError(.invalidInput, "The metadata document has no issuer")
        }
        guard documentIssuer.hasSameBytes(as: issuer) else {
            throw JOSEError(.issuerMismatch, "The metadata document names a different issuer")
        }
        guard let jwksURI = document["jwks_uri"]?.stringValue else {
            throw JOSEError(.invalidInput, "The metadata document has no jwks_uri")
        }
        let checked = try URLPolicy.check(jwksURI, allowsInsecureHTTP: configuration.allowsInsecureHTTP)
        // Loopback `http` is for an issuer that is itself on loopback: an `https` issuer's keys must come over
        // `https` too, or a document could send us to a plain-text port on this host (a sidecar, a debug server).
        if !configuration.allowsInsecureHTTP, url.scheme?.lowercased() == "https",
            checked.scheme?.lowercased() != "https"
        {
            throw JOSEError(.urlNotAllowed, "The jwks_uri of an https issuer must use https")
        }
        return AuthorizationServerMetadata(issuer: issuer, jwksURI: checked, document: document, documentURL: url)
    }
}
