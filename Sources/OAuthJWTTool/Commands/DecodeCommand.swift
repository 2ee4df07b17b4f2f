import ArgumentParser
import JOSE

/// `oauth-jwt decode`: prints a token's header and payload without verifying anything.
struct DecodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode", abstract: "Print a token's header and payload as JSON, WITHOUT verifying it.")

    @Argument(help: "The compact token, or - (or nothing) to read it from standard input.")
    var token: String?

    func run() async throws {
        let text = try Input.argumentOrStandardInput(token)
        let jws: CompactJWS
        do {
            jws = try CompactJWS(parsing: text)
        } catch {
            throw ToolFailure("cannot decode the token", error)
        }
        let payload = (try? JSONValue(parsing: jws.payload)) ?? .string(String(decoding: jws.payload, as: UTF8.self))
        StandardError.write("warning: decoded only; the signature and claims were NOT verified")
        print(JSONValue.object(["header": .object(jws.header.fields), "payload": payload]).prettyText)
    }
}
