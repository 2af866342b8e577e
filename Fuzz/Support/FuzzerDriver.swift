// What the libFuzzer harnesses share: starting libFuzzer from SwiftPM's entry point.

#if FUZZING
  /// libFuzzer's driver, from the fuzzer runtime that `-sanitize=fuzzer` links in.
  @_silgen_name("LLVMFuzzerRunDriver")
  func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
  ) -> CInt

  /// SwiftPM renames an executable's entry point to `<product>_main` and points `main` at it, so
  /// libFuzzer's own `main` never runs. Each harness's entry point calls this instead.
  public func runFuzzer(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
  ) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, callback)
  }
#endif

/// Built without the fuzzer (as `swift build` does), a harness only says how to run it.
public func explainHarness() {
  print("This is a libFuzzer harness: run it with scripts/fuzz.")
}
