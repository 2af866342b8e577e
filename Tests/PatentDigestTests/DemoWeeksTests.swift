import Foundation
import PatentDigest
import PatentDigestTestSupport
import Testing

/// The second sample week (Samples/ipa261203, ipg261201), read as the first is.
@Suite("Sample feeds: the week after")
struct SecondSampleWeekTests {
  @Test("every document is read from the XML and the zip alike: 13 applications, 6 grants")
  func readsCleanly() throws {
    for (names, count) in [(["ipa261203.xml", "ipa261203.zip"], 13), (["ipg261201.xml", "ipg261201.zip"], 6)] {
      let results = try names.map { try FeedTestSupport.read(FeedTestSupport.sample($0)) }
      for (name, result) in zip(names, results) {
        #expect(result.records.count == count, "\(name)")
        #expect(result.failures.isEmpty && result.inputErrors.isEmpty, "\(name)")
        #expect(result.summary.isComplete, "\(name)")
      }
      // The same documents whichever file is read (apart from the source, which names the file).
      #expect(results[0].records.count == results[1].records.count)
      for (plain, zipped) in zip(results[0].records, results[1].records) {
        var plain = plain
        plain.source = zipped.source
        #expect(plain == zipped)
      }
    }
  }

  @Test("it follows up the first week: republished applications and grants share their application numbers")
  func sharesApplicationsWithTheFirstWeek() throws {
    let first = try FeedTestSupport.read([FeedTestSupport.sample("ipa261126.xml"), FeedTestSupport.sample("ipg261124.xml")])
    let second = try FeedTestSupport.read([FeedTestSupport.sample("ipa261203.xml"), FeedTestSupport.sample("ipg261201.xml")])
    let earlier = Dictionary(first.records.map { ($0.publicationNumber, $0) }, uniquingKeysWith: { one, _ in one })
    func record(_ number: String) throws -> PatentRecord {
      try #require(second.records.first { $0.publicationNumber == number }, "\(number)")
    }
    // Corrected publications of two applications, the same applications as the first week's A1.
    for (corrected, original) in [("US20260381234A9", "US20260381234A1"), ("US20260382345A9", "US20260382345A1")] {
      #expect(try record(corrected).applicationNumber == earlier[original]?.applicationNumber)
      #expect(try record(corrected).publicationDate == "2026-12-03")
    }
    // Grants of first-week applications, each naming its earlier publication.
    for (grant, application) in [
      ("US12477031B2", "US20260381914A1"), ("US12477188B2", "US20260382101A1"), ("US12477145B2", "US20260381512A1"),
    ] {
      #expect(try record(grant).type == .grant)
      #expect(try record(grant).applicationNumber == earlier[application]?.applicationNumber)
      #expect(try record(grant).relatedDocuments.contains("related-publication"))
      #expect(try record(grant).publicationDate == "2026-12-01")
    }
  }
}

/// `make demo`'s two weeks, through the binary: the first week published and recorded in a new
/// history, then the week after drafted with it.
@Suite("make demo: two sample weeks with a history")
struct DemoWeeksTests {
  private static let firstWeek = ["Samples/ipa261126.zip", "Samples/ipg261124.zip"]
  private static let secondWeek = ["Samples/ipa261203.zip", "Samples/ipg261201.zip"]

  private static func draft(_ run: BinaryRun) throws -> Draft {
    #expect(run.status == 0, "\(run.standardError)")
    #expect(try JSONSchemaCheck.problems(in: run.standardOutput, against: .draft) == [])
    return try JSONDecoder().decode(Draft.self, from: Data(run.standardOutput.utf8))
  }

  private static func featured(_ draft: Draft) -> [String] {
    (draft.lead.map { [$0] } ?? []).map(\.publicationNumber) + draft.sections.flatMap(\.items).map(\.publicationNumber)
  }

