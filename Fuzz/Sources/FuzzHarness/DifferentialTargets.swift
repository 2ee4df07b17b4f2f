import Foundation
import JOSE

extension FuzzTarget {
    /// JOSE's JSON parser against Foundation's `JSONSerialization`: on every input both accept, the same value.
    ///
    /// Strings and member names must have the same Unicode scalars; numbers the same value (integers exactly
    /// when both sides hold them exactly, otherwise as the nearest `Double`); `true`/`false`/`null` the same literal.
    /// Also JOSE's JWT payload scan (`JWTClaims(json:)`, which locates members instead of building them) against its
    /// parser: the same decision and error code, and the same claims.
    public static let jsonDifferential = FuzzTarget("jsonDifferential") { input in
        compareClaimsScan(input)
        guard let ours = try? JSONValue(parsing: input),
            let theirs = try? JSONSerialization.jsonObject(with: Data(input), options: [.fragmentsAllowed])
        else { return }
        if let difference = difference(ours, theirs, path: "$") { mismatch("JSON \(difference)") }
    }

    /// `JWTClaims(json:)` against `JSONValue(parsing:)`: an object gives the same members and registered claims;
    /// anything else the parser's error code, or `invalid_payload` for valid JSON that is not an object.
    private static func compareClaimsScan(_ input: [UInt8]) {
        let parsed = Result { () throws(JOSEError) in try JSONValue(parsing: input) }
        let scanned = Result { () throws(JOSEError) in try JWTClaims(json: input) }
        switch (parsed, scanned) {
        case (.success(.object(let fields)), .success(let claims)):
            guard claims.fields == fields else { mismatch("claims scan: members") }
            for (name, value) in fields where claims[name] != value { mismatch("claims scan: lookup") }
            func strings(_ value: JSONValue?) -> [String] {
                switch value {
                case .string(let text): text.utf8.split(separator: UInt8(ascii: " ")).map { String(Substring($0)) }
                case .array(let values): values.compactMap(\.stringValue).filter { !$0.isEmpty }
                default: []
                }
            }
            let audience = fields["aud"]?.stringValue.map { [$0] } ?? strings(fields["aud"])
            guard claims.issuer == fields["iss"]?.stringValue, claims.subject == fields["sub"]?.stringValue,
                claims.audience == audience, claims.scopes == strings(fields["scope"] ?? fields["scp"]),
                claims.expiresAt?.timeIntervalSince1970 == fields["exp"]?.numberValue?.doubleValue,
                claims.confirmation == fields["cnf"]
            else { mismatch("claims scan: registered claims") }
            for scope in claims.scopes where !claims.grantsScope(scope) { mismatch("claims scan: scope") }
        case (.success(.object), .failure(let error)):
            mismatch("claims scan refused an object: \(error.code)")
        case (.success, .failure(let error)):
            guard error.code == .invalidPayload else { mismatch("claims scan: \(error.code) for a non-object") }
        case (.failure(let error), .failure(let scanError)):
            guard error.code == scanError.code else { mismatch("claims scan: \(scanError.code), parser \(error.code)") }
        case (_, .success):
            mismatch("claims scan accepted what the parser refuses or is not an object")
        }
    }

    private static func difference(_ ours: JSONValue, _ theirs: Any, path: String) -> String? {
        switch ours {
        case .null:
            return theirs is NSNull ? nil : "\(path): null"
        case .bool(let value):
            guard let number = theirs as? NSNumber, isBoolean(number), number.boolValue == value else {
                return "\(path): bool"
            }
            return nil
        case .number(let value):
            guard let number = theirs as? NSNumber, !isBoolean(number) else { return "\(path): number kind" }
            let isFloat = ["d", "f"].contains(String(cString: number.objCType))
            if let exact = value.int64Value, !isFloat, !(number is NSDecimalNumber) {
                return number.int64Value == exact ? nil : "\(path): integer \(value.literal)"
            }
            let expected = value.doubleValue
            let actual = number.doubleValue
            // Foundation may hold large integers or long decimals less precisely; compare by the nearest Double with
            // a relative tolerance of a few ulps.
            if expected == actual || abs(expected - actual) <= 4 * expected.ulp.magnitude { return nil }
            // Foundation reads integers too long for 64 bits into NSDecimalNumber, whose conversion to Double is off by
            // a few parts in 10^15 (found by this target: 1555…2353, 85 digits, gives 1.555000000000001e+84; Swift's
            // correctly rounded parse, which JOSE uses, gives 1.555e+84).
            if number is NSDecimalNumber, abs(expected - actual) <= 1e-12 * abs(expected) { return nil }
            if expected.isInfinite || actual.isInfinite { return nil }  // overflow handling differs by design
            return "\(path): number \(value.literal)"
        case .string(let value):
            guard let string = theirs as? String, sameScalars(value, string) else { return "\(path): string" }
            return nil
        case .array(let values):
            guard let array = theirs as? [Any], array.count == values.count else { return "\(path): array" }
            for (index, value) in values.enumerated() {
                if let difference = difference(value, array[index], path: "\(path)[\(index)]") { return difference }
            }
            return nil
        case .object(let members):
            guard let object = theirs as? [String: Any] else { return "\(path): object" }
            guard object.count == members.count else {
                // The U+FEFF deviation (see `sameScalars`) can turn distinct member names into one for Foundation,
                // which then keeps only one of them: `{"\u{FEFF}a":1,"a":2}`. It drops only some U+FEFFs (at the start of
                // an unescaped run), so the most it can merge is what dropping every U+FEFF would; nothing else merges.
                let merged = Set(
                    members.keys.map { String(String.UnicodeScalarView($0.unicodeScalars.filter { $0 != "\u{FEFF}" })) }
                )
                return (merged.count..<members.count).contains(object.count) ? nil : "\(path): object"
            }
            for (name, value) in members {
                // Foundation's dictionary keys compare by Unicode equivalence too; find the member by its scalars.
                // With the U+FEFF deviation several of Foundation's names can fit one of ours (`"\u{FEFF}a\u{FEFF}b"`
                // and `"ab"`): one of them must hold the same value.
                let candidates = object.filter { sameScalars(name, $0.key) }
                guard let first = candidates.first else { return "\(path): member" }
                if candidates.contains(where: { difference(value, $0.value, path: path) == nil }) { continue }
                return difference(value, first.value, path: "\(path).\(name)")
            }
            return nil
        }
    }

