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
    /// Made from the claims each time it is read, in O(n): look single claims up with `subscript(_:)` instead,
    /// which needs no dictionary. (The verifier never builds one: it reads the few claims it checks.)
    public var fields: [String: JSONValue] { storage.fields }
    /// The payload's JSON text as received (or as serialized, when made from fields).
    public var json: [UInt8] { storage.json }
    /// The registered claims and scopes, picked out of the claims once so that checks do not look them up again.
    var registered: RegisteredClaims { storage.registered }

    private let storage: Storage

    /// Immutable, so sharing one between copies (and threads) is safe.
    private final class Storage: Sendable {
        /// Payloads with more claims than this also get a dictionary of them, so a lookup is not a long search.
        static let searchLimit = 16

        /// In document order, names unique.
        let members: [JSONMember]
        /// The claims by name, for payloads over `searchLimit` claims.
        let index: [String: JSONValue]?
        let json: [UInt8]
        let registered: RegisteredClaims

        init(members: [JSONMember], json: [UInt8]) {
            self.members = members
            self.json = json
            index = members.count > Self.searchLimit ? members.dictionary : nil
            registered = RegisteredClaims(members)
        }

        var fields: [String: JSONValue] { index ?? members.dictionary }

        func value(named name: String) -> JSONValue? {
            if let index { return index[name] }
            return members.value(named: name)
        }
    }

    /// Parses a JWT payload: a JSON object (duplicate member names rejected, nesting limited).
    /// - Throws: JSON errors, or ``ErrorCode/invalidPayload`` when the payload is not an object.
    public init(json: [UInt8]) throws(JOSEError) {
        let document = try json.withUnsafeBufferPointer { bytes throws(JOSEError) in
            try JSONParser.parseDocument(bytes, maxDepth: JSONValue.defaultMaximumDepth)
        }
        switch document {
        case .members(let members):
            storage = Storage(members: members, json: json)
        case .value:
            throw JOSEError(.invalidPayload, "The payload is not a JSON object")
        }
    }

    /// Makes claims from members, for signing.
    public init(_ fields: [String: JSONValue]) {
        storage = Storage(
            members: fields.map { JSONMember(name: $0.key, value: $0.value) },
            json: JSONValue.object(fields).serialized())
    }

    /// The claim named `name`.
    public subscript(name: String) -> JSONValue? { storage.value(named: name) }

    /// Equal when the payloads have the same JSON text and the same claims.
    public static func == (lhs: JWTClaims, rhs: JWTClaims) -> Bool {
        lhs.storage === rhs.storage || (lhs.json == rhs.json && lhs.fields == rhs.fields)
    }

    /// Hashes the JSON text, which equal claims share.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(json)
    }

    /// The issuer (`iss`).
    public var issuer: String? { registered.issuer?.stringValue }
    /// The subject (`sub`).
    public var subject: String? { registered.subject?.stringValue }
    /// `cnf` (RFC 7800): what the token is bound to, such as a DPoP key's `jkt` (RFC 9449) or a client
    /// certificate's `x5t#S256` (RFC 8705); `nil` for a bearer token.
    public var confirmation: JSONValue? { registered.confirmation }
    /// The JWT ID (`jti`).
    public var jwtID: String? { registered.jwtID?.stringValue }
    /// The authorized party (`azp`) or OAuth client (`client_id`, RFC 9068).
    public var clientID: String? { self["client_id"]?.stringValue ?? self["azp"]?.stringValue }

    /// The audiences (`aud`), whether the claim is one string or an array of strings.
    public var audience: [String] {
        switch registered.audience {
        case .string(let single): [single]
        case .array(let values): values.compactMap(\.stringValue).filter { !$0.isEmpty }
        default: []
        }
    }

    /// Whether `aud` (one string or an array of strings) names one of `accepted`, compared exactly.
    public func hasAudience(in accepted: [String]) -> Bool {
        switch registered.audience {
        case .string(let single): accepted.containsExactly(single)
        case .array(let values): values.contains { $0.stringValue.map(accepted.containsExactly) ?? false }
        default: false
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
        switch scopeClaim {
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
        switch scopeClaim {
        case .string(let text): text.containsField(scope, separatedBy: UInt8(ascii: " "))
        case .array(let values): !scope.isEmpty && values.contains { $0.stringValue?.hasSameBytes(as: scope) == true }
        default: false
        }
    }

    /// The claim `scopes` and `grantsScope(_:)` read: `scope`, or only when it is absent, `scp`.
    private var scopeClaim: JSONValue? { registered.scope ?? registered.scp }

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
    private func date(_ value: JSONValue?) -> Date? {
        value?.numberValue.map { Date(timeIntervalSince1970: $0.doubleValue) }
    }
}

/// The registered claims of RFC 7519 §4.1 and the scope claims, as found among a payload's members.
///
/// Found in one pass over the members, comparing names by length first, instead of one hashed lookup per claim and
/// per check: the verifier reads these on every token.
final class RegisteredClaims: Sendable {
    let issuer: JSONValue?
    let subject: JSONValue?
    let audience: JSONValue?
    let expiration: JSONValue?
    let notBefore: JSONValue?
    let issuedAt: JSONValue?
    let jwtID: JSONValue?
    let scope: JSONValue?
    let scp: JSONValue?
    let confirmation: JSONValue?

    init(_ members: [JSONMember]) {
        var issuer: JSONValue?
        var subject: JSONValue?
        var audience: JSONValue?
        var expiration: JSONValue?
        var notBefore: JSONValue?
        var issuedAt: JSONValue?
        var jwtID: JSONValue?
        var scope: JSONValue?
        var scp: JSONValue?
        var confirmation: JSONValue?
        for member in members {
            let (name, value) = (member.name, member.value)
            switch name.utf8.count {
            case 3:
                switch name {
                case "iss": issuer = value
                case "sub": subject = value
                case "aud": audience = value
                case "exp": expiration = value
                case "nbf": notBefore = value
                case "iat": issuedAt = value
                case "jti": jwtID = value
                case "scp": scp = value
                case "cnf": confirmation = value
                default: break
                }
            case 5 where name == "scope":
                scope = value
            default:
                break
            }
        }
        (self.issuer, self.subject, self.audience, self.expiration, self.notBefore) =
            (issuer, subject, audience, expiration, notBefore)
        (self.issuedAt, self.jwtID, self.scope, self.scp, self.confirmation) =
            (issuedAt, jwtID, scope, scp, confirmation)
    }
}
