import CFuzzDriver
import FuzzHarness

// Built with `-sanitize=fuzzer,address -parse-as-library` by Fuzz/run. SwiftPM links `main` to this module's
// `FuzzCompactJWE_main`, which hands libFuzzer's driver the target.
@_cdecl("FuzzCompactJWE_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        FuzzTarget.compactJWE.run(UnsafeRawBufferPointer(start: data, count: size))
        return 0
    }
}