    /// Whether JOSE's string `ours` and Foundation's `theirs` have the same scalars, allowing for one known Foundation
    /// deviation: on Linux, `JSONSerialization` drops a U+FEFF that starts a run of unescaped characters (at the start of
    /// a string value or member name, or right after an escape sequence): it decodes each run like a document with a
    /// byte order mark. RFC 8259 makes U+FEFF an ordinary character there, and JOSE keeps it (found by this target;
    /// see `Regressions/jsonDifferential`). So `theirs` may lack some of `ours`' U+FEFFs, and differ in nothing else.
    private static func sameScalars(_ ours: String, _ theirs: String) -> Bool {
        var other = theirs.unicodeScalars.makeIterator()
        var next = other.next()
        for scalar in ours.unicodeScalars {
            if scalar == next {
                next = other.next()
            } else if scalar != "\u{FEFF}" {
                return false
            }
        }
        return next == nil
    }

    /// Foundation gives `true`/`false` as boolean NSNumbers (type code `c`); its integers and decimals never use it.
    private static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }

    /// JOSE's strict base64url decoder against a plain reference decoder written from RFC 4648 §5: the same
    /// accept/reject decision and the same bytes.
    public static let base64URLDifferential = FuzzTarget("base64URLDifferential") { input in
        let ours: [UInt8]? = input.withUnsafeBufferPointer { try? Base64URL.decode(bytes: $0) }
        let reference = referenceBase64URLDecode(input)
        guard ours == reference else {
            mismatch(
                "base64url: ours \(ours.map { "\($0.count) bytes" } ?? "rejected"), reference "
                    + (reference.map { "\($0.count) bytes" } ?? "rejected"))
        }
        if let decoded = ours, Base64URL.encodeToBytes(decoded) != input { mismatch("base64url round trip") }
    }

    /// Unpadded base64url: alphabet only, no length ≡ 1 (mod 4), unused trailing bits zero.
    static func referenceBase64URLDecode(_ text: [UInt8]) -> [UInt8]? {
        func value(_ character: UInt8) -> UInt32? {
            switch character {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): UInt32(character - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): UInt32(character - UInt8(ascii: "a")) + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(character - UInt8(ascii: "0")) + 52
            case UInt8(ascii: "-"): 62
            case UInt8(ascii: "_"): 63
            default: nil
            }
        }
        guard text.count % 4 != 1 else { return nil }
        var output: [UInt8] = []
        var start = 0
        while start < text.count {
            let group = text[start..<min(start + 4, text.count)]
            var bits: UInt32 = 0
            for character in group {
                guard let sextet = value(character) else { return nil }
                bits = bits << 6 | sextet
            }
            switch group.count {
            case 4:
                output += [UInt8(bits >> 16 & 0xFF), UInt8(bits >> 8 & 0xFF), UInt8(bits & 0xFF)]
            case 3:  // 18 bits: two bytes and two unused bits
                guard bits & 0b11 == 0 else { return nil }
                output += [UInt8(bits >> 10 & 0xFF), UInt8(bits >> 2 & 0xFF)]
            default:  // 12 bits: one byte and four unused bits
                guard bits & 0b1111 == 0 else { return nil }
                output.append(UInt8(bits >> 4 & 0xFF))
            }
            start += 4
        }
        return output
    }
}
