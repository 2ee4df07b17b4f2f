import ExampleSupport
import Foundation
import JOSE
import Testing

/// The example server's settings: settings file, environment winning, defaults.
@Suite struct ExampleSettingsTests {
    @Test("The late-bound key source forwards keysVersion, so cache hits in the example servers skip asking for keys")
    func lateBoundKeysForwardTheKeysVersion() throws {
        let keys = LateBoundKeys()
        #expect(keys.keysVersion == nil)  // nothing bound yet: nothing promised
        keys.bind(StaticKeySource(key: try JWSKey.generate(for: .es256, keyID: "k1").publicKey()))
        #expect(keys.keysVersion == 0)  // StaticKeySource's constant
    }

    @Test func defaultsRunTheDemoIssuerOnLoopback8080() throws {
        let settings = try ServerSettings.load(environment: ["SETTINGS_FILE": "/nonexistent/settings.json"])
        #expect(settings.host == "127.0.0.1")
        #expect(settings.port == 8080)
        #expect(settings.usesDemoIssuer)
        #expect(settings.realm == nil)
    }

    @Test func environmentWinsOverTheSettingsFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("settings-\(UUID().uuidString).json")
        try Data(#"{"ISSUER":"https://file.test","AUDIENCE":"api://file","PORT":9090,"REALM":"file"}"#.utf8).write(
            to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let settings = try ServerSettings.load(environment: [
            "SETTINGS_FILE": file.path, "AUDIENCE": "api://env", "JWKS_URI": "https://env.test/jwks",
        ])
        #expect(settings.issuer == "https://file.test")
        #expect(settings.audience == "api://env")
        #expect(settings.jwksURI == "https://env.test/jwks")
        #expect(settings.port == 9090)
        #expect(settings.realm == "file")
        #expect(!settings.usesDemoIssuer)
    }

    @Test func badPortIsRefused() {
        #expect(throws: SettingsError.self) {
            try ServerSettings.load(environment: ["SETTINGS_FILE": "/nonexistent", "PORT": "http"])
        }
    }
}
