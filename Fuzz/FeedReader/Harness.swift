// libFuzzer harness over the whole reading path: any bytes, read as a weekly feed file (plain XML
// documents one after another, a .zip or a .gz, told apart by their first bytes), with small
// limits. Besides crashes, leaks and hangs it checks the reader's promise that every document is
// counted exactly once: as a record, a sequence listing or a failure. Build and run with
// `scripts/fuzz feed-reader`.
import Foundation
import FuzzSupport
import PatentDigest

/// One file per fuzzing process, rewritten for each input: the reader takes paths, and a file in
/// memory-backed /dev/shm costs little.
private let feedPath: String = {
  let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
  return "\(folder)/patent-digest-fuzz-feed-\(getpid())"
}()

private let options = FeedReaderOptions(
  workerCount: 1, maximumDocumentBytes: 1 << 20,
  inflationLimits: InflationLimits(maximumInflatedBytes: 16 << 20, maximumRatio: 200, ratioCheckAfter: 1 << 20))

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFeedReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard FileManager.default.createFile(atPath: feedPath, contents: Data(bytes: data, count: size)) else {
    fatalError("cannot write \(feedPath)")
  }
  var seen = (records: 0, failures: 0, stray: 0, unusable: 0)
  let summary = try? FeedReader(options: options).read([.file(feedPath)], transform: { _ in 0 }) { event in
    switch event {
    case .record: seen.records += 1
    case .documentFailed(let failure):
      if failure.kind == .strayBytes { seen.stray += 1 } else { seen.failures += 1 }
    case .inputFailed: seen.unusable += 1
    }
  }
  guard let summary else { fatalError("the reader threw, though its handler never does") }
  // Every document is counted once, and what was handed out matches what was counted.
  if summary.documents != summary.records + summary.sequenceListings + summary.failedDocuments
    || seen.records != summary.records || seen.failures != summary.failedDocuments || seen.stray != summary.strayBytes
    || seen.unusable != summary.unusableInputs
  {
    fatalError("miscounted: \(summary), handed out \(seen)")
  }
  return 0
}

#if FUZZING
  @_cdecl("FuzzFeedReader_main")
  func fuzzerEntryPoint(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzFeedReader(data, size) }
  }
#else
  @main
  enum Harness {
    static func main() { explainHarness() }
  }
#endif
