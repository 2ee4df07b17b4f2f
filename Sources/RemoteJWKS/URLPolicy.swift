import Foundation
import JOSE

/// Which URLs key sources may fetch: `https`, or `http` to a loopback host, or any `http` when explicitly allowed.
enum URLPolicy {
    /// Checks `url` and returns it.
    /// - Throws: `JOSEError.Code.invalidInput` when the URL is not absolute `https` (or allowed `http`) with a host.
    static func check(_ url: URL, allowsInsecureHTTP: Bool) throws(JOSEError) -> URL {
        guard let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else {
            throw JOSEError(.urlNotAllowed, "The URL must be absolute with a host")
        }
        switch scheme {
        case "https":
            return url
        case "http" where allowsInsecureHTTP || isLoopback(host):
            return url
        case "http":
            throw JOSEError(.urlNotAllowed, "The URL must use https (http is accepted only for loopback hosts)")
        default:
            throw JOSEError(.urlNotAllowed, "The URL must use https")
        }
    }

    /// Parses and checks a URL string. See `check(_:allowsInsecureHTTP:)`.
    static func check(_ string: String, allowsInsecureHTTP: Bool) throws(JOSEError) -> URL {
        guard let url = URL(string: string) else { throw JOSEError(.urlNotAllowed, "The URL is malformed") }
        return try check(url, allowsInsecureHTTP: allowsInsecureHTTP)
    }

    /// `localhost`, an IPv4 address in 127.0.0.0/8, or `::1`.
    static func isLoopback(_ rawHost: String) -> Bool {
        var host = rawHost.lowercased()
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host == "localhost" || host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets[0] == "127" else { return false }
        return octets.allSatisfy { octet in
            !octet.isEmpty && octet.count <= 3 && octet.allSatisfy { $0.isASCII && $0.isNumber } && Int(octet)! <= 255
        }
    }

    /// The URL without user info, query or fragment, for logs.
    static func redacted(_ url: URL) -> String {
        var text = (url.scheme ?? "?") + "://" + (url.host ?? "")
        if let port = url.port { text += ":\(port)" }
        return text + url.path
    }
}
