import ArgumentParser
import Foundation
import JOSE

/// `oauth-jwt sign`: signs a JSON object of claims.
struct SignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign", abstract: "Sign a JSON object of claims and print the compact token.")

    @Option(help: "The private key file (PEM or JWK).")
    var key: String

    @Option(name: .customLong("alg"), help: "The signature algorithm, e.g. RS256, ES256, EdDSA, HS256.")
    var algorithm: String

    @Option(
        help: "The header kid (default: the key's kid, else for key pairs its RFC 7638 thumbprint, as `jwks` uses).")
    var kid: String?

    @Option(help: "The header typ (default: JWT).")
    var typ: String = "JWT"

    @Option(name: .customLong("expires-in"), help: "Set exp this far ahead, with a unit: 90s, 15m, 12h, 2d.")
    var expiresIn: String?

    @Flag(name: .customLong("no-iat"), help: "Do not add iat.")
    var noIssuedAt = false

    @Argument(help: "The claims as a JSON object, or - (or nothing) to read them from standard input.")
    var claims: String?

    func run() async throws {
        guard let algorithm = JWSAlgorithm(rawValue: algorithm) else { throw ToolFailure("unknown algorithm in --alg") }
        var signingKey = try KeyFile.load(key)
        if let kid {
            signingKey.keyID = kid
        } else if signingKey.keyID == nil, !algorithm.isSymmetric {
            signingKey.keyID = try? signingKey.thumbprint()
        }
        let text = try Input.argumentOrStandardInput(claims)
        guard var fields = (try? JSONValue(parsing: Array(text.utf8)))?.objectValue else {
            throw ToolFailure("the claims must be a JSON object")
        }
        let now = Int64(Date().timeIntervalSince1970)
        if !noIssuedAt { fields["iat"] = .number(JSONNumber(now)) }
        if let expiresIn {
            // One parser for duration text in the package; a bare number is refused, because node's rule for it
            // (milliseconds) is not what a command line reader expects.
            guard DurationText.hasUnit(expiresIn), let milliseconds = DurationText.milliseconds(expiresIn),
                milliseconds < 1e15
            else { throw ToolFailure("cannot read --expires-in (give a unit: 90s, 15m, 12h, 2d)") }
            fields["exp"] = .number(JSONNumber(now + Int64(milliseconds / 1000)))
        }
        do {
            print(try JWTSigner.sign(JWTClaims(fields), with: signingKey, algorithm: algorithm, type: typ))
        } catch {
            throw ToolFailure("cannot sign", error)
        }
    }
}
