/// A compact serialization split into its three decoded parts, with the header parsed as JSON but not checked.
///
/// ``CompactJWS`` is the checked form every verification goes through; this form is for the layers that must report a
/// token's algorithm in their own words before it is checked (OIDCMessages' token profiles), and for unsecured
/// tokens (RFC 7519 §6), which ``CompactJWS`` refuses. Parse once here, then ``CompactJWS/init(parts:)`` or
/// `unsecuredPayload()`: nothing is decoded twice.
package struct JWSParts: Sendable {
    /// The header's members.
    package let header: [String: JSONValue]
    /// The header's `alg` value, when it is a string.
    package let algorithm: String?
    /// The decoded payload.
    package let payload: [UInt8]
    /// The decoded signature (empty for an unsecured token).
    package let signature: [UInt8]
    /// `BASE64URL(header) '.' BASE64URL(payload)`.
    package let signingInput: [UInt8]

    /// Splits and decodes `token`: at most `maximumSize` bytes, three parts, strict base64url, a JSON object header.
    /// - Throws: ``ErrorCode/tokenTooLarge``, ``ErrorCode/malformedToken``,
    ///   ``ErrorCode/invalidBase64URL``, JSON errors, ``ErrorCode/invalidHeader``.
    package init(splitting token: some StringProtocol, maximumSize: Int = CompactJWS.defaultMaximumSize)
        throws(JOSEError)
    {
        guard token.utf8.count <= maximumSize else { throw JOSEError(.tokenTooLarge, "The token is too large") }
        let pieces = token.split(separator: ".", omittingEmptySubsequences: false)
        guard pieces.count == 3 else { throw JOSEError(.malformedToken, "A compact JWS has exactly three parts") }
        guard case .object(let header) = try JSONValue(parsing: try Base64URL.decode(pieces[0])) else {
            throw JOSEError(.invalidHeader, "The header is not a JSON object")
        }
        self.header = header
        algorithm = header["alg"]?.stringValue
        payload = try Base64URL.decode(pieces[1])
        signature = try Base64URL.decode(pieces[2])
        signingInput = Array(pieces[0].utf8) + [UInt8(ascii: ".")] + Array(pieces[1].utf8)
    }

    /// Whether `alg` names the unsecured algorithm in any letter case (so `"None"` is not mistaken for a signature
    /// algorithm; `unsecuredPayload()` then requires it spelled exactly `none`).
    package var isUnsecured: Bool { algorithm?.lowercased() == "none" }

    /// The payload of an unsecured token: `alg` exactly `none`, an empty signature and no `crit`.
    /// - Throws: ``ErrorCode/malformedToken`` otherwise.
    package func unsecuredPayload() throws(JOSEError) -> [UInt8] {
        guard algorithm == "none", signature.isEmpty, header["crit"] == nil else {
            throw JOSEError(.malformedToken, "The unsecured token is malformed")
        }
        return payload
    }

    /// The unsecured serialization of `payload`: `BASE64URL(header) '.' BASE64URL(payload) '.'`, header members in
    /// the given order (which should include `"alg": "none"`).
    package static func unsecuredSerialization(header: [(String, JSONValue)], payload: [UInt8]) -> String {
        signingInput(header: header, payload: payload) + "."
    }

    /// `BASE64URL(header) '.' BASE64URL(payload)` with the header members in the given order.
    package static func signingInput(header: [(String, JSONValue)], payload: [UInt8]) -> String {
        Base64URL.encode(JSONValue.serializedObject(orderedMembers: header)) + "." + Base64URL.encode(payload)
    }
}

extension CompactJWS {
    /// The checked form of already split parts: the header goes through the same checks as in
    /// `init(parsing:maximumSize:)`, with nothing decoded again.
    package init(parts: JWSParts) throws(JOSEError) {
        self.init(
            header: try JWSHeader(fields: parts.header), payload: parts.payload, signature: parts.signature,
            signingInput: parts.signingInput)
    }
}

extension UnverifiedJWT {
    /// The unverified JWT of a checked compact JWS whose payload is a JSON object.
    package init(jws: CompactJWS) throws(JOSEError) {
        self.init(jws: jws, claims: try JWTClaims(json: jws.payload))
    }
}
