import FuzzHarness

// libFuzzer entry point; built with `-sanitize=fuzzer,address -parse-as-library` by Fuzz/run.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzTarget.responseHeaders.run(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
