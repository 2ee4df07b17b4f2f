import CJWTOpenSSL
import JOSE

/// Compact JWS building and reading shared by messages and token profiles, including the unsecured (`alg: none`)
/// form that JOSE deliberately does not offer. Callers reach the unsecured paths only through explicit opt-ins.
enum JWTCodec {
    /// A token split into its parts, with the header parsed but nothing verified.
    struct Parts {
        let header: [String: JSONValue]
        let algorithm: String
        let payload: [UInt8]
        let signature: [UInt8]
        let signingInput: [UInt8]
    }

    /// Builds `BASE64URL(header).BASE64URL(payload)` with the header members in the given order.
    static func signingInput(header: [(String, JSONValue)], payload: [UInt8]) -> String {
        Base64URL.encode(OrderedJSON.object(header)) + "." + Base64URL.encode(payload)
    }

    /// Splits and decodes a compact JWS without checking anything but its structure, base64url and JSON.
    static func split(_ token: String, maximumSize: Int = CompactJWS.defaultMaximumSize) throws(JOSEError) -> Parts {
        guard token.utf8.count <= maximumSize else { throw JOSEError(.tokenTooLarge, "The token is too large") }
        let pieces = token.split(separator: ".", omittingEmptySubsequences: false)
        guard pieces.count == 3 else { throw JOSEError(.malformedToken, "A compact JWS has exactly three parts") }
        let headerBytes = try Base64URL.decode(pieces[0])
        guard case .object(let header) = try JSONValue(parsing: headerBytes) else {
            throw JOSEError(.invalidHeader, "The header is not a JSON object")
        }
        guard let algorithm = header["alg"]?.stringValue else {
            throw JOSEError(.invalidHeader, "The header has no alg")
        }
        return Parts(
            header: header, algorithm: algorithm, payload: try Base64URL.decode(pieces[1]),
            signature: try Base64URL.decode(pieces[2]),
            signingInput: Array(pieces[0].utf8) + [46] + Array(pieces[1].utf8))
    }

    /// Whether an `alg` value names the unsecured algorithm.
    static func isUnsecured(_ algorithm: String) -> Bool { algorithm.lowercased() == "none" }

    /// Checks an unsecured token's shape: `alg` exactly `none`, an empty signature, no `crit`.
    static func checkUnsecured(_ parts: Parts) throws(JOSEError) {
        guard parts.algorithm == "none", parts.signature.isEmpty, parts.header["crit"] == nil else {
            throw JOSEError(.malformedToken, "The unsecured token is malformed")
        }
    }
}

/// HMAC with secrets shorter than the hash output, which ``JWSKey`` refuses. Only reachable through
/// ``TokenSigningKey/insecureShortHMACSecret(_:)`` for reproducing legacy tokens.
enum ShortSecretHMAC {
    static func mac(_ message: [UInt8], secret: [UInt8], algorithm: JWSAlgorithm) throws(JOSEError) -> [UInt8] {
        let digestName: String
        switch algorithm {
        case .hs256: digestName = "SHA256"
        case .hs384: digestName = "SHA384"
        case .hs512: digestName = "SHA512"
        default: throw JOSEError(.keyAlgorithmMismatch, "The key type does not match the algorithm")
        }
        var output = [UInt8](repeating: 0, count: 64)
        var length = 0
        let ok = output.withUnsafeMutableBufferPointer { out in
            secret.withUnsafeBufferPointer { key in
                message.withUnsafeBufferPointer { data in
                    EVP_Q_mac(
                        nil, "HMAC", nil, digestName, nil, key.baseAddress, key.count, data.baseAddress, data.count,
                        out.baseAddress, out.count, &length) != nil
                }
            }
        }
        guard ok, secret.count > 0 else { throw JOSEError(.signingFailed, "Computing the HMAC failed") }
        return Array(output.prefix(length))
    }

    static func verify(_ tag: [UInt8], message: [UInt8], secret: [UInt8], algorithm: JWSAlgorithm) throws(JOSEError) {
        let expected = try mac(message, secret: secret, algorithm: algorithm)
        let equal =
            expected.count == tag.count
            && expected.withUnsafeBytes { a in
                tag.withUnsafeBytes { b in CRYPTO_memcmp(a.baseAddress, b.baseAddress, a.count) == 0 }
            }
        guard equal else { throw JOSEError(.invalidSignature, "The signature is invalid") }
    }
}
