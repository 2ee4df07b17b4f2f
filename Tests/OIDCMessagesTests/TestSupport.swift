import Foundation
import JOSE
import OIDCMessages
import Testing

/// Keys generated once per test process (RSA generation is the slow part).
enum TestKeys {
    static let rsa = try! JWSKey.generate(for: .rs256, keyID: "rsa-1")
    static let rsaOther = try! JWSKey.generate(for: .rs256, keyID: "rsa-2")
    static let ec = try! JWSKey.generate(for: .es256, keyID: "ec-1")
    static let ecOther = try! JWSKey.generate(for: .es256, keyID: "ec-2")
    static let hmac = try! JWSKey(hmacSecret: Array("0123456789abcdef0123456789abcdef".utf8), keyID: "hs-1")
    static let hmacOther = try! JWSKey(hmacSecret: Array("fedcba9876543210fedcba9876543210".utf8), keyID: "hs-1")

    static func publicKey(_ key: JWSKey) -> JWSKey {
        if case .oct = key.type { return key }
        return try! key.publicKey()
    }
}

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
