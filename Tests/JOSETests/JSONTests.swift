import Foundation
import Testing

@testable import JOSE

// MARK: Helpers

private func parseJSON(_ text: String, maxDepth: Int = 32) throws(JOSEError) -> JSONValue {
    let bytes = Array(text.utf8)
    let parsed = Result { () throws(JOSEError) in try JSONValue(parsing: bytes, maxDepth: maxDepth) }
    if maxDepth == JSONValue.defaultMaximumDepth { expectScanAgrees(bytes, with: parsed) }
    return try parsed.get()
}

/// The error code parsing `bytes` fails with, or `nil` when it succeeds. At the default depth, also checks that a JWT
/// payload's scan (`JWTClaims(json:)`, which locates members instead of building them) agrees with the parser.
private func jsonErrorCode(_ bytes: [UInt8], maxDepth: Int = 32) -> JOSEError.Code? {
    let parsed = Result { () throws(JOSEError) in try JSONValue(parsing: bytes, maxDepth: maxDepth) }
    if maxDepth == JSONValue.defaultMaximumDepth { expectScanAgrees(bytes, with: parsed) }
    switch parsed {
    case .success: return nil
    case .failure(let error): return error.code
    }
}

/// `JWTClaims(json:)` accepts exactly the objects the parser accepts, refuses everything else with the parser's code
/// (or `invalid_payload` for valid JSON that is not an object), and reads every member and registered claim as the
/// parsed dictionary has it.
private func expectScanAgrees(
    _ bytes: [UInt8], with parsed: Result<JSONValue, JOSEError>, sourceLocation: SourceLocation = #_sourceLocation
) {
    let scanned = Result { () throws(JOSEError) in try JWTClaims(json: bytes) }
    switch (parsed, scanned) {
    case (.success(.object(let fields)), .success(let claims)):
        #expect(claims.fields == fields, sourceLocation: sourceLocation)
        for (name, value) in fields { #expect(claims[name] == value, sourceLocation: sourceLocation) }
        #expect(claims.issuer == fields["iss"]?.stringValue, sourceLocation: sourceLocation)
        #expect(claims.subject == fields["sub"]?.stringValue, sourceLocation: sourceLocation)
        #expect(claims.jwtID == fields["jti"]?.stringValue, sourceLocation: sourceLocation)
        #expect(claims.confirmation == fields["cnf"], sourceLocation: sourceLocation)
        let expiry = fields["exp"]?.numberValue.map { Date(timeIntervalSince1970: $0.doubleValue) }
        #expect(claims.expiresAt == expiry, sourceLocation: sourceLocation)
    case (.success(.object), .failure(let error)):
        Issue.record("the scan refused an object the parser accepts: \(error.code)", sourceLocation: sourceLocation)
    case (.success, let scanned):
        #expect(scanned.failureCode == .invalidPayload, sourceLocation: sourceLocation)
    case (.failure(let error), let scanned):
        #expect(scanned.failureCode == error.code, sourceLocation: sourceLocation)
    }
}

extension Result where Failure == JOSEError {
    fileprivate var failureCode: JOSEError.Code? {
        guard case .failure(let error) = self else { return nil }
        return error.code
    }
}

private func jsonErrorCode(_ text: String, maxDepth: Int = 32) -> JOSEError.Code? {
    jsonErrorCode(Array(text.utf8), maxDepth: maxDepth)
}

private func utf8Text(_ bytes: [UInt8]) -> String {
    String(decoding: bytes, as: UTF8.self)
}

private func jsonNumber(_ literal: String) -> JSONNumber {
    guard let number = JSONNumber(literal: literal) else {
        Issue.record("not a number literal")
        return JSONNumber(0)
    }
    return number
}

private func hashValueOf<T: Hashable>(_ value: T) -> Int {
    var hasher = Hasher()
    hasher.combine(value)
    return hasher.finalize()
}

// MARK: Accepted documents

@Suite("JSON parsing: accepted input")
struct JSONAcceptTests {
    @Test(
        "Valid documents parse",
        arguments: [
            "null", "true", "false", "0", "-0", "1", "-1", "0.5", "-0.5", "1e10", "1E10", "1e+10", "1e-10", "1.5E-3",
            "0e0", "123456789012345678901234567890", "\"\"", "\"abc\"", "[]", "{}", "[1,2,3]", "{\"a\":1}",
            " \t\r\n{ \"a\" : [ 1 , 2 ] , \"b\" : { } } \t\r\n", "[[],[[]],{}]", "{\"\":0}",
            "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"k1\"}", "\"\\u0000\"", "[null,true,false]",
        ])
    func acceptsValidDocument(_ document: String) throws {
        _ = try parseJSON(document)
    }

    @Test("Scalars of every type at the top level")
    func topLevelScalars() throws {
        #expect(try parseJSON("null") == .null)
        #expect(try parseJSON("true") == .bool(true))
        #expect(try parseJSON("false") == .bool(false))
        #expect(try parseJSON(" 42 ") == .number(JSONNumber(42)))
        #expect(try parseJSON("\"x\"") == .string("x"))
    }

    @Test("Structure and values are decoded")
    func structure() throws {
        let value = try parseJSON(#"{"a":[1,"two",{"three":3.5}],"b":null,"c":true}"#)
        let expected: JSONValue = ["a": [1, "two", ["three": 3.5]], "b": nil, "c": true]
        #expect(value == expected)
        #expect(value["a"]?.arrayValue?.count == 3)
        #expect(value["a"]?.arrayValue?[1].stringValue == "two")
        #expect(value["a"]?.arrayValue?[2]["three"]?.numberValue?.doubleValue == 3.5)
        #expect(value["b"]?.isNull == true)
        #expect(value["c"]?.boolValue == true)
        #expect(value["missing"] == nil)
        #expect(value.objectValue?.count == 3)
    }

    @Test("Any collection of bytes can be parsed")
    func collections() throws {
        let document = #"{"a":[1,2]}"#
        let expected: JSONValue = ["a": [1, 2]]
        #expect(try JSONValue(parsing: document.utf8) == expected)
        #expect(try JSONValue(parsing: Array(document.utf8)) == expected)
        let padded = Array("xx\(document)yy".utf8)
        #expect(try JSONValue(parsing: padded[2..<(padded.count - 2)]) == expected)
        // Not contiguous: the parser copies once.
        #expect(try JSONValue(parsing: Array(document.utf8).lazy.map { $0 }) == expected)
        #expect(try JSONValue(parsing: "  \(document)".utf8.dropFirst(2)) == expected)
    }

    @Test(
        "A U+FEFF in a string value or member name is kept, also after an escape (Foundation's JSONSerialization drops it)"
    )
    func byteOrderMarkInsideStringsIsContent() throws {
        // Found by Fuzz/ jsonDifferential: "\u{FEFF} " came back from JSONSerialization as " ". RFC 8259 makes U+FEFF
        // an ordinary character inside a string; only a document-level byte order mark may be ignored.
        let value = try JSONValue(parsing: [0x22, 0xEF, 0xBB, 0xBF, 0x20, 0x22])
        #expect(value.stringValue?.unicodeScalars.map(\.value) == [0xFEFF, 0x20])
        let object = try JSONValue(parsing: Array("{\"\u{FEFF}iss\":1}".utf8))
        #expect(object.objectValue?.keys.first?.unicodeScalars.first == "\u{FEFF}")
        #expect(object["iss"] == nil)  // not the registered claim
        #expect(try JSONValue(parsing: Array(#""\ufeffx""#.utf8)).stringValue?.unicodeScalars.count == 2)
        // Found again mid-string: Foundation also drops a U+FEFF that follows an escape sequence.
        let afterEscape = try JSONValue(parsing: Array("\"a\\\\\u{FEFF}b\"".utf8))
        #expect(afterEscape.stringValue?.unicodeScalars.map(\.value) == [0x61, 0x5C, 0xFEFF, 0x62])
        // And so two member names that differ only by a U+FEFF stay two members (Foundation merges them).
        let members = try JSONValue(parsing: Array("{\"\u{FEFF}a\":1,\"a\":2}".utf8)).objectValue
        #expect(members?.count == 2)
        #expect(members?["a"] == 2)
    }

    @Test("An 85-digit integer keeps its literal and gets the correctly rounded Double")
    func longIntegerRoundsCorrectly() throws {
        // Found by Fuzz/ jsonDifferential: Foundation's JSONSerialization (NSDecimalNumber) gives 1.555000000000001e+84.
        let literal = "1555000000000000000000000000000000000000088000000000000000885908086659080866996362353"
        let number = try #require(try JSONValue(parsing: Array(literal.utf8)).numberValue)
        #expect(number.literal == literal)
        #expect(number.doubleValue == 1.555e84)
        #expect(number.int64Value == nil)
    }

    @Test("UTF-8 boundary characters are accepted")
    func utf8Boundaries() throws {
        let cases: [([UInt8], UInt32)] = [
            ([0x7F], 0x7F),
            ([0xC2, 0x80], 0x80),
            ([0xDF, 0xBF], 0x7FF),
            ([0xE0, 0xA0, 0x80], 0x800),
            ([0xED, 0x9F, 0xBF], 0xD7FF),
            ([0xEE, 0x80, 0x80], 0xE000),
            ([0xEF, 0xBF, 0xBF], 0xFFFF),
            ([0xF0, 0x90, 0x80, 0x80], 0x10000),
            ([0xF4, 0x8F, 0xBF, 0xBF], 0x10FFFF),
        ]
        for (encoded, scalar) in cases {
            let value = try JSONValue(parsing: [0x22] + encoded + [0x22])
            let expected = String(Character(Unicode.Scalar(scalar)!))
            #expect(value == .string(expected))
            #expect(value.stringValue?.unicodeScalars.first?.value == scalar)
        }
        #expect(try parseJSON("\"h\u{E9}llo \u{1F600} \u{4E16}\"") == .string("h\u{E9}llo \u{1F600} \u{4E16}"))
    }
}

// MARK: Rejected documents

@Suite("JSON parsing: rejected input")
struct JSONRejectTests {
    @Test(
        "Syntax errors are invalid_json",
        arguments: [
            // Empty and whitespace only.
            "", " ", "\t\r\n",
            // Trailing garbage and several values.
            "{} x", "1 2", "[] []", "{}{}", "[1]]", "{\"a\":1}}", "\"a\"\"b\"", "null,", "1,2", "true false",
            // Literals.
            "nul", "tru", "fals", "True", "NULL", "nulll", "truex", "undefined",
            // Trailing commas and missing parts.
            "[1,]", "{\"a\":1,}", "[,1]", "[,]", "{,}", "[1,,2]", "[1 2]", "{\"a\" 1}", "{\"a\":}", "{\"a\"}",
            "{\"a\":1 \"b\":2}", "{:1}", "[", "]", "{", "}", "[1", "{\"a\":1", "{\"a\"", "{\"a\":", "[1,",
            // Non-string member names and single quotes.
            "{1:2}", "{a:1}", "{null:1}", "['a']", "{'a':1}", "'a'",
            // NaN and Infinity.
            "NaN", "-NaN", "Infinity", "-Infinity", "[NaN]", "inf",
            // Number grammar.
            "01", "-01", "00", "+1", ".5", "-.5", "1.", "1.e5", "1e", "1e+", "1E-", "-", "--1", "- 1", "0x10", "1_000",
            "1.5.5", "1e5e5", "1e1.5", "0.", "[01]", "[1.]", "{\"a\":-}",
            // Comments.
            "/* c */ {}", "// c\n{}", "{} // c", "{}/**/", "# c\n1", "[1/*c*/]",
            // Whitespace other than space, tab, LF, CR.
            "\u{0B}1", "\u{0C}1", "1\u{0C}", "\u{A0}1", "\u{2028}1", "[1,\u{85}2]", "\u{FEFF}1",
            // Strings.
            "\"abc", "\"", "\"\\\"", "[\"a]", "{\"a:1}",
            // Escapes.
            "\"\\x\"", "\"\\a\"", "\"\\0\"", "\"\\'\"", "\"\\U0041\"", "\"\\v\"", "\"\\e\"", "\"\\ \"", "\"\\",
            "\"\\u\"", "\"\\u12\"", "\"\\u123\"", "\"\\u12G4\"", "\"\\u-123\"", "\"\\u 123\"", "\"\\x41\"",
            // Lone and misordered surrogate escapes.
            "\"\\ud800\"", "\"\\uDBFF\"", "\"\\udc00\"", "\"\\uDFFF\"", "\"\\ud800\\u0041\"", "\"\\ud800x\"",
            "\"\\ud800\\\"", "\"\\ud83d\\ud83d\"", "\"\\ude00\\ud83d\"", "\"\\ud83d\\n\"", "\"\\ud83d\\u\"",
            "\"\\ud83d\\ude0\"", "\"a\\ud800\"", "{\"\\ud800\":1}",
            // Unescaped control characters in strings.
            "\"a\u{0}b\"", "\"\t\"", "\"\n\"", "\"\r\"", "\"\u{1F}\"", "\"\u{08}\"", "{\"a\tb\":1}",
        ])
    func rejectsSyntaxError(_ document: String) {
        #expect(jsonErrorCode(document) == .invalidJSON)
    }

    @Test(
        "Invalid UTF-8 is invalid_json",
        arguments: [
            // Byte order marks.
            [0xEF, 0xBB, 0xBF],
            [0xEF, 0xBB, 0xBF, 0x7B, 0x7D],
            [0xEF, 0xBB, 0xBF, 0x31],
            // Overlong forms.
            [0x22, 0xC0, 0x80, 0x22],
            [0x22, 0xC1, 0xBF, 0x22],
            [0x22, 0xC0, 0xAF, 0x22],
            [0x22, 0xE0, 0x80, 0x80, 0x22],
            [0x22, 0xE0, 0x9F, 0xBF, 0x22],
            [0x22, 0xF0, 0x80, 0x80, 0x80, 0x22],
            [0x22, 0xF0, 0x8F, 0xBF, 0xBF, 0x22],
            // Surrogates encoded in UTF-8.
            [0x22, 0xED, 0xA0, 0x80, 0x22],
            [0x22, 0xED, 0xBF, 0xBF, 0x22],
            [0x22, 0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80, 0x22],
            // Above U+10FFFF and bytes that never occur.
            [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],
            [0x22, 0xF5, 0x80, 0x80, 0x80, 0x22],
            [0x22, 0xF7, 0xBF, 0xBF, 0xBF, 0x22],
            [0x22, 0xF8, 0x88, 0x80, 0x80, 0x80, 0x22],
            [0x22, 0xFE, 0x22],
            [0x22, 0xFF, 0x22],
            // Stray continuation bytes.
            [0x22, 0x80, 0x22],
            [0x22, 0xBF, 0x22],
            [0x22, 0x41, 0x80, 0x22],
            [0x22, 0xC3, 0xA9, 0xA9, 0x22],
            // Truncated sequences.
            [0x22, 0xC3, 0x22],
            [0x22, 0xE2, 0x82, 0x22],
            [0x22, 0xF0, 0x9F, 0x98, 0x22],
            [0x22, 0xE2, 0x41, 0xAC, 0x22],
            [0x22, 0xC3],
            [0x22, 0xE2, 0x82],
            [0x22, 0xF0, 0x9F, 0x98],
            // Invalid UTF-8 in a member name, after an escape, and outside strings.
            [0x7B, 0x22, 0xC0, 0x80, 0x22, 0x3A, 0x31, 0x7D],
            [0x22, 0x5C, 0x6E, 0xFF, 0x22],
            [0xC3, 0xA9],
            [0x5B, 0x31, 0x2C, 0xE2, 0x80, 0xA8, 0x5D],
            [0x31, 0x80],
        ] as [[UInt8]])
    func rejectsInvalidUTF8(_ bytes: [UInt8]) {
        #expect(jsonErrorCode(bytes) == .invalidJSON)
    }

    @Test(
        "Duplicate member names are duplicate_json_member",
        arguments: [
            #"{"a":1,"a":2}"#,
            #"{"a":1,"a":1}"#,
            #"{"a":1,"b":2,"a":3}"#,
            #"{"a":1,"\u0061":2}"#,
            #"{"\u0061":1,"a":2}"#,
            #"{"\/":1,"/":2}"#,
            #"{"\ud83d\ude00":1,"😀":2}"#,
            #"{"":1,"":2}"#,
            #"[{"x":{"k":1,"k":{}}}]"#,
            #"{"a":{"b":[{"c":1,"c":2}]}}"#,
            #"{"a":1,"a":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}"#,
            // Canonically equivalent names are the same Swift String and cannot both be kept.
            #"{"\u00e9":1,"e\u0301":2}"#,
        ])
    func rejectsDuplicateMembers(_ document: String) {
        #expect(jsonErrorCode(document) == .duplicateJSONMember)
    }

    /// `{"m0":0,…}` with `count` members, the member at `duplicateAt` (if any) named like the one at `of`.
    private static func wideObject(count: Int, duplicateAt: Int? = nil, of original: Int = 0, nested: Bool = false)
        -> String
    {
        let members = (0..<count).map { index in
            let name = index == duplicateAt ? "m\(original)" : "m\(index)"
            return #""\#(name)":\#(index)"#
        }
        let object = "{" + members.joined(separator: ",") + "}"
        return nested ? #"{"outer":[\#(object)]}"# : object
    }

    @Test(
        "Duplicates are found in objects of any width, before and after names are hashed instead of compared",
        arguments: [(2, 1, 0), (16, 15, 0), (17, 16, 0), (17, 16, 15), (18, 17, 3), (40, 39, 20), (40, 20, 19)])
    func rejectsDuplicatesInWideObjects(count: Int, duplicateAt: Int, original: Int) {
        for nested in [false, true] {
            let document = Self.wideObject(count: count, duplicateAt: duplicateAt, of: original, nested: nested)
            #expect(jsonErrorCode(document) == .duplicateJSONMember, "\(count) members, nested: \(nested)")
            let claims = Result { try JWTClaims(json: Array(document.utf8)) }
            #expect(throws: JOSEError.self) { try claims.get() }
        }
    }

    @Test("Wide objects keep every member", arguments: [15, 16, 17, 40])
    func wideObjectsParse(count: Int) throws {
        let value = try parseJSON(Self.wideObject(count: count, nested: true))
        #expect(value["outer"]?.arrayValue?.first?.objectValue?.count == count)
        let claims = try JWTClaims(json: Array(Self.wideObject(count: count).utf8))
        #expect(claims.fields.count == count)
        for index in 0..<count { #expect(claims["m\(index)"] == .number(JSONNumber(Int64(index)))) }
        #expect(claims["m\(count)"] == nil)
        #expect(claims == (try JWTClaims(json: claims.json)))
    }

    @Test("An empty payload object has no claims; a payload that is not an object is refused")
    func emptyAndNonObjectPayloads() throws {
        for text in ["{}", " { } "] { #expect(try JWTClaims(json: Array(text.utf8)).fields.isEmpty) }
        for text in ["[]", "1", #""{}""#, "null"] {
            expectJOSEError(.invalidPayload, text) { try JWTClaims(json: Array(text.utf8)) }
        }
    }

    @Test("Canonically equivalent names are duplicates in a wide object too")
    func canonicalDuplicatesInWideObjects() {
        let padding = (0..<20).map { #""p\#($0)":0"# }.joined(separator: ",")
        #expect(jsonErrorCode(#"{\#(padding),"\u00e9":1,"e\u0301":2}"#) == .duplicateJSONMember)
        #expect(jsonErrorCode(#"{"\u00e9":1,\#(padding),"e\u0301":2}"#) == .duplicateJSONMember)
    }

    @Test("Member names that differ are not duplicates")
    func distinctMembers() throws {
        let value = try parseJSON(#"{"a":1,"A":2,"a ":3,"b":{"a":4},"c":[{"a":5},{"a":6}]}"#)
        #expect(value.objectValue?.count == 5)
        #expect(value["b"]?["a"] == 4)
    }

    @Test("Error messages never contain input")
    func messagesAreFixed() {
        let documents = [
            #"{"secretvalue":1,"secretvalue":2}"#, #"{"secretvalue":secretvalue}"#, #"["secretvalue"#,
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"secretvalue\"",
        ]
        for document in documents {
            do {
                _ = try parseJSON(document)
                Issue.record("parsed invalid input")
            } catch {
                #expect(!error.message.contains("secret"))
                #expect(!error.description.contains("secret"))
            }
        }
    }
}

// MARK: Strings and escapes

@Suite("JSON strings")
struct JSONStringTests {
    @Test("Simple escapes decode")
    func simpleEscapes() throws {
        #expect(try parseJSON(#""\"\\\/\b\f\n\r\t""#) == .string("\"\\/\u{08}\u{0C}\n\r\t"))
        #expect(try parseJSON(#""a\nb""#) == .string("a\nb"))
        #expect(try parseJSON(#""https:\/\/example.com\/""#) == .string("https://example.com/"))
    }

    @Test("Unicode escapes decode, hex in either case")
    func unicodeEscapes() throws {
        #expect(try parseJSON(#""\u0041""#) == .string("A"))
        #expect(try parseJSON(#""\u00e9\u00E9\u00Ea""#) == .string("\u{E9}\u{E9}\u{EA}"))
        #expect(try parseJSON(#""\u0000""#).stringValue?.unicodeScalars.map(\.value) == [0])
        #expect(try parseJSON(#""\u001f\u007F""#) == .string("\u{1F}\u{7F}"))
        #expect(try parseJSON(#""\u4e16\uFFFF""#) == .string("\u{4E16}\u{FFFF}"))
        #expect(try parseJSON(#""\u07ff\u0800""#) == .string("\u{7FF}\u{800}"))
    }

    @Test("Surrogate pairs combine")
    func surrogatePairs() throws {
        #expect(try parseJSON(#""\ud83d\ude00""#) == .string("😀"))
        #expect(try parseJSON(#""\uD83D\uDE00""#) == .string("😀"))
        #expect(try parseJSON(#""\ud800\udc00""#) == .string("\u{10000}"))
        #expect(try parseJSON(#""\udbff\udfff""#) == .string("\u{10FFFF}"))
        #expect(try parseJSON(#""a\ud83d\ude00b😀""#) == .string("a😀b😀"))
        #expect(try parseJSON(#"{"\ud83d\ude00":1}"#)["😀"] == 1)
    }

    @Test("Raw text and escapes mix")
    func mixedStrings() throws {
        #expect(try parseJSON(#""caf\u00e9 é \"q\" end""#) == .string("café é \"q\" end"))
        #expect(try parseJSON(#""\\""#) == .string("\\"))
        #expect(try parseJSON(#""x\\""#) == .string("x\\"))
        #expect(try parseJSON("\"\u{7F}\"") == .string("\u{7F}"))
    }
}

// MARK: Numbers

@Suite("JSON numbers")
struct JSONNumberTests {
    @Test("Big integers keep their exact literal")
    func bigInteger() throws {
        let value = try parseJSON("12345678901234567890")
        let parsed = try #require(value.numberValue)
        #expect(parsed.literal == "12345678901234567890")
        #expect(parsed.int64Value == nil)
        #expect(parsed.doubleValue == 12_345_678_901_234_567_890.0)
        #expect(utf8Text(value.serialized()) == "12345678901234567890")
        let huge = String(repeating: "9", count: 400)
        let hugeValue = try parseJSON("[\(huge)]")
        #expect(hugeValue.arrayValue?.first?.numberValue?.literal == huge)
        #expect(hugeValue.arrayValue?.first?.numberValue?.doubleValue == .infinity)
        #expect(utf8Text(hugeValue.serialized()) == "[\(huge)]")
    }

    @Test("Literals are kept as written")
    func literalsKept() throws {
        let value = try parseJSON("[1.50,1E+2,-0,0.0,1e-0,-12.340e010]")
        #expect(
            value.arrayValue?.compactMap { $0.numberValue?.literal } == [
                "1.50", "1E+2", "-0", "0.0", "1e-0", "-12.340e010",
            ])
        #expect(utf8Text(value.serialized()) == "[1.50,1E+2,-0,0.0,1e-0,-12.340e010]")
    }

    @Test("int64Value is exact and only for integers in range")
    func int64Values() {
        #expect(jsonNumber("0").int64Value == 0)
        #expect(jsonNumber("-0").int64Value == 0)
        #expect(jsonNumber("42").int64Value == 42)
        #expect(jsonNumber("-42").int64Value == -42)
        #expect(jsonNumber("9223372036854775807").int64Value == .max)
        #expect(jsonNumber("-9223372036854775808").int64Value == .min)
        #expect(jsonNumber("9223372036854775808").int64Value == nil)
        #expect(jsonNumber("-9223372036854775809").int64Value == nil)
        #expect(jsonNumber("99999999999999999999999").int64Value == nil)
        #expect(jsonNumber("1.0").int64Value == nil)
        #expect(jsonNumber("1e2").int64Value == nil)
        #expect(jsonNumber("9007199254740993").int64Value == 9_007_199_254_740_993)
    }

    @Test("doubleValue approximates")
    func doubleValues() {
        #expect(jsonNumber("0.5").doubleValue == 0.5)
        #expect(jsonNumber("-1.5e3").doubleValue == -1500)
        #expect(jsonNumber("1E-2").doubleValue == 0.01)
        #expect(jsonNumber("1e400").doubleValue == .infinity)
        #expect(jsonNumber("-1e400").doubleValue == -.infinity)
        #expect(jsonNumber("1e-400").doubleValue == 0)
        #expect(jsonNumber("9223372036854775807").doubleValue == 9_223_372_036_854_775_807.0)
    }

    @Test("Equality is numeric and hashing agrees")
    func numericEquality() throws {
        let one = [
            jsonNumber("1"), jsonNumber("1.0"), jsonNumber("1e0"), jsonNumber("10e-1"), jsonNumber("0.1e1"),
            JSONNumber(1),
        ]
        for left in one {
            for right in one {
                #expect(left == right)
                #expect(hashValueOf(left) == hashValueOf(right))
            }
        }
        let fromDouble = try #require(JSONNumber(1.0))
        #expect(fromDouble == JSONNumber(1))
        #expect(hashValueOf(fromDouble) == hashValueOf(JSONNumber(1)))
        let oneAndAHalf = try #require(JSONNumber(1.5))
        #expect(oneAndAHalf == jsonNumber("1.50"))
        #expect(hashValueOf(oneAndAHalf) == hashValueOf(jsonNumber("15e-1")))
        #expect(jsonNumber("0") == jsonNumber("-0.0"))
        #expect(hashValueOf(jsonNumber("0")) == hashValueOf(jsonNumber("-0.0")))
        #expect(jsonNumber("1") != jsonNumber("2"))
        #expect(jsonNumber("1") != jsonNumber("1.0000001"))
        // Integers that share a Double are still told apart when both are exact.
        #expect(jsonNumber("9007199254740993") != jsonNumber("9007199254740992"))
        #expect(try parseJSON("[1]") == parseJSON("[1.0]"))
        #expect(try parseJSON(#"{"a":1}"#) == parseJSON(#"{"a":1e0}"#))
        #expect(try hashValueOf(parseJSON(#"{"a":[1]}"#)) == hashValueOf(parseJSON(#"{"a":[1.00]}"#)))
    }

    @Test(
        "Number grammar: accepted literals",
        arguments: [
            "0", "-0", "1", "-1", "10", "1234567890", "0.0", "0.5", "-0.5", "1.25", "1e1", "1E1", "1e+1", "1e-1",
            "1E+01", "0e0", "-0E-0", "1.5e300", "123456789012345678901234567890.5e-7",
        ])
    func validLiterals(_ literal: String) throws {
        let parsed = try #require(JSONNumber(literal: literal))
        #expect(parsed.literal == literal)
        #expect(parsed.description == literal)
        #expect(try parseJSON(literal) == .number(parsed))
    }

    @Test(
        "Number grammar: rejected literals",
        arguments: [
            "", " 1", "1 ", "01", "-01", "00", "+1", ".5", "1.", "1e", "1e+", "-", "--1", "1.e1", "0x1", "NaN",
            "Infinity", "-Infinity", "1_0", "1,0", "١", "1e1.5", "1ee1", "e1", "\u{0}", "1\u{0}",
        ])
    func invalidLiterals(_ literal: String) {
        #expect(JSONNumber(literal: literal) == nil)
    }

    @Test("Numbers from Int64")
    func fromInt64() {
        #expect(JSONNumber(0).literal == "0")
        #expect(JSONNumber(-17).literal == "-17")
        #expect(JSONNumber(.max).literal == "9223372036854775807")
        #expect(JSONNumber(.min).literal == "-9223372036854775808")
        #expect(JSONNumber(.min).int64Value == .min)
    }

    @Test("Numbers from Double")
    func fromDouble() throws {
        #expect(JSONNumber(Double.nan) == nil)
        #expect(JSONNumber(Double.infinity) == nil)
        #expect(JSONNumber(-Double.infinity) == nil)
        #expect(JSONNumber(3.0)?.literal == "3")
        #expect(JSONNumber(3.0)?.int64Value == 3)
        #expect(JSONNumber(1_700_000_000.0)?.literal == "1700000000")
        #expect(JSONNumber(0.1)?.literal == "0.1")
        #expect(JSONNumber(-2.5)?.literal == "-2.5")
        #expect(JSONNumber(-0.0)?.literal == "-0.0")
        #expect(JSONNumber(1e20)?.int64Value == nil)
        let samples: [Double] = [
            0, -0.0, 1, -1, 0.1, 1e20, 1e-5, .leastNonzeroMagnitude, .greatestFiniteMagnitude,
            -.greatestFiniteMagnitude,
            .leastNormalMagnitude, 9.223_372_036_854_775_807e18, -9.223_372_036_854_775_808e18, 123.456, 1e15, 1e16,
            2.5e-7,
        ]
        for sample in samples {
            let made = try #require(JSONNumber(sample))
            #expect(made.doubleValue == sample)
            // The canonical literal matches the grammar and reads back to the same Double.
            let reread = try #require(JSONNumber(literal: made.literal))
            #expect(reread.doubleValue == sample)
            #expect(reread == made)
        }
    }
}

// MARK: Depth

@Suite("JSON nesting depth")
struct JSONDepthTests {
    private func nestedArrays(_ depth: Int) -> String {
        String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    }

    private func nestedObjects(_ depth: Int) -> String {
        String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)
    }

    @Test("Depth exactly at the default limit is accepted, one more is json_too_deep")
    func defaultLimit() throws {
        _ = try parseJSON(nestedArrays(32))
        _ = try parseJSON(nestedObjects(32))
        #expect(jsonErrorCode(nestedArrays(33)) == .jsonTooDeep)
        #expect(jsonErrorCode(nestedObjects(33)) == .jsonTooDeep)
        let mixed = String(repeating: #"[{"a":"#, count: 16) + "1" + String(repeating: "}]", count: 16)
        _ = try parseJSON(mixed)
        #expect(jsonErrorCode("[" + mixed + "]") == .jsonTooDeep)
    }

    @Test("Custom limits")
    func customLimits() throws {
        #expect(try parseJSON("1", maxDepth: 0) == 1)
        #expect(try parseJSON("\"s\"", maxDepth: 0) == "s")
        #expect(jsonErrorCode("[]", maxDepth: 0) == .jsonTooDeep)
        #expect(jsonErrorCode("{}", maxDepth: 0) == .jsonTooDeep)
        #expect(try parseJSON("[1,{}]", maxDepth: 2) == [1, [:]])
        #expect(jsonErrorCode("[1,{}]", maxDepth: 1) == .jsonTooDeep)
        #expect(try parseJSON("[[],[],{}]", maxDepth: 2) == [[], [], [:]])
        _ = try parseJSON(nestedArrays(5), maxDepth: 5)
        #expect(jsonErrorCode(nestedArrays(6), maxDepth: 5) == .jsonTooDeep)
        _ = try parseJSON(nestedArrays(200), maxDepth: 200)
        #expect(jsonErrorCode(nestedArrays(201), maxDepth: 200) == .jsonTooDeep)
        #expect(jsonErrorCode("[]", maxDepth: -1) == .jsonTooDeep)
    }

    @Test("100,000 levels of nesting fail with json_too_deep")
    func veryDeep() {
        let deep = [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
        #expect(jsonErrorCode(deep) == .jsonTooDeep)
        #expect(jsonErrorCode(deep + [UInt8](repeating: UInt8(ascii: "]"), count: 100_000)) == .jsonTooDeep)
        let deepObjects = Array(String(repeating: #"{"a":"#, count: 100_000).utf8)
        #expect(jsonErrorCode(deepObjects) == .jsonTooDeep)
        let deepMixed = Array(String(repeating: #"[{"a":"#, count: 50_000).utf8)
        #expect(jsonErrorCode(deepMixed) == .jsonTooDeep)
    }

    @Test("The parser does not recurse, even with a huge limit")
    func noRecursion() {
        let deep = [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
        #expect(jsonErrorCode(deep, maxDepth: .max) == .invalidJSON)
        let deepObjects = Array(String(repeating: #"{"a":"#, count: 100_000).utf8)
        #expect(jsonErrorCode(deepObjects, maxDepth: .max) == .invalidJSON)
    }
}

// MARK: Serialization

@Suite("JSON serialization")
struct JSONSerializationTests {
    @Test("Compact output with members sorted")
    func compactSorted() {
        let value: JSONValue = ["b": 1, "a": [true, false, nil, "x"], "c": [:], "d": []]
        #expect(utf8Text(value.serialized()) == #"{"a":[true,false,null,"x"],"b":1,"c":{},"d":[]}"#)
        #expect(utf8Text(JSONValue.null.serialized()) == "null")
        #expect(utf8Text(JSONValue.bool(true).serialized()) == "true")
        #expect(utf8Text(JSONValue(floatLiteral: 0.25).serialized()) == "0.25")
        #expect(utf8Text(JSONValue.string("").serialized()) == #""""#)
    }

    @Test("Members are sorted by the UTF-8 bytes of their names")
    func byteOrder() {
        // U+FF61 sorts before U+1F600 in UTF-8 (EF.. < F0..) but after it in UTF-16 (FF61 > D83D).
        let value: JSONValue = [
            "b": 0, "a": 0, "B": 0, "\u{E9}": 0, "z": 0, "ab": 0, "": 0, "\u{1F600}": 0, "\u{FF61}": 0, "a\u{0}": 0,
        ]
        let expected =
            "{\"\":0,\"B\":0,\"a\":0,\"a\\u0000\":0,\"ab\":0,\"b\":0,\"z\":0,\"\u{E9}\":0,\"\u{FF61}\":0,\"\u{1F600}\":0}"
        #expect(utf8Text(value.serialized()) == expected)
    }

    @Test("Strings escape quote, backslash and control characters only")
    func escaping() throws {
        let value = JSONValue.string("\"\\/\u{08}\u{0C}\n\r\t\u{0}\u{1}\u{1F}\u{7F} é😀")
        let expected = #""\"\\/\b\f\n\r\t\u0000\u0001\u001f"# + "\u{7F} é😀\""
        #expect(utf8Text(value.serialized()) == expected)
        #expect(value.serialized() == Array(expected.utf8))
        let allControls = String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init)))
        let written = utf8Text(JSONValue.string(allControls).serialized())
        #expect(written.hasPrefix(#""\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e"#))
        #expect(written.hasSuffix(#"\u001e\u001f""#))
        #expect(try JSONValue(parsing: Array(written.utf8)) == .string(allControls))
    }

    @Test(
        "Round trip parse, serialize, parse",
        arguments: [
            "null", "true", "0", "-0", "1.5e-7", "12345678901234567890", "\"\"", "[]", "{}",
            #"{"alg":"ES256","typ":"JWT","kid":"2024-01"}"#,
            #"{"iss":"https:\/\/issuer.example","sub":"user-1","aud":["a","b"],"exp":1700000000,"iat":1699996400.5,"nbf":1.7e9,"admin":false,"scope":null}"#,
            #"{"nested":{"deeper":{"deepest":[1,[2,[3,{"x":"y"}]]]}},"empty":{},"list":[]}"#,
            #"["\u0000\u001f\"\\\/\b\f\n\r\t","\ud83d\ude00","caf\u00e9","\uffff","line\u2028sep"]"#,
            #"{"z":1,"y":2,"x":3,"\u00e9":4,"e":5,"E":6}"#,
            #"[1.0,1.00,1e0,1E+0,-0.0,0.1,100000000000000000000000000000]"#,
            " [ \"a\" , { \"b\" : [ ] } ] ",
        ])
    func roundTrip(_ document: String) throws {
        let value = try parseJSON(document)
        let bytes = value.serialized()
        let reparsed = try JSONValue(parsing: bytes)
        #expect(reparsed == value)
        #expect(reparsed.serialized() == bytes)
    }

    @Test("Serialized output has no whitespace outside strings")
    func noWhitespace() throws {
        let value = try parseJSON(" { \"a\" : [ 1 , 2 , { \"b\" : \"c d\" } ] } ")
        #expect(utf8Text(value.serialized()) == #"{"a":[1,2,{"b":"c d"}]}"#)
    }

    @Test("Random values round trip")
    func randomValues() throws {
        var rng = SplitMix64(seed: 0x5EED_0001)
        let scalarPool: [UInt32] = [
            0x0, 0x1, 0x8, 0x9, 0xA, 0xC, 0xD, 0x1F, 0x20, 0x22, 0x2F, 0x41, 0x5C, 0x7E, 0x7F, 0x80, 0xE9, 0x7FF, 0x800,
            0x2028, 0xD7FF, 0xE000, 0xFEFF, 0xFFFD, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF,
        ]
        func randomString() -> String {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...8, using: &rng) {
                if let scalar = Unicode.Scalar(scalarPool.randomElement(using: &rng) ?? 0x41) {
                    scalars.append(scalar)
                }
            }
            return String(scalars)
        }
        func randomValue(depth: Int) -> JSONValue {
            switch Int.random(in: 0..<(depth > 4 ? 5 : 7), using: &rng) {
            case 0: return .null
            case 1: return .bool(Bool.random(using: &rng))
            case 2: return .number(JSONNumber(Int64.random(in: .min ... .max, using: &rng)))
            case 3:
                let double = Double.random(in: -1e12...1e12, using: &rng) * Double(Int.random(in: 0...3, using: &rng))
                return JSONNumber(double).map(JSONValue.number) ?? .null
            case 4: return .string(randomString())
            case 5: return .array((0..<Int.random(in: 0...4, using: &rng)).map { _ in randomValue(depth: depth + 1) })
            default:
                var members: [String: JSONValue] = [:]
                for _ in 0..<Int.random(in: 0...4, using: &rng) {
                    members[randomString()] = randomValue(depth: depth + 1)
                }
                return .object(members)
            }
        }
        for _ in 0..<2_000 {
            let value = randomValue(depth: 0)
            let bytes = value.serialized()
            let reparsed = try JSONValue(parsing: bytes)
            #expect(reparsed == value)
            #expect(reparsed.serialized() == bytes)
        }
    }
}

// MARK: Accessors and literals

@Suite("JSONValue accessors and literals")
struct JSONValueAPITests {
    @Test("Accessors return only their own case")
    func accessors() {
        let values: [JSONValue] = [nil, true, 1, 1.5, "s", [1], ["k": 1]]
        #expect(values.map(\.isNull) == [true, false, false, false, false, false, false])
        #expect(values.map { $0.boolValue != nil } == [false, true, false, false, false, false, false])
        #expect(values.map { $0.numberValue != nil } == [false, false, true, true, false, false, false])
        #expect(values.map { $0.stringValue != nil } == [false, false, false, false, true, false, false])
        #expect(values.map { $0.arrayValue != nil } == [false, false, false, false, false, true, false])
        #expect(values.map { $0.objectValue != nil } == [false, false, false, false, false, false, true])
        #expect(values.map { $0["k"] != nil } == [false, false, false, false, false, false, true])
        #expect(values[2].numberValue?.int64Value == 1)
        #expect(values[3].numberValue?.doubleValue == 1.5)
        #expect(values[4].stringValue == "s")
        #expect(JSONValue.object(["k": nil])["k"] == .some(.null))
    }

    @Test("Literals build the expected cases")
    func literals() {
        let value: JSONValue = ["n": nil, "b": false, "i": -3, "d": 2.5, "s": "t", "a": [1, "x"], "o": ["p": true]]
        #expect(
            value
                == .object([
                    "n": .null, "b": .bool(false), "i": .number(JSONNumber(-3)), "d": .number(jsonNumber("2.5")),
                    "s": .string("t"), "a": .array([.number(JSONNumber(1)), .string("x")]),
                    "o": .object(["p": .bool(true)]),
                ]))
        #expect(JSONValue(integerLiteral: 7).numberValue?.literal == "7")
        #expect(JSONValue(floatLiteral: 7.0).numberValue?.literal == "7")
    }

    @Test("Values are hashable")
    func hashable() throws {
        let set: Set<JSONValue> = [1, 1.0, "1", [1], ["1": 1], nil, true]
        #expect(set.count == 6)
        #expect(try Set([parseJSON(#"{"a":1,"b":2}"#), parseJSON(#"{"b":2.0,"a":1}"#)]).count == 1)
    }
}

// MARK: Randomized mutation

@Suite("JSON randomized mutation")
struct JSONFuzzTests {
    private static let seeds: [String] = [
        #"{"alg":"RS256","typ":"JWT","kid":"key-1"}"#,
        #"{"iss":"https://issuer.example","sub":"1234567890","aud":["api","web"],"exp":1700000000,"iat":1.5e9,"nbf":-0,"name":"J\u00f6rg \"JJ\" \ud83d\ude00","admin":true,"groups":null}"#,
        #"[1,-2.5e+10,0.0,"a\\b\/c\n",[[],{}],{"x":{"y":[true,false,null]}}]"#,
        "{\"caf\u{E9}\":\"\u{1F600}\u{4E16}\",\"t\":\"\\t\\u0000\"}",
        #"{"a":[{"b":[{"c":[{"d":[1,2,3]}]}]}],"e":12345678901234567890}"#,
        "\"just a string\"",
        "-123.456e-7",
    ]

    private static let interestingBytes: [UInt8] =
        Array("{}[]:,\"\\/ \t\n\r0123456789-+.eEtrufalsn".utf8) + [
            0x00, 0x01, 0x1F, 0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF,
        ]

    @Test("20,000 mutated documents never crash and accepted ones round trip")
    func mutations() throws {
        var rng = SplitMix64(seed: 0x00C0_FFEE_D00D_F00D)
        var accepted = 0
        var rejected: [String: Int] = [:]
        let documents = Self.seeds.map { Array($0.utf8) }
        for document in documents {
            _ = try JSONValue(parsing: document)
        }
        for _ in 0..<20_000 {
            var bytes = documents[Int(rng.next() % UInt64(documents.count))]
            for _ in 0...Int(rng.next() % 3) {
                mutate(&bytes, using: &rng)
            }
            let value: JSONValue
            do {
                value = try JSONValue(parsing: bytes, maxDepth: 8)
            } catch {
                rejected[error.code.rawValue, default: 0] += 1
                #expect([.invalidJSON, .duplicateJSONMember, .jsonTooDeep].contains(error.code))
                continue
            }
            accepted += 1
            let written = value.serialized()
            let reparsed = try JSONValue(parsing: written, maxDepth: 8)
            #expect(reparsed == value)
            #expect(reparsed.serialized() == written)
        }
        // The mutations should exercise both outcomes.
        #expect(accepted > 100)
        #expect((rejected["invalid_json"] ?? 0) > 1_000)
    }

    private func mutate(_ bytes: inout [UInt8], using rng: inout SplitMix64) {
        func randomByte() -> UInt8 {
            rng.next() % 4 == 0
                ? UInt8(truncatingIfNeeded: rng.next())
                : Self.interestingBytes[Int(rng.next() % UInt64(Self.interestingBytes.count))]
        }
        func randomIndex(_ count: Int) -> Int { count == 0 ? 0 : Int(rng.next() % UInt64(count)) }
        switch rng.next() % 7 {
        case 0 where !bytes.isEmpty:
            bytes[randomIndex(bytes.count)] = randomByte()
        case 1:
            bytes.insert(randomByte(), at: randomIndex(bytes.count + 1))
        case 2 where !bytes.isEmpty:
            bytes.remove(at: randomIndex(bytes.count))
        case 3 where !bytes.isEmpty:
            let start = randomIndex(bytes.count)
            let end = min(bytes.count, start + 1 + randomIndex(16))
            bytes.insert(contentsOf: bytes[start..<end], at: randomIndex(bytes.count + 1))
        case 4 where !bytes.isEmpty:
            let start = randomIndex(bytes.count)
            let end = min(bytes.count, start + 1 + randomIndex(8))
            bytes.removeSubrange(start..<end)
        case 5 where bytes.count > 1:
            bytes.swapAt(randomIndex(bytes.count), randomIndex(bytes.count))
        case 6 where !bytes.isEmpty:
            bytes.removeLast(randomIndex(bytes.count))
        default:
            bytes.append(randomByte())
        }
    }
}
