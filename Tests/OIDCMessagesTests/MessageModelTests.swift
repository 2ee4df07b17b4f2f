import JOSE
import OIDCMessages
import Testing

/// Ingest (types, normalization), reading helpers and the base `verify`.
@Suite struct MessageModelTests {
    static let schema = MessageSchema(
        "Sample",
        parameters: [
            "s": .requiredString, "i": .optionalInteger, "b": .optionalBoolean, "l": .optionalList,
            "sp": .optionalSpaceSeparated, "j": .optionalJSON, "m": .optional(.message(OpenIDConnect.addressClaim)),
            "ml": .optional(.messageList(OpenIDConnect.link)), "n": ParameterSpec(.jsonObject, allowsNull: true),
            "name": .optionalString, "ri": .requiredInteger,
        ],
        defaults: ["ri": 0], allowedValues: ["sp": ["x", "y"], "i": ["1", "2"], "s": ["a", "b"]])

    @Test func typesAreEnforcedNamingTheParameter() async {
        let wrong: [(String, JSONValue)] = [
            ("s", 1), ("s", ["a"]), ("s", true), ("i", "nine"), ("i", true), ("i", 1.5), ("i", ["1"]), ("i", "-1"),
            ("b", "true"), ("b", 1), ("l", 1), ("l", ["a", 1]), ("sp", [true]), ("j", "[1]"), ("j", "{bad"),
            ("j", 3), ("m", "x"), ("m", 1), ("ml", 1), ("ml", [1]), ("name#en", 5),
        ]
        for (name, value) in wrong {
            var message = Message(Self.schema)
            await expectMessageError(.wrongType, name) { try message.setValue(value, for: name) }
            #expect(message[name] == nil)
        }
    }

