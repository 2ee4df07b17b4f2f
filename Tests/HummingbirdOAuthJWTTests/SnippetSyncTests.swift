import Foundation
import Testing

/// The code the README and the DocC getting-started articles show is the code the snippet files compile.
@Suite struct SnippetSyncTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test(arguments: [
        (
            "Tests/HummingbirdOAuthJWTTests/ReadmeSnippet.swift",
            "Sources/HummingbirdOAuthJWT/HummingbirdOAuthJWT.docc/GettingStarted.md"
        ),
        ("Tests/VaporOAuthJWTTests/ReadmeSnippet.swift", "Sources/VaporOAuthJWT/VaporOAuthJWT.docc/GettingStarted.md"),
    ])
    func documentsShowTheCompiledSnippet(snippet: String, article: String) throws {
        let source = try String(contentsOf: Self.root.appendingPathComponent(snippet), encoding: .utf8)
        let start = try #require(source.range(of: "// README-SNIPPET-START\n"))
        let end = try #require(source.range(of: "// README-SNIPPET-END"))
        let code = String(source[start.upperBound..<end.lowerBound])
        #expect(code.count > 500)
        for document in ["README.md", article] {
            let text = try String(contentsOf: Self.root.appendingPathComponent(document), encoding: .utf8)
            #expect(text.contains("```swift\n" + code + "```"), "\(document) does not show \(snippet)")
        }
    }
}
