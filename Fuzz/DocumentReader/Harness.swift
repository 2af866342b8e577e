// libFuzzer harness over the document reader: any bytes, read as one document of a weekly file.
// Build and run with `scripts/fuzz document-reader` (see the README).
import PatentDigest

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDocumentReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  var bytes = Array(UnsafeBufferPointer(start: data, count: size))
  // Most mutations should reach the parser, not stop at the declaration check.
  if !bytes.starts(with: Array("<?xml".utf8)) { bytes = Array("<?xml version=\"1.0\"?>\n".utf8) + bytes }
  _ = SingleDocument.read(bytes, name: "fuzz")
  return 0
}

#if FUZZING
  // SwiftPM renames an executable's entry point to `<product>_main` and points `main` at it, so
  // libFuzzer's own `main` never runs: start libFuzzer's driver from that entry point instead.
  @_silgen_name("LLVMFuzzerRunDriver")
  func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
  ) -> CInt

  @_cdecl("FuzzDocumentReader_main")
  func fuzzerEntryPoint(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzzDocumentReader(data, size) }
  }
#else
  /// Built without the fuzzer (as `swift build` does), the harness only says how to run it;
  /// with it, libFuzzer supplies `main`.
  @main
  enum Harness {
    static func main() {
      print("This is a libFuzzer harness: run it with scripts/fuzz.")
    }
  }
#endif
