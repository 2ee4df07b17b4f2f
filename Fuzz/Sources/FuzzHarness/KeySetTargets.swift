import JOSE
import Logging
import RemoteJWKS

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A `JWKSHTTPClient` that answers every request from memory: the fuzzed document or header, no network.
struct InMemoryHTTPClient: JWKSHTTPClient {
    let response: JWKSHTTPResponse

    func get(_ url: URL, timeout: Duration, maximumBodySize: Int) async throws -> JWKSHTTPResponse {
        response
    }

    func post(_ url: URL, form: [UInt8], authorization: String?, timeout: Duration, maximumBodySize: Int)
        async throws -> JWKSHTTPResponse
    {
        response
    }
}

extension FuzzTarget {
    static let quietLogger: Logger = {
        var logger = Logger(label: "fuzz")
        logger.logLevel = .critical
        return logger
    }()

    /// A JWKS document → key set, both as a published set (symmetric keys refused) and as a local one, then every
    /// imported key exported again and looked up as a token header would.
    public static let jwksDocument = FuzzTarget("jwksDocument") { input in
        for allowsSymmetricKeys in [false, true] {
            guard let set = try? JWKSet(jsonBytes: input, allowsSymmetricKeys: allowsSymmetricKeys) else { continue }
            _ = try? set.publicJSON()
            for key in set.keys {
                _ = try? key.publicJWK()
                _ = try? key.thumbprint()
                _ = key.description
            }
        }
        if let json = try? JSONValue(parsing: input), let key = try? JWSKey(jwk: json) {
            _ = try? key.publicJWK()
        }
    }

    /// A document an authorization server answers with: as metadata (OpenID Connect discovery, RFC 8414) for an
    /// `https` and a loopback `http` issuer, and as a token introspection answer (RFC 7662), read with and without a
    /// configured issuer.
    public static let discoveryDocument = FuzzTarget("discoveryDocument") { input in
        let client = InMemoryHTTPClient(response: JWKSHTTPResponse(status: 200, body: input))
        runBlocking {
            for issuer in ["https://as.example", "http://127.0.0.1:9/tenant"] {
                _ = try? await IssuerDiscovery.discover(
                    issuer: issuer, configuration: RemoteJWKSConfiguration(httpClient: client), logger: quietLogger)
            }
            for issuer in ["https://as.example", nil] {
                var configuration = IntrospectionConfiguration(
                    endpoint: URL(string: "https://as.example/introspect")!,
                    clientAuthentication: .clientSecretBasic(clientID: "rs", secret: "secret"), issuer: issuer)
                configuration.httpClient = client
                guard let introspector = try? RemoteTokenIntrospector(configuration: configuration, logger: quietLogger)
                else { return }
                if case .active(let claims) = try? await introspector.introspect("token") {
                    _ = claims.scopes
                    _ = claims.confirmation
                }
            }
        }
    }

    /// A valid key set served with fuzzed response headers: the input is the `Cache-Control` value, read when the
    /// key set is fetched and when its cache time is set.
    public static let responseHeaders = FuzzTarget("responseHeaders") { input in
        let body = Array(
            #"{"keys":[{"kty":"EC","crv":"P-256","kid":"k","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}]}"#
                .utf8)
        let client = InMemoryHTTPClient(
            response: JWKSHTTPResponse(status: 200, cacheControl: String(fuzz: input), body: body))
        runBlocking {
            guard
                let jwks = try? RemoteJWKS(
                    url: URL(string: "https://as.example/jwks")!,
                    configuration: RemoteJWKSConfiguration(httpClient: client), logger: quietLogger)
            else { return }
            try? await jwks.refresh()
            _ = jwks.statistics
        }
    }
}
