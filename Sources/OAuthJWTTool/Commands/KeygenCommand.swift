import ArgumentParser
import Foundation
import JOSE

/// `oauth-jwt keygen`: a new key pair for trying things out.
struct KeygenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Generate a key for an algorithm, as PEM and JWK (kid = RFC 7638 thumbprint).",
        discussion: """
            With --out PREFIX, writes PREFIX.key.pem and PREFIX.jwk.json (private, mode 0600) and PREFIX.pub.pem and \
            PREFIX.pub.jwk.json (public); HMAC secrets get PREFIX.jwk.json only. Without --out, prints them.
            """
    )

    @Option(name: .customLong("alg"), help: "The algorithm the key is for, e.g. RS256, ES256, EdDSA, HS256.")
    var algorithm: String

    @Option(help: "Write files with this path prefix instead of printing.")
    var out: String?

    func run() async throws {
        guard let algorithm = JWSAlgorithm(rawValue: algorithm) else { throw ToolFailure("unknown algorithm in --alg") }
        var outputs: [(suffix: String, text: String, secret: Bool)] = []
        do {
            var key = try JWSKey.generate(for: algorithm)
            key.keyID = try key.thumbprint()
            if !algorithm.isSymmetric {
                outputs.append((".key.pem", try key.privatePEM(), true))
                outputs.append((".pub.pem", try key.publicPEM(), false))
            }
            outputs.append((".jwk.json", (try key.privateJWK()).prettyText + "\n", true))
            if !algorithm.isSymmetric {
                outputs.append((".pub.jwk.json", (try key.publicJWK()).prettyText + "\n", false))
            }
        } catch {
            throw ToolFailure("cannot generate the key", error)
        }
        guard let out else {
            for output in outputs { print(output.text, terminator: output.text.hasSuffix("\n") ? "" : "\n") }
            return
        }
        for output in outputs {
            let path = out + output.suffix
            let attributes: [FileAttributeKey: Any] = [.posixPermissions: output.secret ? 0o600 : 0o644]
            guard FileManager.default.createFile(atPath: path, contents: Data(output.text.utf8), attributes: attributes)
            else {
                throw ToolFailure("cannot write \(path)")
            }
            StandardError.write("wrote \(path)")
        }
    }
}
