import ArgumentParser
import Foundation
import JOSE

/// `oauth-jwt verify`: would a resource server accept this token, and if not, why?
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a token's signature and claims; print the claims on success.",
        discussion: """
            Give exactly one key source. Exit 0 and print the validated claims when the token is accepted; exit 1 \
            and print 'error: <code>: <message>' when it is rejected; exit 2 for usage, I/O or key-source failures.
            """
    )

    @Argument(help: "The compact token, or - (or nothing) to read it from standard input.")
    var token: String?

    @OptionGroup var keySource: KeySourceOptions

    @Option(
        name: .customLong("alg"),
        help: "Accepted algorithms, comma-separated (default: all asymmetric; with --secret-env: HS256,HS384,HS512).")
    var algorithms: String?

    @Option(name: .customLong("issuer"), help: "An accepted issuer (repeatable).")
    var issuers: [String] = []

    @Option(name: .customLong("audience"), help: "An accepted audience (repeatable).")
    var audiences: [String] = []

    @Option(help: "Clock tolerance in seconds (0 to 86400).")
    var leeway: Double = 0

    @Option(help: "Check time claims at this Unix time instead of now.")
    var now: Double?

    @Option(help: "The required header typ, e.g. at+jwt.")
    var typ: String?

    @Option(name: .customLong("require"), help: "A claim that must be present (repeatable).")
    var requiredClaims: [String] = []

    @Option(name: .customLong("scope"), help: "A scope the token must grant (repeatable; all are required).")
    var scopes: [String] = []

    @Option(
        name: .customLong("decrypt-key"),
        help: "For an encrypted (nested) token: the private key file that decrypts it (a JWK, JWK set, PEM or DER).")
    var decryptKey: String?

    func validate() throws {
        guard leeway.isFinite, (0...86_400).contains(leeway) else {
            throw ValidationError("--leeway must be between 0 and 86400 seconds")
        }
        if let now, !(now.isFinite && now >= 0) { throw ValidationError("--now must be a Unix time") }
    }

    func run() async throws {
        let text = try Input.argumentOrStandardInput(token)
        let allowed = try parseAlgorithms()
        let resolver = try await keySource.makeResolver()
        var options = JWTValidationOptions(
            algorithms: allowed, issuers: issuers.isEmpty ? .any : .oneOf(issuers),
            audiences: audiences.isEmpty ? .any : .oneOf(audiences),
            leeway: .milliseconds(Int64(leeway * 1000)), type: typ, requiredClaims: requiredClaims)
        if let now { options.clock = .fixed(Date(timeIntervalSince1970: now)) }
        let decryption = try decryptKey.map { JWTDecryption(keys: try KeyFile.encryptionKeys($0)) }
        let verified: VerifiedJWT
        do {
            verified = try await JWTVerifier(keys: resolver, options: options, decryption: decryption).verify(text)
        } catch  where error.code == .keySourceUnavailable {
            throw ToolFailure("the key source is unavailable", error)
        } catch {
            throw TokenRejection(error)
        }
        let granted = Set(verified.claims.scopes)
        for scope in scopes where !granted.contains(scope) {
            throw TokenRejection(code: "insufficient_scope", message: "The token does not grant a required scope")
        }
        print(JSONValue.object(verified.claims.fields).prettyText)
    }

    private func parseAlgorithms() throws -> Set<JWSAlgorithm> {
        guard let algorithms else {
            return keySource.secretEnvironmentVariable == nil ? JWSAlgorithm.asymmetric : [.hs256, .hs384, .hs512]
        }
        var set = Set<JWSAlgorithm>()
        for name in algorithms.split(separator: ",") {
            guard let algorithm = JWSAlgorithm(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                throw ToolFailure("unknown algorithm in --alg")
            }
            set.insert(algorithm)
        }
        return set
    }
}

/// Where `verify` gets its keys: exactly one of these.
struct KeySourceOptions: ParsableArguments {
    @Option(help: "A JWK set file.")
    var jwks: String?

    @Option(name: .customLong("jwks-uri"), help: "A JWK set URL (https, or http on loopback).")
    var jwksURI: String?

    @Option(name: .customLong("issuer-url"), help: "An issuer URL, for OpenID Connect / RFC 8414 discovery.")
    var issuerURL: String?

    @Option(help: "A key file: PEM (public key, private key or certificate) or JWK.")
    var key: String?

    @Option(name: .customLong("secret-env"), help: "The name of an environment variable holding an HMAC secret.")
    var secretEnvironmentVariable: String?

    @Flag(help: "Log key fetches and failures of --jwks-uri / --issuer-url on standard error.")
    var verbose = false

    func validate() throws {
        let given = [jwks, jwksURI, issuerURL, key, secretEnvironmentVariable].compactMap { $0 }
        guard given.count == 1 else {
            throw ValidationError("give exactly one of --jwks, --jwks-uri, --issuer-url, --key, --secret-env")
        }
    }

    func makeResolver() async throws -> any KeySource {
        if let jwks {
            do {
                return StaticKeySource(keySet: try JWKSet(jsonBytes: try Input.file(jwks)))
            } catch let error as JOSEError {
                throw ToolFailure("cannot load the JWK set in \(jwks)", error)
            }
        }
        if let key {
            return StaticKeySource(key: try KeyFile.load(key))
        }
        if let secretEnvironmentVariable {
            guard let secret = ProcessInfo.processInfo.environment[secretEnvironmentVariable], !secret.isEmpty else {
                throw ToolFailure("the environment variable \(secretEnvironmentVariable) is not set")
            }
            do {
                return StaticKeySource(key: try JWSKey(hmacSecret: Array(secret.utf8)))
            } catch {
                throw ToolFailure("the secret cannot be used", error)
            }
        }
        return try await RemoteKeySource.make(jwksURI: jwksURI, issuerURL: issuerURL, verbose: verbose)
    }
}
