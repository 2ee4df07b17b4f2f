import OAuthJWTTesting
import Testing

@testable import JOSE

/// The package API the message layer builds on: one split, unsecured tokens behind their own entry, the short-secret
/// HMAC, ordered and pretty JSON.
struct JWSPartsTests {
    @Test("Parts are decoded once and become the checked CompactJWS without decoding again")
    func partsToCompactJWS() throws {
        let key = TestIssuer.sharedKey(.es256)
        let token = try CompactJWS.sign(payload: Array(#"{"sub":"a"}"#.utf8), algorithm: .es256, key: key)
        let parts = try JWSParts(splitting: token)
        #expect(parts.algorithm == "ES256")
        #expect(!parts.isUnsecured)
        let jws = try CompactJWS(parts: parts)
        let parsed = try CompactJWS(parsing: token)
        #expect(jws.signingInput == parsed.signingInput && jws.signature == parsed.signature)
        #expect(try jws.verify(using: [key]).isSameKey(as: key))
        #expect(try UnverifiedJWT(jws: jws).claims.subject == "a")
    }

    @Test("Unsecured tokens: alg exactly none, an empty signature, no crit; CompactJWS still refuses them")
    func unsecured() throws {
        let token = JWSParts.unsecuredSerialization(header: [("alg", "none")], payload: Array("{}".utf8))
        let parts = try JWSParts(splitting: token)
        #expect(parts.isUnsecured)
        #expect(try parts.unsecuredPayload() == Array("{}".utf8))
        expectJOSEError(.unsecuredToken) { try CompactJWS(parts: parts) }
        let refused = [
            JWSParts.unsecuredSerialization(header: [("alg", "None")], payload: [0x7B, 0x7D]),
            JWSParts.unsecuredSerialization(header: [("alg", "none"), ("crit", ["exp"])], payload: [0x7B, 0x7D]),
            JWSParts.unsecuredSerialization(header: [("alg", "none")], payload: [0x7B, 0x7D]) + "AAAA",
        ]
        for token in refused {
            let parts = try JWSParts(splitting: token)
            #expect(parts.isUnsecured)
            expectJOSEError(.malformedToken) { try parts.unsecuredPayload() }
        }
        expectJOSEError(.malformedToken) { try JWSParts(splitting: "a.b") }
        expectJOSEError(.invalidHeader) { try JWSParts(splitting: Base64URL.encode(Array("[]".utf8)) + "..") }
        expectJOSEError(.tokenTooLarge) { try JWSParts(splitting: String(repeating: "a", count: 20), maximumSize: 10) }
    }

    @Test("The short-secret HMAC agrees with JWSKey's HMAC and checks tags in constant time")
    func insecureShortHMAC() throws {
        let secret = Array(repeating: UInt8(7), count: 64)
        let input = Array("header.payload".utf8)
        for algorithm in [JWSAlgorithm.hs256, .hs384, .hs512] {
            let short = try InsecureShortHMAC(secret: secret)
            let signature = try short.sign(input, algorithm: algorithm)
            #expect(signature == (try JWSKey(hmacSecret: secret).sign(input, algorithm: algorithm)))
            try short.verify(signature: signature, for: input, algorithm: algorithm)
            expectJOSEError(.invalidSignature) {
                try short.verify(signature: signature.dropLast() + [0], for: input, algorithm: algorithm)
            }
            expectJOSEError(.invalidSignature) {
                try short.verify(signature: Array(signature.dropLast()), for: input, algorithm: algorithm)
            }
        }
        let legacy = try InsecureShortHMAC(secret: Array("secret".utf8))
        try legacy.verify(signature: try legacy.sign(input, algorithm: .hs256), for: input, algorithm: .hs256)
        expectJOSEError(.keyAlgorithmMismatch) { try legacy.sign(input, algorithm: .rs256) }
        expectJOSEError(.weakKey) { try InsecureShortHMAC(secret: []) }
        expectJOSEError(.weakKey) { try JWSKey(hmacSecret: Array("secret".utf8)) }
    }

    @Test("ConstantTime.equals compares contents and lengths")
    func constantTime() {
        #expect(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2, 4]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2]))
        #expect(ConstantTime.equals([], []))
    }

    @Test("One JSON writer: sorted compact, sorted pretty, and objects in a given order")
    func jsonWriter() throws {
        let value: JSONValue = ["b": [1, ["c": true]], "a": "x", "e": [], "d": [:]]
        #expect(String(decoding: value.serialized(), as: UTF8.self) == #"{"a":"x","b":[1,{"c":true}],"d":{},"e":[]}"#)
        let pretty = String(decoding: value.serialized(.prettyPrinted), as: UTF8.self)
        #expect(
            pretty
                == "{\n  \"a\": \"x\",\n  \"b\": [\n    1,\n    {\n      \"c\": true\n    }\n  ],\n  \"d\": {},\n  \"e\": []\n}"
        )
        #expect(try JSONValue(parsing: Array(pretty.utf8)) == value)
        let ordered = JSONValue.serializedObject(orderedMembers: [("z", 1), ("a", ["y": 2, "x": 3])])
        #expect(String(decoding: ordered, as: UTF8.self) == #"{"z":1,"a":{"x":3,"y":2}}"#)
    }
}
