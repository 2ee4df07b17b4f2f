import Foundation
import JOSE
import OIDCMessages
import Testing

/// Runs `body` and returns the MessageError it throws, or records an issue when it does not throw one.
func messageError(
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void
) async -> MessageError? {
    do {
        try await body()
        Issue.record("Expected a MessageError", sourceLocation: sourceLocation)
    } catch let error as MessageError {
        return error
    } catch {
        Issue.record("Unexpected error \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

/// Asserts that `body` throws a MessageError with `code` naming `parameter`.
func expectMessageError(
    _ code: MessageError.Code, _ parameter: String?, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> Void
) async {
    let error = await messageError(sourceLocation: sourceLocation, body)
    #expect(error?.code == code, sourceLocation: sourceLocation)
    #expect(error?.parameter == parameter, sourceLocation: sourceLocation)
}

/// Asserts that `body` throws a TokenProfileError with exactly `message`.
func expectProfileError(
    _ message: String, code: TokenProfileError.Code? = nil, name: TokenProfileError.Name = .jsonWebTokenError,
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void
) async {
    do {
        try await body()
        Issue.record("Expected \"\(message)\"", sourceLocation: sourceLocation)
    } catch let error as TokenProfileError {
        #expect(error.message == message, sourceLocation: sourceLocation)
        #expect(error.name == name, sourceLocation: sourceLocation)
        if let code { #expect(error.code == code, sourceLocation: sourceLocation) }
    } catch {
        Issue.record("Unexpected error \(error)", sourceLocation: sourceLocation)
    }
}
