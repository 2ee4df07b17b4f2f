#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// The claims of a JWT: the payload's JSON object, with typed accessors for the registered claims.
///
/// Accessors return `nil` (or an empty array) when a claim is absent or has the wrong type; ``JWTVerifier``
/// rejects wrongly typed registered claims before a caller ever sees them.
///
/// A value with reference storage: copying one (into a ``VerifiedJWT``, a cache, a request context) copies a
/// reference, not the claims.
public struct JWTClaims: Sendable, Hashable {
    /// Every claim of the payload, as a dictionary.
    ///
    /// Decoded from the payload each time it is read, in O(n): look single claims up with `subscript(_:)` instead.
    /// (The verifier never builds one: it reads the few claims it checks.)
    public var fields: [String: JSONValue] { storage.fields }
    /// The payload's JSON text as received (or as serialized, when made from fields).
    public var json: [UInt8] { storage.json }
    /// Where the registered claims and scopes are among the members, found once so that checks do not look them up
    /// again.
    var registered: RegisteredClaims { storage.registered }

    private let storage: Storage

    /// Immutable, so sharing one between copies (and threads) is safe.
    ///
    /// The payload is checked whole when the claims are made (strict JSON, unique names, limited nesting), but its
    /// members are only located: a value is decoded when it is read.
    private final class Storage: Sendable {
        /// Payloads with more claims than this also get a dictionary of their positions, so a lookup is not a long
        /// search.
        static let searchLimit = 16

        let json: [UInt8]
        /// In document order, names unique.
        let members: [ScannedMember]
        /// The members' positions by name, for payloads over `searchLimit` claims.
        let index: [String: Int]?
        let registered: RegisteredClaims

        init(json: [UInt8], members: [ScannedMember]) {
            self.json = json
            self.members = members
            registered = json.withUnsafeBufferPointer { RegisteredClaims(members, in: $0) }
            guard members.count > Self.searchLimit else {
                index = nil
                return
            }
            index = json.withUnsafeBufferPointer { text in
                Dictionary(
                    uniqueKeysWithValues: members.enumerated().map { ($0.element.nameText(in: text), $0.offset) })
            }
        }

        var fields: [String: JSONValue] {
            json.withUnsafeBufferPointer { text in
                var fields = [String: JSONValue](minimumCapacity: members.count)
                for member in members { fields[member.nameText(in: text)] = member.decodedValue(in: text) }
                return fields
            }
        }

        /// The position of the member named `name`.
        func position(of name: String) -> Int? {
            if let index { return index[name] }
            return json.withUnsafeBufferPointer { text in members.firstIndex { $0.hasName(name, in: text) } }
        }

        /// Reads the member at `position` (from `registered` or `position(of:)`), or gives `nil` when there is none.
        func read<Value>(_ position: Int?, _ body: (ScannedMember, UnsafeBufferPointer<UInt8>) -> Value?) -> Value? {
            guard let position else { return nil }
            return json.withUnsafeBufferPointer { body(members[position], $0) }
        }
    }

    /// Parses a JWT payload: a JSON object (duplicate member names rejected, nesting limited).
    /// - Throws: JSON errors, or ``ErrorCode/invalidPayload`` when the payload is not an object.
    public init(json: [UInt8]) throws(JOSEError) {
        storage = try Self.storage(json: json, maxDepth: JSONValue.defaultMaximumDepth)
    }

    /// Makes claims from members, for signing.
    public init(_ fields: [String: JSONValue]) {
        // The serialization of an object is always a JSON object with unique names, so reading it back cannot fail;
        // it is not held to the parsing depth limit, which is for received payloads.
        let json = JSONValue.object(fields).serialized()
        do {
            storage = try Self.storage(json: json, maxDepth: .max)
        } catch {
            assertionFailure("A serialized object did not read back: \(error)")
            storage = Storage(json: Array("{}".utf8), members: [])
        }
    }

    private static func storage(json: [UInt8], maxDepth: Int) throws(JOSEError) -> Storage {
        let members = try json.withUnsafeBufferPointer { bytes throws(JOSEError) in
            try JSONParser.scanObject(bytes, maxDepth: maxDepth)
        }
        guard let members else { throw JOSEError(.invalidPayload, "The payload is not a JSON object") }
        return Storage(json: json, members: members)
    }

