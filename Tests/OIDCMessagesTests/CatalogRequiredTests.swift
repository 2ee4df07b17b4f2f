import JOSE
import OIDCMessages
import Testing

/// For every message type of the catalog: a message with all required parameters passes the declared-parameter
/// checks, and leaving out any one of them is reported naming exactly that parameter, in every serialization.
@Suite struct CatalogRequiredTests {
    static func sample(_ type: ParameterType) -> JSONValue {
        switch type {
        case .string, .idToken: "x"
        case .integer: 1
        case .boolean: true
        case .stringList, .spaceSeparatedStrings: ["x"]
        case .jsonObject: ["k": "v"]
        case .message: [:]
        case .messageList(let schema):
            [
                .object(
                    Dictionary(
                        uniqueKeysWithValues: schema.requiredParameters.map {
                            ($0, sample(schema.parameters[$0]!.type))
                        }))
            ]
        }
    }

    static let all = (Array(MessageCatalog.openIDConnect.values) + Array(MessageCatalog.oauth2.values))
        .sorted { $0.name < $1.name }

    @Test(arguments: Self.all.map(\.name).enumerated().map { $0.offset })
    func requiredParametersAreEnforced(index: Int) async throws {
        let schema = Self.all[index]
        var complete = Message(schema)
        for name in schema.requiredParameters where !complete.contains(name) {
            let value =
                schema.allowedValues[name]?.first.map(JSONValue.string) ?? Self.sample(schema.parameters[name]!.type)
            try complete.setValue(value, for: name)
        }
        try complete.checkDeclaredParameters()
        for name in schema.requiredParameters {
            var message = complete
            message.removeValue(for: name)
            await expectMessageError(.missingRequiredParameter, name) { try message.checkDeclaredParameters() }
            await expectMessageError(.missingRequiredParameter, name) { try await message.verify() }
            await expectMessageError(.missingRequiredParameter, name) { _ = try message.urlEncoded() }
        }
        // JSON and form round trips keep every parameter.
        #expect(try Message(schema, jsonString: complete.jsonString()) == complete)
        if !schema.parameters.values.contains(where: { if case .message = $0.type { true } else { false } }) {
            #expect(try Message(schema, urlEncoded: complete.urlEncoded()) == complete)
        }
    }
}