  @Test("the week after follows up two grants and does not feature the first week's filings again; a full column")
  func followUpAndNoRepeat() throws {
    let folder = try TestPaths.newTemporaryFolder("patent-digest-demo")
    defer { try? FileManager.default.removeItem(at: folder) }
    let database = folder.appendingPathComponent("history.sqlite").path
    let week1Run = try BinaryRunner.run(
      ["build", "-q", "--out", folder.appendingPathComponent("2026-11-22").path, "--history", database] + Self.firstWeek)
    #expect(week1Run.status == 0, "\(week1Run.standardError)")
    let week1 = try JSONDecoder().decode(
      Draft.self, from: Data(contentsOf: folder.appendingPathComponent("2026-11-22/draft.json")))

    let without = try Self.draft(try BinaryRunner.run(["build", "-q", "--format", "json"] + Self.secondWeek))
    let with = try Self.draft(
      try BinaryRunner.run(["build", "-q", "--format", "json", "--history", database] + Self.secondWeek))

    // Without the history, filings of applications the first week featured would be featured again.
    let week1Applications = Set(
      Self.featured(week1).compactMap { number in
        (week1.sections.flatMap(\.items) + [week1.lead].compactMap { $0 }).first { $0.publicationNumber == number }?
          .applicationNumber
      })
    let repeats = ["US20260381234A9", "US20260382345A9", "US12477031B2"]
    #expect(without.lead?.publicationNumber == "US20260381234A9")
    #expect(Set(repeats).isSubset(of: Self.featured(without)))
    #expect(without.followUps.isEmpty)

    // With it: none of them is featured; the grants are followed up, the applications listed as featured before.
    #expect(Set(Self.featured(with)).isDisjoint(with: repeats))
    #expect(
      with.sections.flatMap(\.items).allSatisfy { !week1Applications.contains($0.applicationNumber ?? "") },
      "an application the first week featured is featured again")
    #expect(
      with.followUps.map { [$0.company, $0.publicationNumber, $0.featuredPublicationNumber, $0.featuredWeek] } == [
        ["Amazon", "US12477031B2", "US20260381914A1", "2026-11-22"],
        ["Meta", "US12477188B2", "US20260382101A1", "2026-11-22"],
      ])
    let marked = with.restOfWeek.flatMap(\.entries).filter { $0.featuredWeek != nil }
    #expect(marked.map(\.publicationNumber).sorted() == ["US20260381234A9", "US20260382345A9"])
    #expect(marked.allSatisfy { $0.featuredWeek == "2026-11-22" })

    // A full column: every watched company has its two items.
    #expect(with.companiesWithoutItems.isEmpty)
    #expect(with.sections.map(\.company) == ["Alphabet", "Amazon", "Apple", "Meta", "Microsoft"])
    #expect(with.sections.allSatisfy { $0.items.count == 2 })
  }

  @Test("make demo-weeks: == lines on stderr, the week after's Markdown on stdout, the same on a second run")
  func makeTarget() throws {
    let folder = try TestPaths.newTemporaryFolder("patent-digest-demo")
    defer { try? FileManager.default.removeItem(at: folder) }
    let make = ["/usr/bin/make", "/bin/make"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/make"
    // The tests may run under `make test`: its flags and level are not the demo's.
    let arguments = [
      "--no-print-directory", "-s", "demo-weeks", "BINARY=\(BinaryRunner.binary.path)", "DEMO=\(folder.path)",
    ]
    let environment: [String: String?] = ["MAKEFLAGS": nil, "MAKELEVEL": nil, "MFLAGS": nil]
    let first = try BinaryRunner.run(arguments, executable: URL(fileURLWithPath: make), environment: environment)
    #expect(first.status == 0, "\(first.standardError)")
    let lines = first.standardError.split(separator: "\n")
    #expect(lines.count == 3 && lines.allSatisfy { $0.hasPrefix("== ") }, "\(first.standardError)")

    let database = folder.appendingPathComponent("history.sqlite").path
    let expected = try BinaryRunner.run(["build", "-q", "--history", database] + Self.secondWeek)
    #expect(first.standardOutput == expected.standardOutput)
    #expect(first.standardOutput.contains("## Granted this week"))
    #expect(first.standardOutput.components(separatedBy: "(featured in the week of November 22, 2026)").count == 3)
    #expect(
      FileManager.default.fileExists(atPath: folder.appendingPathComponent("2026-11-22/draft.md").path),
      "the first week is published")

    // From a fresh history each time: what was left there (here, not even a database) is not
    // read, and the same draft comes out again.
    try Data("left over from another run".utf8).write(to: URL(fileURLWithPath: database))
    let second = try BinaryRunner.run(arguments, executable: URL(fileURLWithPath: make), environment: environment)
    #expect(second.status == 0, "\(second.standardError)")
    #expect(second.standardOutput == first.standardOutput)
  }
}