    @Test func valuesAreNormalized() throws {
        var message = Message(Self.schema)
        try message.setValue("9", for: "i")
        #expect(message["i"] == 9)
        #expect(message.integer("i") == 9)
        try message.setValue("one", for: "l")
        #expect(message["l"] == ["one"])
        try message.setValue("x y", for: "sp")
        #expect(message["sp"] == ["x", "y"])
        try message.setValue(["x y"], for: "sp")
        #expect(message["sp"] == ["x", "y"])
        try message.setValue(#"{"a":1}"#, for: "j")
        #expect(message["j"] == ["a": 1])
        try message.setValue(["country": "SE"], for: "m")
        #expect(try message.message("m", as: OpenIDConnect.addressClaim)?.string("country") == "SE")
        try message.setValue(["rel": "r"], for: "ml")
        #expect(message["ml"] == [["rel": "r"]])
        try message.setValue(nil, for: "n")
        #expect(message["n"] == .null)
        try message.setValue("Anna", for: "name#sv")
        #expect(message["name#sv"] == "Anna")
        try message.setValue(["any": [1, 2]], for: "undeclared")
        #expect(message.extras == ["undeclared": ["any": [1, 2]]])
        #expect(message.weeded().extras.isEmpty)
        #expect(message.boolean("b") == nil)
    }

    @Test func emptyValuesAreDropped() throws {
        var message = try Message(Self.schema, ["s": "a", "l": ["x"], "name": "n"])
        for (name, value) in [("s", JSONValue.string("")), ("l", [""]), ("name", .null), ("sp", [])] {
            try message.setValue(value, for: name)
            #expect(message[name] == nil)
        }
        message["extra"] = ""
        #expect(!message.contains("extra"))
        // Nested messages are type-checked too.
        #expect(throws: MessageError.self) { try Message(Self.schema, ["m": ["country": 5]]) }
    }

    @Test func baseVerify() async throws {
        // A required integer of 0 is present (the Python original treated it as missing).
        try await Message(Self.schema, ["s": "a"]).verify()
        await expectMessageError(.missingRequiredParameter, "s") { try await Message(Self.schema).verify() }
        await expectMessageError(.missingRequiredParameter, "ri") {
            try await Message(Self.schema, ["s": "a"], applyDefaults: false).verify()
        }
        await expectMessageError(.valueNotAllowed, "s") { try await Message(Self.schema, ["s": "c"]).verify() }
        await expectMessageError(.valueNotAllowed, "sp") {
            try await Message(Self.schema, ["s": "a", "sp": "x z"]).verify()
        }
        await expectMessageError(.valueNotAllowed, "i") { try await Message(Self.schema, ["s": "a", "i": 3]).verify() }
        try await Message(Self.schema, ["s": "b", "sp": "y x", "i": 2, "zzz": "extra"]).verify()
    }

    @Test func equalityIgnoresOrder() throws {
        let a = try Message(Self.schema, ["s": "a", "name": "n"])
        let b = try Message(Self.schema, ["name": "n", "s": "a"])
        #expect(a == b)
        #expect(a.parameterNames != b.parameterNames)
        var c = a
        c.removeValue(for: "name")
        #expect(a != c)
        try c.merge(b)
        #expect(a == c)
    }

    @Test func jsonRoundTripAndErrors() async throws {
        let message = try Message(
            Self.schema,
            ["s": "a", "i": 2, "b": false, "l": ["p", "q"], "sp": ["x", "y"], "j": ["k": [1]], "m": ["region": "R"]])
        let json = message.jsonString()
        #expect(json == #"{"ri":0,"s":"a","i":2,"b":false,"l":["p","q"],"sp":"x y","j":{"k":[1]},"m":{"region":"R"}}"#)
        #expect(try Message(Self.schema, jsonString: json) == message)
        await expectMessageError(.malformedInput, nil) { _ = try Message(Self.schema, jsonString: "[1]") }
        await expectMessageError(.malformedInput, nil) { _ = try Message(Self.schema, jsonString: "{") }
        await expectMessageError(.malformedInput, nil) {
            _ = try Message(Self.schema, jsonString: #"{"s":"a","s":"b"}"#)
        }
        await expectMessageError(.wrongType, "b") { _ = try Message(Self.schema, jsonString: #"{"b":"true"}"#) }
        // A space-separated list may arrive as an array in JSON.
        #expect(try Message(Self.schema, jsonString: #"{"sp":["x","y"]}"#)["sp"] == ["x", "y"])
    }

    @Test func errorsNeverCarryValues() {
        do {
            _ = try Message(Self.schema, ["i": "secret-value"])
        } catch {
            #expect(!error.description.contains("secret"))
            #expect(error.description == "wrong_type (i): The value must be an integer")
        }
    }
}

/// `application/x-www-form-urlencoded` edge cases.
@Suite struct URLEncodedTests {
    static let schema = MessageModelTests.schema

    @Test func plusAndPercent20AreSpaces() throws {
        let message = try Message(Self.schema, urlEncoded: "s=a+b%20c&sp=x%20y+x&name=%E2%9C%93%2B")
        #expect(message.string("s") == "a b c")
        #expect(message["sp"] == ["x", "y", "x"])
        #expect(message.string("name") == "✓+")
    }

    @Test func repeatedDeclaredParametersAreRefused() async {
        await expectMessageError(.tooManyValues, "s") { _ = try Message(Self.schema, urlEncoded: "s=a&s=b") }
        // RFC 6749 §3.1 forbids repeating any parameter, lists included (Python silently kept the first).
        await expectMessageError(.tooManyValues, "sp") { _ = try Message(Self.schema, urlEncoded: "sp=x&sp=y") }
    }

    @Test func repeatedUndeclaredParametersBecomeArrays() throws {
        let message = try Message(Self.schema, urlEncoded: "extra=x&extra=y&one=1")
        #expect(message["extra"] == ["x", "y"])
        #expect(message["one"] == "1")
        #expect(try message.urlEncoded(lax: true) == "ri=0&extra=x&extra=y&one=1")
    }

    @Test func blankValuesAndEmptySegmentsAreDropped() throws {
        let message = try Message(Self.schema, urlEncoded: "&s=a&&name=&flag&i=1&")
        #expect(message.parameterNames == ["ri", "s", "i"])
        #expect(try Message(Self.schema, urlEncoded: "").count == 1)
    }

    @Test func malformedForms() async {
        await expectMessageError(.malformedInput, nil) { _ = try Message(Self.schema, urlEncoded: "s=%zz") }
        await expectMessageError(.malformedInput, nil) { _ = try Message(Self.schema, urlEncoded: "s=%4") }
        await expectMessageError(.malformedInput, nil) { _ = try Message(Self.schema, urlEncoded: "s=%FF") }
        await expectMessageError(.malformedInput, nil) { _ = try Message(Self.schema, urlEncoded: "&&") }
        await expectMessageError(.malformedInput, nil) { _ = try Message(Self.schema, urlEncoded: "s=") }
    }

    @Test func typesAreConvertedFromForms() async throws {
        let message = try Message(
            Self.schema, urlEncoded: "i=42&b=true&j=%7B%22a%22%3A1%7D&m=%7B%22country%22%3A%22SE%22%7D")
        #expect(message["i"] == 42)
        #expect(message["b"] == true)
        #expect(message["j"] == ["a": 1])
        #expect(message["m"] == ["country": "SE"])
        #expect(try Message(Self.schema, urlEncoded: "b=True")["b"] == true)
        #expect(try Message(Self.schema, urlEncoded: "b=False")["b"] == false)
        await expectMessageError(.wrongType, "b") { _ = try Message(Self.schema, urlEncoded: "b=TRUE") }
        await expectMessageError(.wrongType, "b") { _ = try Message(Self.schema, urlEncoded: "b=1") }
        await expectMessageError(.wrongType, "i") { _ = try Message(Self.schema, urlEncoded: "i=4.2") }
        await expectMessageError(.wrongType, "m") { _ = try Message(Self.schema, urlEncoded: "m=country") }
    }

    @Test func writing() async throws {
        let message = try Message(
            Self.schema,
            [
                "s": "a b&c=d", "i": 7, "b": true, "l": ["p q", "r"], "j": ["k": "v"], "ml": [["rel": "r"]],
                "name": "~._-/",
            ])
        let form = try message.urlEncoded()
        #expect(
            form
                == "ri=0&s=a+b%26c%3Dd&i=7&b=true&l=p+q+r&j=%7B%22k%22%3A%22v%22%7D&ml=%5B%7B%22rel%22%3A%22r%22%7D%5D&name=~._-%2F"
        )
        // A string list with a space inside an item does not survive the space-joined form (RFC 6749 lists
        // cannot carry one); everything else does.
        let back = try Message(Self.schema, urlEncoded: form)
        #expect(back["l"] == ["p", "q", "r"])
        #expect(back["ml"] == [["rel": "r"]])
        await expectMessageError(.missingRequiredParameter, "s") { _ = try Message(Self.schema).urlEncoded() }
        #expect(try Message(Self.schema).urlEncoded(lax: true) == "ri=0")
    }

    @Test func requestURLs() throws {
        let message = try Message(OAuth2.authorizationRequest, ["response_type": "code", "client_id": "c"])
        #expect(try message.request("https://as/authz") == "https://as/authz?response_type=code&client_id=c")
        #expect(try message.request("https://as/authz?x=1") == "https://as/authz?x=1&response_type=code&client_id=c")
        #expect(try message.request("https://rp/cb", fragment: true) == "https://rp/cb#response_type=code&client_id=c")
    }
}

@Suite struct SerializationFormatTests {
    @Test(arguments: Message.Format.allCases)
    func roundTrip(format: Message.Format) throws {
        let response = try Message(
            OAuth2.accessTokenResponse,
            ["access_token": "2YotnFZFEjr1zCsicMWpAA", "token_type": "example", "expires_in": 3600, "scope": "a b"])
        let text = try response.serialized(as: format)
        #expect(try Message(OAuth2.accessTokenResponse, deserializing: text, as: format) == response)
        #expect(Message.Format(rawValue: "dict") == nil)
    }
}
