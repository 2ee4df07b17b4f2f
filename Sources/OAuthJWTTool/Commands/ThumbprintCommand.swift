import ArgumentParser
import JOSE

/// `oauth-jwt thumbprint`: the RFC 7638 thumbprint of a key.
struct ThumbprintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "thumbprint", abstract: "Print a key's RFC 7638 thumbprint (SHA-256, base64url).")

    @Argument(help: "A key file (PEM or JWK).")
    var file: String

    func run() async throws {
        do {
            print(try KeyFile.load(file).thumbprint())
        } catch let error as JOSEError {
            throw ToolFailure("cannot compute the thumbprint", error)
        }
    }
}
