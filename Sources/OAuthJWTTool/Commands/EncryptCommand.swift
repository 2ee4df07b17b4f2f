import ArgumentParser
import Foundation
import JOSE

/// `oauth-jwt encrypt`: encrypts standard input as a compact JWE.
struct EncryptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encrypt",
        abstract: "Encrypt standard input to a key and print the compact JWE.",
        discussion: """
            With --cty JWT and a signed token on standard input this makes a nested (signed, then encrypted) token. \
            RSA1_5 is not offered: its padding oracle cannot be closed.
            """
    )

    @Option(help: "The recipient's key file: a JWK (public or private), or a PEM or DER RSA or EC key.")
    var key: String

    @Option(
        name: .customLong("alg"), help: "The key management algorithm, e.g. RSA-OAEP-256, ECDH-ES+A256KW, A256KW, dir.")
    var algorithm: String

    @Option(name: .customLong("enc"), help: "The content encryption, e.g. A256GCM, A128CBC-HS256.")
    var encryption: String

    @Flag(help: "Compress the content with DEFLATE first (zip: DEF).")
    var zip = false

    @Option(help: "The header cty, e.g. JWT for a nested token.")
    var cty: String?

    func run() async throws {
        guard let algorithm = JWEAlgorithm(exactly: algorithm) else { throw ToolFailure("unknown algorithm in --alg") }
        guard let encryption = JWEContentEncryption(exactly: encryption) else {
            throw ToolFailure("unknown content encryption in --enc")
        }
        let keys = try KeyFile.encryptionKeys(key)
        guard keys.count == 1, let recipient = keys.first else { throw ToolFailure("\(key) must hold exactly one key") }
        let plaintext = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        do {
            print(
                try JWEEncrypter.encrypt(
                    plaintext, to: recipient, algorithm: algorithm, encryption: encryption,
                    header: cty.map { ["cty": .string($0)] } ?? [:], compressed: zip))
        } catch {
            throw ToolFailure("cannot encrypt", error)
        }
    }
}
