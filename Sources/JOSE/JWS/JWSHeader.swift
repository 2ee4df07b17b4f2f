/// The protected header of a JWS (RFC 7515 §4), checked when it is parsed.
///
/// `alg` must be a supported algorithm (never `none`), `kid`, `typ` and `cty` must be strings when present,
/// `crit` must list only extensions this library understands, and `b64: false` (RFC 7797) is refused.
/// `jku`, `x5u`, `jwk` and `x5c` are kept in `fields` but never used to find a key.
///
/// A value with reference storage: copying one copies a reference.
public struct JWSHeader: Sendable, Hashable {
    /// The signature algorithm (`alg`).
    public var algorithm: JWSAlgorithm { storage.algorithm }
    /// The key ID (`kid`).
    public var keyID: String? { storage.keyID }
    /// The media type of the whole token (`typ`), for example `at+jwt` (RFC 9068) or `JWT`.
    public var type: String? { storage.type }
    /// The content type of the payload (`cty`).
    public var contentType: String? { storage.contentType }
    /// Every member of the header, including those above.
    public var fields: [String: JSONValue] { storage.fields }

    private let storage: Storage

    /// Immutable, so sharing one between copies (and threads) is safe.
    private final class Storage: Sendable {
        let algorithm: JWSAlgorithm
        let keyID: String?
        let type: String?
        let contentType: String?
        let fields: [String: JSONValue]

        init(
            algorithm: JWSAlgorithm, keyID: String?, type: String?, contentType: String?, fields: [String: JSONValue]
        ) {
            self.algorithm = algorithm
            self.keyID = keyID
            self.type = type
            self.contentType = contentType
            self.fields = fields
        }
    }

    /// Equal when the headers have the same members.
    public static func == (lhs: JWSHeader, rhs: JWSHeader) -> Bool {
        lhs.storage === rhs.storage || lhs.fields == rhs.fields
    }

    /// Hashes the members, from which everything else follows.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(fields)
    }

    /// Header parameters whose meaning this library implements and may therefore appear in `crit`.
    static let understoodCriticalParameters: Set<String> = ["b64"]

    /// Checks a decoded header object.
    public init(fields: [String: JSONValue]) throws(JOSEError) {
        // One pass over the members finds the parameters this type checks (all three letters but `crit`).
        var alg: JSONValue?
        var kid: JSONValue?
        var typ: JSONValue?
        var cty: JSONValue?
        var b64: JSONValue?
        var crit: JSONValue?
        for (name, value) in fields {
            switch name.utf8.count {
            case 3:
                switch name {
                case "alg": alg = value
                case "kid": kid = value
                case "typ": typ = value
                case "cty": cty = value
                case "b64": b64 = value
                default: break
                }
            case 4 where name == "crit":
                crit = value
            default:
                break
            }
        }
        guard let alg else { throw JOSEError(.invalidHeader, "The header has no alg") }
        guard let algName = alg.stringValue else { throw JOSEError(.invalidHeader, "The header's alg is not a string") }
        let algorithm = try JWSAlgorithm(header: algName)
        let keyID = try Self.optionalString(kid)
        let type = try Self.optionalString(typ)
        let contentType = try Self.optionalString(cty)
        if let b64 {
            guard let encoded = b64.boolValue else {
                throw JOSEError(.invalidHeader, "The header's b64 is not a boolean")
            }
            guard encoded else {
                throw JOSEError(.unsupportedUnencodedPayload, "Unencoded payloads (b64 false) are not supported")
            }
        }
        if let crit {
            guard let names = crit.arrayValue, !names.isEmpty else {
                throw JOSEError(.invalidHeader, "The header's crit is not a non-empty array")
            }
            var seen = Set<String>()
            for entry in names {
                guard let name = entry.stringValue, !name.isEmpty, seen.insert(name).inserted, fields[name] != nil
                else {
                    throw JOSEError(.invalidHeader, "The header's crit is malformed")
                }
                guard Self.understoodCriticalParameters.contains(name) else {
                    throw JOSEError(
                        .unsupportedCriticalHeader, "The header has a critical extension that is not understood")
                }
            }
        }
        storage = Storage(algorithm: algorithm, keyID: keyID, type: type, contentType: contentType, fields: fields)
    }

    /// Whether the header's `typ` names `expected`, compared as RFC 7515 §4.1.9 says: case-insensitively, with an
    /// omitted `application/` prefix restored on both sides.
    public func hasType(_ expected: String) -> Bool {
        guard var type = storage.type else { return false }
        var expected = expected
        return type.withUTF8 { type in expected.withUTF8 { Self.sameMediaType(type, $0) } }
    }

    private static let applicationPrefix: StaticString = "application/"

    /// Compares two media types as if `application/` were prepended to each that has no `/`, folding ASCII letters
    /// to lower case (media types are ASCII; other bytes are compared as they are, so nothing non-ASCII can fold
    /// onto ASCII). Allocates nothing: the verified-token cache checks this on every hit.
    private static func sameMediaType(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let prefix = UnsafeBufferPointer(start: applicationPrefix.utf8Start, count: applicationPrefix.utf8CodeUnitCount)
        let aPrefix = a.contains(UInt8(ascii: "/")) ? 0 : prefix.count
        let bPrefix = b.contains(UInt8(ascii: "/")) ? 0 : prefix.count
        guard aPrefix + a.count == bPrefix + b.count else { return false }
        func byte(_ bytes: UnsafeBufferPointer<UInt8>, _ prefixLength: Int, _ index: Int) -> UInt8 {
            let byte = index < prefixLength ? prefix[index] : bytes[index - prefixLength]
            return byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
        }
        for index in 0..<(aPrefix + a.count) where byte(a, aPrefix, index) != byte(b, bPrefix, index) {
            return false
        }
        return true
    }

    private static func optionalString(_ value: JSONValue?) throws(JOSEError) -> String? {
        guard let value else { return nil }
        guard let string = value.stringValue else {
            throw JOSEError(.invalidHeader, "A header parameter has the wrong type")
        }
        return string
    }
}
