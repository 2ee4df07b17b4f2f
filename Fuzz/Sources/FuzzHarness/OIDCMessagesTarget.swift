import JOSE
import OIDCMessages

extension FuzzTarget {
    /// Every message schema (the OAuth 2.0 ones, then the OpenID Connect ones, each by name), in a fixed order so a
    /// corpus entry means the same schema in every run.
    public static let messageSchemas: [MessageSchema] = [MessageCatalog.oauth2, MessageCatalog.openIDConnect].flatMap {
        catalog in catalog.keys.sorted().compactMap { catalog[$0] }
    }

    static let profileOptions = TokenVerifyOptions(
        clockTolerance: .seconds(60), audience: [.exact("api://fuzz")], issuer: ["https://issuer.example"],
        subject: "alice",
        jwtid: "id-1", maxAge: "1h", clock: .fixed(secondsSinceEpoch: 1_900_000_000))

    static let messageOptions = VerificationOptions(
        issuer: "https://issuer.example", clientID: "client", audience: "https://issuer.example/token",
        keys: StaticKeySource(keySet: FuzzKeys.verificationSet),
        leeway: .seconds(60), clock: .fixed(fuzzNow))

    /// OIDCMessages deserialization of every message type: the first byte picks the schema, the second the form
    /// (JSON, urlencoded or JWT, the JWT also read with unsecured tokens allowed), the rest is the message. Each
    /// message read is also verified and serialized again. Form 4 is a token profile instead: the rest is a JWT
    /// payload that the target signs with the HS256 secret, read by `TokenProfile.fromJWT` with `maxAge` and an
    /// audience, issuer, subject and ID to check.
    public static let oidcMessages = FuzzTarget("oidcMessages") { input in
        guard input.count >= 2 else { return }
        let schema = messageSchemas[Int(input[0]) % messageSchemas.count]
        let text = String(fuzz: Array(input.dropFirst(2)))
        if input[1] % 5 == 4 {
            let token = signedWithHS256(
                header: Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8), payload: Array(input.dropFirst(2)))
            runBlocking {
                for profile in TokenProfile.all {
                    _ = try? await profile.fromJWT(token, key: .key(FuzzKeys.signing[0].key), options: profileOptions)
                }
            }
            return
        }
        runBlocking {
            var messages: [Message] = []
            switch input[1] % 5 {
            case 0: if let message = try? Message(schema, deserializing: text, as: .json) { messages.append(message) }
            case 1:
                if let message = try? Message(schema, deserializing: text, as: .urlEncoded) { messages.append(message) }
            case 2:
                if let message = try? await Message(schema, jwt: text, options: messageOptions) {
                    messages.append(message)
                }
            default:
                var options = messageOptions
                options.allowUnsecuredJWTs = true
                if let message = try? await Message(schema, jwt: text, options: options) { messages.append(message) }
            }
            for message in messages {
                _ = try? await message.verify(messageOptions)
                _ = message.jsonBytes()
                _ = try? message.urlEncoded()
            }
        }
    }
}
