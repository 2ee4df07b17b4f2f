import Foundation

/// Standard error, for diagnostics that must never mix with the JSON or token on standard output.
enum StandardError {
    static func write(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// Reading inputs: a positional argument, `-` or nothing for standard input, or a file.
enum Input {
    /// The argument's text, or standard input when the argument is absent or `-`, trimmed of surrounding whitespace.
    static func argumentOrStandardInput(_ argument: String?) throws -> String {
        let text: String
        if let argument, argument != "-" {
            text = argument
        } else {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            text = String(decoding: data, as: UTF8.self)
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A file's bytes.
    static func file(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ToolFailure("cannot read \(path)")
        }
        return [UInt8](data)
    }
}
