import Foundation
import PatentDigest
import PatentDigestTestSupport
import Testing

/// cron appends stderr to a log, so a value from outside that holds a line break could print a
/// line of an attacker's choosing there (a fake summary, say). Every message shows such values
/// with their control characters made visible: one problem is always exactly one line.
@Suite("No value from outside can forge a line on stderr or in the run report")
struct ForgedLogLineTests {
  private let forgedSummary = "patent-digest: read 9 documents from 1 input: 9 records"

  /// Each line of stderr is one of ours: it starts with the program's name.
  private func expectOnlyOurLines(_ standardError: String, count: Int, sourceLocation: SourceLocation = #_sourceLocation) {
    let lines = standardError.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    #expect(lines.count == count, "\(standardError)", sourceLocation: sourceLocation)
    #expect(lines.allSatisfy { $0.hasPrefix("patent-digest: ") }, "\(standardError)", sourceLocation: sourceLocation)
    #expect(!lines.contains { $0 == Substring(forgedSummary) }, sourceLocation: sourceLocation)
  }

  @Test("a document number with a line break, in a document that fails: one line, the break shown as \\n")
  func documentNumber() throws {
    var document = ApplicationDocument()
    // Numbers are kept only up to a short length, so the forged line is short too.
    document.number = "20260000001\npatent-digest: ok\n\t"
    document.title = "A hinge <b>that fails</i>"
    let feed = try FeedTestSupport.temporaryFile(document.text)
    let run = try BinaryRunner.run(["parse", feed])
    #expect(run.status == 1)
    expectOnlyOurLines(run.standardError, count: 2)
    #expect(run.standardError.contains("(US20260000001\\npatent-digest: ok"))
  }

  @Test("an edits key with a line break: the warning is one line, in stderr and in the run report")
  func editsKey() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("forged-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let edits = folder.appendingPathComponent("edits.yaml")
    try Data("items:\n  \"US1\\n\(forgedSummary)\":\n    dropped: true\n".utf8).write(to: edits)
    let samples = ["Samples/ipa261126.zip", "Samples/ipg261124.zip"]
    let run = try BinaryRunner.run(["build", "--out", folder.appendingPathComponent("out").path] + samples)
    #expect(run.status == 0, "\(run.standardError)")
    let out = folder.appendingPathComponent("out")
    try FileManager.default.moveItem(at: edits, to: out.appendingPathComponent("edits.yaml"))
    let again = try BinaryRunner.run(["build", "-q", "--out", out.path] + samples)
    #expect(again.status == 0)
    expectOnlyOurLines(again.standardError, count: 1)
    #expect(again.standardError.contains("US1\\n\(forgedSummary)"))
    let report = try String(contentsOf: out.appendingPathComponent("report.txt"), encoding: .utf8)
    #expect(report.contains("US1\\n\(forgedSummary)"))
    #expect(!report.split(separator: "\n").contains { $0.hasPrefix("patent-digest:") })
  }

  @Test("a zip entry name with a line break: the entry's problem is one line")
  func zipEntryName() throws {
    let archive = ZipWriter.archive([
      .init(name: "ipa261126.xml\n\(forgedSummary)\n.xml", data: Array("not xml at all".utf8))
    ])
    let feed = try FeedTestSupport.temporaryFile(archive, name: "ipa261126.zip")
    let run = try BinaryRunner.run(["parse", feed])
    #expect(run.status != 0)
    #expect(run.standardError.contains("\\n\(forgedSummary)\\n"), "\(run.standardError)")
    #expect(!run.standardError.split(separator: "\n").contains { $0 == Substring(forgedSummary) })
    #expect(run.standardError.split(separator: "\n").allSatisfy { $0.hasPrefix("patent-digest: ") })
  }

  @Test("the escape itself: line and paragraph breaks, controls and direction overrides become visible")
  func escape() {
    #expect("plain text, ünïcödé".withVisibleControlCharacters == "plain text, ünïcödé")
    #expect("a\nb\rc\td".withVisibleControlCharacters == #"a\nb\rc\td"#)
    #expect("\u{1B}[31m\u{7F}\u{85}".withVisibleControlCharacters == #"\u{1B}[31m\u{7F}\u{85}"#)
    #expect("x\u{2028}y\u{2029}z\u{202E}w".withVisibleControlCharacters == #"x\u{2028}y\u{2029}z\u{202E}w"#)
  }
}
