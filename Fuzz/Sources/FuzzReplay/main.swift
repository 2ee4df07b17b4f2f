import Foundation
import FuzzHarness

// Replays every committed corpus entry and regression through its fuzz target, without libFuzzer: what CI runs so
// that a known input that once crashed (or any seed) crashes the build again if a fix regresses.
//
// Usage: FuzzReplay [fuzz-directory] [target-name ...]   (default: the folder holding Corpus/ and Regressions/)

let arguments = Array(CommandLine.arguments.dropFirst())
let root = URL(fileURLWithPath: arguments.first ?? FileManager.default.currentDirectoryPath)
let selected = Set(arguments.dropFirst())
let manager = FileManager.default
guard manager.fileExists(atPath: root.appendingPathComponent("Corpus").path) else {
    FileHandle.standardError.write(Data("error: no Corpus folder under \(root.path)\n".utf8))
    exit(2)
}

var total = 0
for target in FuzzTarget.all where selected.isEmpty || selected.contains(target.name) {
    var counts: [String: Int] = [:]
    for folder in ["Corpus", "Regressions"] {
        let directory = root.appendingPathComponent(folder).appendingPathComponent(target.name)
        let names = (try? manager.contentsOfDirectory(atPath: directory.path))?.sorted() ?? []
        for name in names where !name.hasPrefix(".") {
            let input = try [UInt8](Data(contentsOf: directory.appendingPathComponent(name)))
            target.run(input)
            counts[folder, default: 0] += 1
        }
    }
    let corpus = counts["Corpus"] ?? 0
    guard corpus > 0 else {
        FileHandle.standardError.write(Data("error: \(target.name) has no corpus entries\n".utf8))
        exit(1)
    }
    total += corpus + (counts["Regressions"] ?? 0)
    print("\(target.name): \(corpus) corpus entries, \(counts["Regressions"] ?? 0) regressions replayed")
}
print("replayed \(total) inputs without a crash or a differential mismatch")
