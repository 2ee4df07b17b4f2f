import ArgumentParser
import Foundation
import JOSE

/// `oauth-jwt decrypt`: decrypts a compact JWE and writes its plaintext.
struct DecryptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decrypt",
        abstract: "Decrypt a compact JWE and write its plaintext to standard output.",
        discussion: """
            Exit 0 with the plaintext; exit 1 and 'error: <code>: <message>' when the JWE cannot be decrypted (every \
            cryptographic failure is decryption_failed); exit 2 for usage, I/O or key failures.
            """
    )

    @Option(help: "The private key file: a JWK, a JWK set (every key is tried), or a PEM or DER RSA or EC key.")
    var key: String

    @Option(name: .customLong("max-size"), help: "The largest plaintext a compressed JWE may inflate to, in bytes.")
    var maximumSize: Int = 256 * 1024

    @Argument(help: "The compact JWE, or - (or nothing) to read it from standard input.")
    var jwe: String?

    func validate() throws {
        guard maximumSize > 0 else { throw ValidationError("--max-size must be positive") }
    }

    func run() async throws {
        let text = try Input.argumentOrStandardInput(jwe)
        var decrypter = JWEDecrypter(keys: try KeyFile.encryptionKeys(key))
        decrypter.maximumPlaintextSize = maximumSize
        let decrypted: DecryptedJWE
        do {
            decrypted = try decrypter.decrypt(text)
        } catch {
            throw TokenRejection(error)
        }
        FileHandle.standardOutput.write(Data(decrypted.plaintext))
    }
}
