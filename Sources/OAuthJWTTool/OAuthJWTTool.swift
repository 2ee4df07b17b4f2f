import ArgumentParser
import Foundation
import JOSE

/// `oauth-jwt`: look inside JWTs, verify them the way a resource server would, sign test tokens and manage keys.
///
/// Exit codes: 0 success; 1 the token was rejected (`error: <code>: <message>` on standard error);
/// 2 usage, I/O or key-source failures.
@main
struct OAuthJWTTool: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "oauth-jwt",
        abstract: "Decode, verify and sign JWTs; encrypt and decrypt JWEs; build JWK sets and thumbprints.",
        discussion: "Exit codes: 0 success, 1 token rejected, 2 usage, I/O or key-source failure.",
        subcommands: [
            DecodeCommand.self, VerifyCommand.self, SignCommand.self, JWKSCommand.self, ThumbprintCommand.self,
            KeygenCommand.self, EncryptCommand.self, DecryptCommand.self,
        ]
    )

    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let rejection as TokenRejection {
            StandardError.write("error: \(rejection.code): \(rejection.message)")
            Foundation.exit(1)
        } catch let failure as ToolFailure {
            StandardError.write("error: \(failure.message)")
            Foundation.exit(2)
        } catch {
            if exitCode(for: error) == .success { exit(withError: error) }
            StandardError.write(fullMessage(for: error))
            Foundation.exit(2)
        }
    }
}
