import Foundation
import JOSE
import Testing

/// Locates the external test vectors: `JOSE_VECTORS_DIR`, else `../shared/vectors` beside the package.
enum Vectors {
    static let directory: URL? = {
        let configured = ProcessInfo.processInfo.environment["JOSE_VECTORS_DIR"]
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let candidate =
            configured.map { URL(fileURLWithPath: $0, relativeTo: packageRoot) }
            ?? packageRoot.appendingPathComponent("../shared/vectors")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            print("⚠️ SKIPPING conformance vectors: no vectors folder at \(candidate.path) (set JOSE_VECTORS_DIR)")
            return nil
        }
        return candidate.standardizedFileURL
    }()

    static var available: Bool { directory != nil }

    /// Parses a vector file with the library's own strict JSON parser (a large nesting allowance for the files).
    static func load(_ relativePath: String) throws -> JSONValue? {
        guard let directory else { return nil }
        let url = directory.appendingPathComponent(relativePath)
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return try JSONValue(parsing: [UInt8](data), maxDepth: 64)
    }
}

/// Hex decoding for Wycheproof files.
func hexBytes(_ hex: String) -> [UInt8] {
    var bytes = [UInt8]()
    bytes.reserveCapacity(hex.utf8.count / 2)
    var iterator = hex.utf8.makeIterator()
    func nibble(_ c: UInt8) -> UInt8 {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: 0
        }
    }
    while let high = iterator.next(), let low = iterator.next() { bytes.append(nibble(high) << 4 | nibble(low)) }
    return bytes
}

/// Asserts that `body` throws a ``JOSEError`` with `code`, returning what it threw.
@discardableResult
func expectJOSEError<T>(
    _ code: JOSEError.Code, _ comment: String = "", sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> T
) -> JOSEError? {
    do {
        _ = try body()
        Issue.record(
            Comment(rawValue: "expected \(code) but nothing was thrown \(comment)"), sourceLocation: sourceLocation)
        return nil
    } catch let error as JOSEError {
        if error.code != code {
            Issue.record(
                Comment(rawValue: "expected \(code) but got \(error.code) \(comment)"), sourceLocation: sourceLocation)
        }
        return error
    } catch {
        Issue.record(Comment(rawValue: "expected \(code) but got \(error) \(comment)"), sourceLocation: sourceLocation)
        return nil
    }
}
