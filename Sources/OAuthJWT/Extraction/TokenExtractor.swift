import HTTPTypes
import JOSE

/// Finds the one access token of a request in the enabled ``TokenLocations``.
struct TokenExtractor: Sendable {
    /// What a request holds.
    enum Outcome: Equatable {
        /// No bearer token anywhere (no `Authorization` header, or one with another scheme).
        case none
        /// A bearer token. From a query or form it is an RFC 6750 `b64token`; from the `Authorization` header its
        /// syntax is not checked yet: the authenticator checks it after the verified-token cache, so a token it
        /// already verified (byte for byte the same, so checked then) is not scanned again.
        case token(String)
        /// A token sent with the `DPoP` scheme (only when DPoP is accepted), its syntax not checked yet.
        case dpopToken(String)
        /// An empty bearer credential, a query or form token that is not an RFC 6750 `b64token`, or a broken
        /// form/query encoding.
        case malformed
        /// More than one token: two `Authorization` headers, header and query, two `access_token` parameters...
        case several
    }

    let locations: TokenLocations
    /// Whether the `DPoP` scheme is recognized; otherwise it is another scheme, like `Basic`.
    var acceptsDPoP = false

    func extract(headerFields: HTTPFields, query: String?, formBody: [UInt8]?) -> Outcome {
        var tokens: [String] = []
        var malformed = false
        var dpop: Outcome?

        if locations.contains(.authorizationHeader) {
            var value: String? = nil
            for field in headerFields where field.name == .authorization {
                guard value == nil else { return .several }
                value = field.value
            }
            if let value {
                let outcome = Self.credential(in: value, acceptsDPoP: acceptsDPoP)
                // Only the header is searched (the default): its outcome is the answer, with no list to build.
                if locations == .authorizationHeader { return outcome }
                switch outcome {
                case .none: break
                case .token(let token): tokens.append(token)
                case .dpopToken: dpop = outcome
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

        if tokens.count + (malformed ? 1 : 0) + (dpop == nil ? 0 : 1) > 1 { return .several }
        if let dpop { return dpop }
        if malformed { return .malformed }
        return tokens.first.map(Outcome.token) ?? .none
    }

    /// Parses one `Authorization` field value: `auth-scheme [ 1*SP token68 ]` with the scheme compared
    /// case-insensitively; `Bearer`, and `DPoP` when `acceptsDPoP`.
    static func credential(in value: String, acceptsDPoP: Bool = false) -> Outcome {
        var value = value
        return value.withUTF8 { credential(in: $0, acceptsDPoP: acceptsDPoP) }
    }

    /// The same, over the field's bytes: one pass, and the token is copied once, into the `String` it becomes.
    private static func credential(in bytes: UnsafeBufferPointer<UInt8>, acceptsDPoP: Bool) -> Outcome {
        func isWhitespace(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        var start = 0
        var end = bytes.count
        while start < end, isWhitespace(bytes[start]) { start += 1 }
        while end > start, isWhitespace(bytes[end - 1]) { end -= 1 }
        var schemeEnd = start
        while schemeEnd < end, !isWhitespace(bytes[schemeEnd]) { schemeEnd += 1 }
        let scheme = UnsafeBufferPointer(rebasing: bytes[start..<schemeEnd])
        let isDPoP = acceptsDPoP && isDPoPScheme(scheme)
        guard isDPoP || isBearer(scheme) else { return .none }
        guard schemeEnd < end else { return .malformed }
        var credentialStart = schemeEnd
        while credentialStart < end, bytes[credentialStart] == UInt8(ascii: " ") { credentialStart += 1 }
        let credential = UnsafeBufferPointer(rebasing: bytes[credentialStart..<end])
        let token = String(decoding: credential, as: UTF8.self)
        return isDPoP ? .dpopToken(token) : .token(token)
    }

    private static func isDPoPScheme(_ scheme: UnsafeBufferPointer<UInt8>) -> Bool {
        scheme.count == 4 && scheme[0] | 0x20 == UInt8(ascii: "d") && scheme[1] | 0x20 == UInt8(ascii: "p")
            && scheme[2] | 0x20 == UInt8(ascii: "o") && scheme[3] | 0x20 == UInt8(ascii: "p")
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
            if TokenSyntax.isB64Token(value) {
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
