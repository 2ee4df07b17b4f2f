import HTTPTypes
import JOSE

/// Finds the one access token of a request in the enabled ``TokenLocations``.
struct TokenExtractor: Sendable {
    /// What a request holds.
    enum Outcome: Equatable {
        /// No bearer token anywhere (no `Authorization` header, or one with another scheme).
        case none
        /// A bearer token in the expected syntax.
        case token(String)
        /// A bearer credential that is empty or not an RFC 6750 `b64token`, or a broken form/query encoding.
        case malformed
        /// More than one token: two `Authorization` headers, header and query, two `access_token` parameters...
        case several
    }

    let locations: TokenLocations

    func extract(headerFields: HTTPFields, query: String?, formBody: [UInt8]?) -> Outcome {
        var tokens: [String] = []
        var malformed = false

        if locations.contains(.authorizationHeader) {
            var value: String? = nil
            for field in headerFields where field.name == .authorization {
                guard value == nil else { return .several }
                value = field.value
            }
            if let value {
                let outcome = Self.bearerCredential(in: value)
                // Only the header is searched (the default): its outcome is the answer, with no list to build.
                if locations == .authorizationHeader { return outcome }
                switch outcome {
                case .none: break
                case .token(let token): tokens.append(token)
                case .malformed: malformed = true
                case .several: return .several
                }
            }
        }
        if locations.contains(.query), let query {
            Self.collect(FormURLEncoding.values(named: "access_token", in: query.utf8), into: &tokens, &malformed)
        }
        if locations.contains(.formBody), let formBody, Self.isFormEncoded(headerFields[.contentType]) {
            Self.collect(FormURLEncoding.values(named: "access_token", in: formBody), into: &tokens, &malformed)
        }

        if tokens.count + (malformed ? 1 : 0) > 1 { return .several }
        if malformed { return .malformed }
        return tokens.first.map(Outcome.token) ?? .none
    }

    /// Parses one `Authorization` field value: `auth-scheme [ 1*SP token68 ]` with the scheme compared
    /// case-insensitively.
    static func bearerCredential(in value: String) -> Outcome {
        var value = value
        return value.withUTF8(bearerCredential(in:))
    }

    /// The same, over the field's bytes: one pass, and the token is copied once, into the `String` it becomes.
    private static func bearerCredential(in bytes: UnsafeBufferPointer<UInt8>) -> Outcome {
        func isWhitespace(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        var start = 0
        var end = bytes.count
        while start < end, isWhitespace(bytes[start]) { start += 1 }
        while end > start, isWhitespace(bytes[end - 1]) { end -= 1 }
        var schemeEnd = start
        while schemeEnd < end, !isWhitespace(bytes[schemeEnd]) { schemeEnd += 1 }
        guard isBearer(UnsafeBufferPointer(rebasing: bytes[start..<schemeEnd])) else { return .none }
        guard schemeEnd < end else { return .malformed }
        var credentialStart = schemeEnd
        while credentialStart < end, bytes[credentialStart] == UInt8(ascii: " ") { credentialStart += 1 }
        let credential = UnsafeBufferPointer(rebasing: bytes[credentialStart..<end])
        guard TokenSyntax.isB64Token(bytes: credential) else { return .malformed }
        return .token(String(decoding: credential, as: UTF8.self))
    }

    private static func isBearer(_ scheme: UnsafeBufferPointer<UInt8>) -> Bool {
        guard scheme.count == 6 else { return false }
        // ASCII case folding: setting bit 0x20 lower-cases letters; "bearer" has letters only.
        return scheme[0] | 0x20 == UInt8(ascii: "b") && scheme[1] | 0x20 == UInt8(ascii: "e")
            && scheme[2] | 0x20 == UInt8(ascii: "a") && scheme[3] | 0x20 == UInt8(ascii: "r")
            && scheme[4] | 0x20 == UInt8(ascii: "e") && scheme[5] | 0x20 == UInt8(ascii: "r")
    }

    private static func collect(_ values: [String]?, into tokens: inout [String], _ malformed: inout Bool) {
        guard let values else {
            malformed = true
            return
        }
        for value in values {
            if TokenSyntax.isB64Token(Substring(value).utf8) {
                tokens.append(value)
            } else if malformed {
                tokens.append(value)  // a second bad token still counts as a second token
            } else {
                malformed = true
            }
        }
    }

    /// Whether the media type is `application/x-www-form-urlencoded`, parameters ignored.
    static func isFormEncoded(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let mediaType = contentType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return mediaType.utf8.trimmingWhitespace().elementsEqual("application/x-www-form-urlencoded".utf8) {
            $0 | ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? 0x20 : 0) == $1
        }
    }
}

extension Substring.UTF8View {
    /// The view without leading and trailing spaces and tabs.
    fileprivate func trimmingWhitespace() -> Substring.UTF8View {
        let isWhitespace: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        guard let first = firstIndex(where: { !isWhitespace($0) }), let last = lastIndex(where: { !isWhitespace($0) })
        else { return self[endIndex...] }
        return self[first...last]
    }
}
