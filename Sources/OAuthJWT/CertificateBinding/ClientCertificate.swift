import HTTPTypes
import JOSE

/// The RFC 8705 §3 check: the `x5t#S256` of a token's `cnf` against the SHA-256 of the client certificate.
enum ClientCertificate {
    /// Why a token with the confirmation `cnf` is refused, or `nil` when it is not certificate-bound or its
    /// certificate was presented: on the TLS connection (`connectionCertificate`, DER) or in the configured header.
    static func failure(
        of confirmation: JSONValue, headerFields: HTTPFields, connectionCertificate: [UInt8]?,
        binding: CertificateBinding
    ) -> BearerRejection.Reason? {
        guard let bound = confirmation["x5t#S256"] else { return nil }
        guard let expected = bound.stringValue else { return .invalidToken(.certificateBindingMismatch) }
        let der: [UInt8]?
        switch binding.source {
        case .none:
            der = nil
        case .connection:
            der = connectionCertificate
        case .header(let header):
            let values = headerFields[values: header]
            guard values.count <= 1 else { return .invalidRequest }
            der = values.first.flatMap(derCertificate(inHeaderValue:))
        }
        guard let der, !der.isEmpty, let digest = try? Digest.sha256.hash(der),
            ConstantTime.equals(Array(Base64URL.encode(digest).utf8), Array(expected.utf8))
        else { return .invalidToken(.certificateBindingMismatch) }
        return nil
    }

    /// The DER bytes of an RFC 9440 `Client-Cert` value: a structured-field byte sequence, `:` standard base64 `:`.
    static func derCertificate(inHeaderValue value: String) -> [UInt8]? {
        var text = Substring(value)
        while text.first == " " || text.first == "\t" { text.removeFirst() }
        while text.last == " " || text.last == "\t" { text.removeLast() }
        guard text.count >= 2, text.first == ":", text.last == ":" else { return nil }
        var body = text.dropFirst().dropLast()
        var padding = 0
        while body.last == "=" {
            body.removeLast()
            padding += 1
        }
        // Padded (RFC 8941's form) or not; base64url's own characters are not base64's.
        guard padding <= 2, !body.isEmpty, padding == 0 || (body.count + padding) % 4 == 0,
            !body.contains("-"), !body.contains("_")
        else { return nil }
        // Standard base64 as base64url, which JOSE decodes strictly (canonical, no padding).
        return try? Base64URL.decode(String(body.map { $0 == "+" ? "-" : ($0 == "/" ? "_" : $0) }))
    }
}
