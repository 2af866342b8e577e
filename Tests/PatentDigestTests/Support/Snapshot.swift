import Foundation
import Testing

/// Compares output with a committed snapshot file in `Tests/PatentDigestTests/Snapshots/`.
///
/// Snapshots change only on request: run the tests with `PATENT_DIGEST_RECORD_SNAPSHOTS=1` to
/// write them anew, then review the diff like any other change. A recording run fails (as
/// swift-argument-parser's snapshot helpers do), so a run that recorded can never pass for one
/// that compared: run the tests again without the variable.
func expectSnapshot(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
  let file = FeedTestSupport.packageRoot.appendingPathComponent("Tests/PatentDigestTests/Snapshots").appendingPathComponent(name)
  if ProcessInfo.processInfo.environment["PATENT_DIGEST_RECORD_SNAPSHOTS"] == "1" {
    try Data(actual.utf8).write(to: file)
    Issue.record(
      "Recorded snapshot \(name): review the diff, then run the tests again without PATENT_DIGEST_RECORD_SNAPSHOTS",
      sourceLocation: sourceLocation)
    return
  }
  guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
    Issue.record(
      "No snapshot \(name); record it with PATENT_DIGEST_RECORD_SNAPSHOTS=1 swift test", sourceLocation: sourceLocation)
    return
  }
  if expected != actual {
    let actualFile = FileManager.default.temporaryDirectory.appendingPathComponent("\(name).actual")
    try Data(actual.utf8).write(to: actualFile)
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let firstDifference =
      (0..<min(expectedLines.count, actualLines.count)).first { expectedLines[$0] != actualLines[$0] }
      ?? min(expectedLines.count, actualLines.count)
    Issue.record(
      """
      Output differs from snapshot \(name) at line \(firstDifference + 1) (written to \(actualFile.path)):
      expected: \(firstDifference < expectedLines.count ? String(expectedLines[firstDifference].prefix(300)) : "<end>")
      actual:   \(firstDifference < actualLines.count ? String(actualLines[firstDifference].prefix(300)) : "<end>")
      """, sourceLocation: sourceLocation)
  }
}
