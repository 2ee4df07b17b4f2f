import ArgumentParser
import JOSE

/// `oauth-jwt jwks`: a public JWK set from key files.
struct JWKSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jwks",
        abstract:
            "Print a public JWK set for PEM or JWK key files; kid is the RFC 7638 thumbprint unless the JWK has one.")

    @Argument(help: "Key files (PEM or JWK).")
    var files: [String]

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one key file") }
    }

    func run() async throws {
        var keys = [JSONValue]()
        for file in files {
            var key = try KeyFile.load(file)
            do {
                if key.keyID == nil { key.keyID = try key.thumbprint() }
                keys.append(try key.publicJWK())
            } catch {
                throw ToolFailure("\(file) has no public form", error)
            }
        }
        print(JSONValue.object(["keys": .array(keys)]).prettyText)
    }
}
