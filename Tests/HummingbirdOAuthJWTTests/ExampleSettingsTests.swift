import ExampleSupport
import Foundation
import Testing

/// The example server's settings: settings file, environment winning, defaults.
@Suite struct ExampleSettingsTests {
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