    /// The claim named `name`.
    public subscript(name: String) -> JSONValue? {
        storage.read(storage.position(of: name)) { $0.decodedValue(in: $1) }
    }

    /// Equal when the payloads have the same JSON text (and so the same claims).
    public static func == (lhs: JWTClaims, rhs: JWTClaims) -> Bool {
        lhs.storage === rhs.storage || lhs.json == rhs.json
    }

    /// Hashes the JSON text, which equal claims share.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(json)
    }

    /// The value of a registered claim (a position from `registered`).
    func value(_ position: Int?) -> JSONValue? { storage.read(position) { $0.decodedValue(in: $1) } }

    /// A registered claim when it is a string.
    func string(_ position: Int?) -> String? { storage.read(position) { $0.stringValue(in: $1) } }

    /// A registered claim when it is a number, as the nearest `Double`.
    func number(_ position: Int?) -> Double? { storage.read(position) { $0.numberValue(in: $1) } }

    /// The kind of a registered claim's value, or `nil` when the claim is absent.
    func kind(_ position: Int?) -> ScannedMember.Kind? { storage.read(position) { member, _ in member.kind } }

    /// Whether a registered claim is a string with exactly the bytes of one of `candidates`.
    func isString(_ position: Int?, oneOf candidates: [String]) -> Bool {
        storage.read(position) { $0.isString(oneOf: candidates, in: $1) } ?? false
    }

    /// The issuer (`iss`).
    public var issuer: String? { string(registered.issuer) }
    /// The subject (`sub`).
    public var subject: String? { string(registered.subject) }
    /// `cnf` (RFC 7800): what the token is bound to, such as a DPoP key's `jkt` (RFC 9449) or a client
    /// certificate's `x5t#S256` (RFC 8705); `nil` for a bearer token.
    public var confirmation: JSONValue? { value(registered.confirmation) }
    /// The JWT ID (`jti`).
    public var jwtID: String? { string(registered.jwtID) }
    /// The authorized party (`azp`) or OAuth client (`client_id`, RFC 9068).
    public var clientID: String? { self["client_id"]?.stringValue ?? self["azp"]?.stringValue }

    /// The audiences (`aud`), whether the claim is one string or an array of strings.
    public var audience: [String] {
        switch value(registered.audience) {
        case .string(let single): [single]
        case .array(let values): values.compactMap(\.stringValue).filter { !$0.isEmpty }
        default: []
        }
    }

    /// Whether `aud` (one string or an array of strings) names one of `accepted`, compared exactly.
    public func hasAudience(in accepted: [String]) -> Bool {
        switch kind(registered.audience) {
        case .string, .escapedString:
            return isString(registered.audience, oneOf: accepted)
        case .array:
            guard case .array(let values) = value(registered.audience) else { return false }
            return values.contains { $0.stringValue.map(accepted.containsExactly) ?? false }
        default:
            return false
        }
    }

    /// The expiration time (`exp`).
    public var expiresAt: Date? { date(registered.expiration) }
    /// The time before which the token is not valid (`nbf`).
    public var notBefore: Date? { date(registered.notBefore) }
    /// The issue time (`iat`).
    public var issuedAt: Date? { date(registered.issuedAt) }

    /// The granted scopes: the space-separated `scope` string or a `scope` array; only when `scope` is absent, the
    /// `scp` string or array. Empty entries are dropped; values are never split or matched by substring. A present
    /// claim of another type grants nothing (it never falls through to `scp`).
    public var scopes: [String] {
        switch value(scopeClaim) {
        // Split on the space byte: a scope string is ASCII (RFC 6749 §3.3), and splitting by Character would walk
        // grapheme clusters on every request.
        case .string(let text):
            text.utf8.split(separator: UInt8(ascii: " ")).map { String(Substring($0)) }
        case .array(let values): values.compactMap(\.stringValue).filter { !$0.isEmpty }
        default: []
        }
    }

    /// Whether `scope` is one of `scopes`, compared byte for byte: the answer of `scopes.containsExactly(scope)`,
    /// without building the list (a scope rule checks this on every request).
    public func grantsScope(_ scope: String) -> Bool {
        let claim = scopeClaim
        switch kind(claim) {
        case .string, .escapedString:
            return storage.read(claim) { $0.stringContainsField(scope, separatedBy: UInt8(ascii: " "), in: $1) }
                ?? false
        case .array:
            guard !scope.isEmpty, case .array(let values) = value(claim) else { return false }
            return values.contains { $0.stringValue?.hasSameBytes(as: scope) == true }
        default:
            return false
        }
    }

    /// The claim `scopes` and `grantsScope(_:)` read: `scope`, or only when it is absent, `scp`.
    private var scopeClaim: Int? { registered.scope ?? registered.scp }

    /// Decodes the payload into your own type with `JSONDecoder`. By default `Date` properties read NumericDates
    /// (seconds since 1970), as JWT claims are written.
    public func decode<T: Decodable>(as type: T.Type = T.self, decoder: JSONDecoder? = nil) throws -> T {
        let decoder =
            decoder
            ?? {
                let decoder = JSONDecoder()
                decoder.dateDecodingStrategy = .secondsSince1970
                return decoder
            }()
        return try decoder.decode(T.self, from: Data(json))
    }

    /// A NumericDate claim (RFC 7519 §2) as seconds since the epoch; `nil` when absent or not a number.
    private func date(_ position: Int?) -> Date? {
        number(position).map { Date(timeIntervalSince1970: $0) }
    }
}

