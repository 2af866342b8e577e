// libFuzzer harness over the document reader: any bytes, read as one document of a weekly file.
// Build and run with `scripts/fuzz document-reader` (see the README).
import FuzzSupport
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
  @_cdecl("FuzzDocumentReader_main")
  func fuzzerEntryPoint(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzDocumentReader(data, size) }
  }
#else
  @main
  enum Harness {
    static func main() { explainHarness() }
  }
#endif
