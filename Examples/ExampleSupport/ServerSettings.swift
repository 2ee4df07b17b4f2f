import Foundation
import JOSE
package import OAuthJWT

/// The example servers' settings: the environment first, then `Examples/ExampleServer/settings.json` (or the file
/// named by `SETTINGS_FILE`), then defaults. Both servers (Hummingbird and Vapor) read the same ones.
package struct ServerSettings: Sendable {
    /// The `jwks_uri` of a real authorization server.
    package var jwksURI: String?
    /// The issuer: checked against `iss`, and used for discovery when ``jwksURI`` is absent.
    package var issuer: String?
    /// The required audience.
    package var audience: String?
    /// The address to listen on.
    package var host = "127.0.0.1"
    /// The port to listen on; 0 picks a free one.
    package var port = 8080
    /// The realm of the challenges.
    package var realm: String?
    /// Whether DPoP-bound tokens are accepted (`DPOP`: `allowed` or `required`; default off).
    package var dpop = DPoPPolicy.Mode.disabled
    /// The public base URL that DPoP proofs' `htu` is compared with (`PUBLIC_BASE_URL`; default: the address the
    /// server listens on, which needs a fixed `PORT`).
    package var publicBaseURL: String?
    /// The header a TLS-terminating proxy puts the client certificate in (`CLIENT_CERT_HEADER`, such as
    /// `Client-Cert`), for certificate-bound tokens; unset, certificate-bound tokens are refused.
    package var clientCertificateHeader: String?
    /// The introspection endpoint of a real authorization server (`INTROSPECTION_URL`), for opaque tokens.
    package var introspectionURL: String?
    /// The client the server introspects as (`INTROSPECTION_CLIENT_ID`, `INTROSPECTION_CLIENT_SECRET`; sent with
    /// `client_secret_basic`).
    package var introspectionClient: (id: String, secret: String)?
    /// Whether every token is introspected (`INTROSPECTION=all`), or only tokens that are not JWTs (`opaque`, the
    /// default when `JWKS_URI` or `ISSUER` gives keys; with neither, every token is introspected).
    package var introspectsAllTokens = false
    /// A private JWK set file whose keys decrypt encrypted access tokens (`DECRYPTION_JWKS`).
    package var decryptionJWKS: String?

    /// Whether the embedded demo issuer runs: when no JWKS URI, issuer or introspection endpoint is configured.
    package var usesDemoIssuer: Bool { jwksURI == nil && issuer == nil && introspectionURL == nil }

    package static let names = [
        "JWKS_URI", "ISSUER", "AUDIENCE", "HOST", "PORT", "REALM", "DPOP", "PUBLIC_BASE_URL", "CLIENT_CERT_HEADER",
        "INTROSPECTION_URL", "INTROSPECTION_CLIENT_ID", "INTROSPECTION_CLIENT_SECRET", "INTROSPECTION",
        "DECRYPTION_JWKS",
    ]

    /// Reads the settings file (when present) and the environment, the environment winning.
    package static func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> ServerSettings
    {
        var values: [String: String] = [:]
        let path = environment["SETTINGS_FILE"] ?? "Examples/ExampleServer/settings.json"
        if let data = FileManager.default.contents(atPath: path) {
            guard let object = try JSONValue(parsing: Array(data)).objectValue else {
                throw SettingsError("\(path) must hold a JSON object")
            }
            for name in names {
                switch object[name] {
                case .string(let text): values[name] = text
                case .number(let number): values[name] = number.literal
                case nil, .null: break
                default: throw SettingsError("\(name) in \(path) must be a string")
                }
            }
        }
        for name in names {
            if let value = environment[name], !value.isEmpty { values[name] = value }
        }

        var settings = ServerSettings()
        settings.jwksURI = values["JWKS_URI"]
        settings.issuer = values["ISSUER"]
        settings.audience = values["AUDIENCE"]
        settings.realm = values["REALM"]
        if let host = values["HOST"] { settings.host = host }
        if let port = values["PORT"] {
            guard let number = Int(port), (0...65_535).contains(number) else {
                throw SettingsError("PORT must be a number from 0 to 65535")
            }
            settings.port = number
        }
        switch values["DPOP"] {
        case nil, "off": settings.dpop = .disabled
        case "allowed": settings.dpop = .allowed
        case "required": settings.dpop = .required
        default: throw SettingsError("DPOP must be allowed, required or off")
        }
        settings.publicBaseURL = values["PUBLIC_BASE_URL"]
        settings.clientCertificateHeader = values["CLIENT_CERT_HEADER"]
        settings.decryptionJWKS = values["DECRYPTION_JWKS"]
        if let url = values["INTROSPECTION_URL"] {
            guard let id = values["INTROSPECTION_CLIENT_ID"], let secret = values["INTROSPECTION_CLIENT_SECRET"] else {
                throw SettingsError("INTROSPECTION_URL needs INTROSPECTION_CLIENT_ID and INTROSPECTION_CLIENT_SECRET")
            }
            settings.introspectionURL = url
            settings.introspectionClient = (id, secret)
            switch values["INTROSPECTION"] {
            case nil: settings.introspectsAllTokens = settings.jwksURI == nil && settings.issuer == nil
            case "opaque":
                guard settings.jwksURI != nil || settings.issuer != nil else {
                    throw SettingsError("INTROSPECTION=opaque needs JWKS_URI or ISSUER for the JWTs")
                }
            case "all": settings.introspectsAllTokens = true
            default: throw SettingsError("INTROSPECTION must be opaque or all")
            }
        } else if values["INTROSPECTION"] != nil {
            throw SettingsError("INTROSPECTION needs INTROSPECTION_URL")
        }
        if settings.dpop != .disabled, settings.publicBaseURL == nil {
            guard settings.port != 0 else { throw SettingsError("DPOP with PORT=0 needs PUBLIC_BASE_URL") }
            let host = settings.host.contains(":") ? "[\(settings.host)]" : settings.host
            settings.publicBaseURL = "http://\(host):\(settings.port)"
        }
        return settings
    }
}

/// A setting that cannot be used.
package struct SettingsError: Error, CustomStringConvertible {
    package let description: String
    package init(_ description: String) { self.description = description }
}