/// Where the registered claims of RFC 7519 §4.1 and the scope claims are among a payload's members.
///
/// Found in one pass over the members, comparing names by length first, instead of one lookup per claim and per
/// check: the verifier reads these on every token.
struct RegisteredClaims: Sendable {
    private(set) var issuer: Int?
    private(set) var subject: Int?
    private(set) var audience: Int?
    private(set) var expiration: Int?
    private(set) var notBefore: Int?
    private(set) var issuedAt: Int?
    private(set) var jwtID: Int?
    private(set) var scope: Int?
    private(set) var scp: Int?
    private(set) var confirmation: Int?

    init(_ members: [ScannedMember], in text: UnsafeBufferPointer<UInt8>) {
        for (position, member) in members.enumerated() {
            // A name with escapes is compared by its text. A name that is not ASCII is none of these: no such string
            // is canonically equivalent to one of these lowercase ASCII names.
            if member.hasEscapedName {
                var name = member.nameText(in: text)
                name.withUTF8 { find(count: $0.count, head: ScannedMember.head(of: $0), at: position) }
            } else if member.hasASCIIName {
                find(count: member.name.count, head: member.nameHead, at: position)
            }
        }
    }

    /// The packed head of a three-byte name (`ScannedMember.head(of:)`).
    private static func head(_ first: Unicode.Scalar, _ second: Unicode.Scalar, _ third: Unicode.Scalar) -> UInt64 {
        UInt64(UInt8(ascii: first)) | UInt64(UInt8(ascii: second)) << 8 | UInt64(UInt8(ascii: third)) << 16
    }

    /// Records `position` when a name of `count` bytes whose first bytes are `head` is one of the registered names.
    private mutating func find(count: Int, head: UInt64, at position: Int) {
        switch count {
        case 3:
            switch head {
            case Self.head("i", "s", "s"): issuer = position
            case Self.head("s", "u", "b"): subject = position
            case Self.head("a", "u", "d"): audience = position
            case Self.head("e", "x", "p"): expiration = position
            case Self.head("n", "b", "f"): notBefore = position
            case Self.head("i", "a", "t"): issuedAt = position
            case Self.head("j", "t", "i"): jwtID = position
            case Self.head("s", "c", "p"): scp = position
            case Self.head("c", "n", "f"): confirmation = position
            default: break
            }
        case 5
        where head == Self.head("s", "c", "o") | UInt64(UInt8(ascii: "p")) << 24 | UInt64(UInt8(ascii: "e")) << 32:
            scope = position
        default:
            break
        }
    }
}
