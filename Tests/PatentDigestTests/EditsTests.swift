import Foundation
import PatentDigest
import PatentDigestTestSupport
import Testing

/// An editor's edits: the file, and the same edited draft from the library and from `build --edits`.
@Suite("Edits")
struct EditsTests {
  private let edits = DraftEdits(
    lead: "US20260382166A1", headline: "Meta wants you to feel virtual objects",
    items: [
      "US20260381640A1": .init(dropped: true),
      "US20260381512A1": .init(subhead: "Smart Glasses Without the Rainbows", added: true, position: 1),
      "US20260381234A1": .init(blurb: "Apple's ring reads your pulse: \"quotes\", a back\\slash and a\nnew line."),
      "US20269999999A1": .init(dropped: true),
    ])

  @Test("the file is readable YAML that reads back the same edits")
  func roundTrip() throws {
    let text = edits.yaml
    #expect(text.contains("version: 1"))
    #expect(text.contains("  \"US20260381640A1\":\n    dropped: true"))
    let read = try DraftEdits(yaml: text, file: "edits.yaml")
    #expect(read == edits)
  }

  @Test("drops, additions, positions, a new lead and rewritten text are applied; an unknown number is reported")
  func applied() throws {
    let weekly = try WeeklyJob(
      [.file(FeedTestSupport.sample("ipa261126.xml")), .file(FeedTestSupport.sample("ipg261124.xml"))],
      classifier: Classifier(watchList: .default), edits: edits, watchListSource: "test"
    ).run()
    let draft = weekly.draft
    #expect(draft.headline == "Meta wants you to feel virtual objects")
    #expect(draft.lead?.publicationNumber == "US20260382166A1")
    let alphabet = try #require(draft.sections.first { $0.company == "Alphabet" })
    #expect(alphabet.items.first?.publicationNumber == "US20260381512A1")
    #expect(alphabet.items.first?.subhead == "Smart Glasses Without the Rainbows")
    #expect(!alphabet.items.contains { $0.publicationNumber == "US20260381640A1" })
    #expect(draft.restOfWeek.flatMap(\.entries).contains { $0.publicationNumber == "US20260381640A1" })
    #expect(
      draft.sections.flatMap(\.items).first { $0.publicationNumber == "US20260381234A1" }?.blurb.hasPrefix("Apple's ring") == true
    )
    #expect(weekly.report.editProblems.count == 1)
    #expect(weekly.report.editProblems.first?.contains("US20269999999A1") == true)
    #expect(weekly.report.text.contains("US20269999999A1"))
    // An editor's blurb has no source in the filing, and the report lists the edit problem: both
    // as the published schemas say.
    #expect(try JSONSchemaCheck.problems(in: DraftRenderer.json(draft), against: .draft) == [])
    #expect(try JSONSchemaCheck.problems(in: RunReportJSON.encode(weekly.report), against: .report) == [])
    // Drawing again with no edits gives the ranking's draft back.
    #expect(weekly.redrawn(with: DraftEdits()).draft.lead?.publicationNumber != "US20260382166A1")
  }

  @Test("a bad edits file names its line")
  func badFile() throws {
    do {
      _ = try DraftEdits(yaml: "version: 1\nitems:\n  US20260381640A1:\n    dropped: maybe\n", file: "edits.yaml")
      Issue.record("expected an error")
    } catch {
      #expect(error.description == "edits.yaml:4: dropped of US20260381640A1 must be true or false")
    }
  }

  @Test(
    "every YAML error in an edits file is one line with its file and line",
    arguments: [
      ("version: 1\nheadline: A\ndek: B\nheadline: C\n", 4, "duplicate key 'headline'"),
      ("items:\n  US1A1:\n    dropped: true\n  US1A1:\n    added: true\n", 4, "duplicate key 'US1A1'"),
      ("headline: [\u{07}]\n", 1, "control character"),
      ("headline: *nothing\n", 1, "alias"),
      ("headline: \"open\n\n", 1, "is not valid YAML"),
      ("items:\n  US1A1:\n    subhead: [a]\n", 3, "subhead of US1A1 must be text"),
      ("items:\n  \"US1\\nA1\\u001b\":\n    nonsense: true\n", 3, "for US1\\nA1\\u{1B}"),
    ])
  func oneLineErrors(text: String, line: Int, message: String) throws {
    do {
      _ = try DraftEdits(yaml: text, file: "edits.yaml")
      Issue.record("expected an error for:\n\(text)")
    } catch {
      #expect(error.line == line, "\(error)")
      #expect(error.message.contains(message), "\(error)")
      #expect(error.description.hasPrefix("edits.yaml:\(line):"), "\(error)")
      #expect(!error.description.contains { $0.isNewline || ($0.asciiValue.map { $0 < 32 } ?? false) }, "\(error)")
    }
  }

  @Test("a duplicate key in an edits file, through build: one line naming the file and the line")
  func duplicateKeyThroughBuild() throws {
    let file = try FeedTestSupport.temporaryFile(
      "version: 1\nheadline: \"One\"\nitems:\n  \"US20260381640A1\":\n    dropped: true\nheadline: \"Two\"\n", name: "edits.yaml")
    let run = try BinaryRunner.run(["build", "--edits", file, "Samples/ipa261126.zip"])
    #expect(run.status == 2)
    #expect(run.standardError.split(separator: "\n").count == 1, "\(run.standardError)")
    #expect(run.standardError.hasPrefix("patent-digest: \(file):6:1: "), "\(run.standardError)")
    #expect(run.standardError.contains("duplicate key 'headline'"), "\(run.standardError)")
  }

  @Test("a YAML alias bomb in an edits file is refused at its first wrong type")
  func aliasBomb() throws {
    var lines = ["version: 1", "headline: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]", "items:"]
    for level in 1...9 {
      lines += [
        "  US2026000000\(level)A1:",
        "    blurb: &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]",
      ]
    }
    let started = ContinuousClock.now
    do {
      _ = try DraftEdits(yaml: lines.joined(separator: "\n") + "\n", file: "edits.yaml")
      Issue.record("expected an error")
    } catch {
      #expect(error.description == "edits.yaml:2: headline must be text")
    }
    #expect(ContinuousClock.now - started < FeedTestSupport.hangLimit)
  }

  @Test("build --edits applies the file; with --out, DIR/edits.yaml is applied and never rewritten")
  func buildWithEdits() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("edits-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let editsFile = folder.appendingPathComponent("edits.yaml")
    try Data(edits.yaml.utf8).write(to: editsFile)
    let samples = ["Samples/ipa261126.zip", "Samples/ipg261124.zip"]
    let run = try BinaryRunner.run(["build", "--edits", editsFile.path] + samples)
    #expect(run.status == 0)
    #expect(run.standardOutput.hasPrefix("# Meta wants you to feel virtual objects\n"))
    #expect(run.standardError.contains("warning: the edits name US20269999999A1"))
    let out = try BinaryRunner.run(["build", "--out", folder.path] + samples)
    #expect(out.status == 0)
    let markdown = try String(contentsOf: folder.appendingPathComponent("draft.md"), encoding: .utf8)
    #expect(markdown == run.standardOutput)
    #expect(try String(contentsOf: editsFile, encoding: .utf8) == edits.yaml)
    try Data("items: [\n".utf8).write(to: editsFile)
    let broken = try BinaryRunner.run(["build", "--edits", editsFile.path] + samples)
    #expect(broken.status == 2)
    #expect(broken.standardError.hasPrefix("patent-digest: \(editsFile.path):"))
  }

  @Test("--edits naming a file that does not exist: one line, exit 2, nothing on stdout; DIR/edits.yaml may be absent")
  func missingEditsFile() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("edits-\(UUID().uuidString)")
    let missing = folder.appendingPathComponent("no-such-edits.yaml").path
    let samples = ["Samples/ipa261126.zip", "Samples/ipg261124.zip"]
    let run = try BinaryRunner.run(["build", "--edits", missing] + samples)
    #expect(run.status == 2)
    #expect(run.standardError == "patent-digest: \(missing): no such edits file (leave out --edits to build without edits)\n")
    #expect(run.standardOutput.isEmpty)
    #expect(try BinaryRunner.run(["build", "-q", "--out", folder.appendingPathComponent("out").path] + samples).status == 0)
  }
}
