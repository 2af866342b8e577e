import Foundation
import PatentDigestTestSupport
import Testing

/// The draft with a history, through the binary: what a published week records as featured,
/// and what a later week does with it (no repeats, follow-ups), against the same week without a
/// history.
///
/// Week 1 is the sample application file (the week of November 22, 2026). Week 2 (the week of
/// November 29) is made from the samples: the grant file a week later, with one watched grant's
/// application number set to an application week 1 featured, and week 1's lead published again
/// under a new number.
@Suite("History: no repeats and follow-ups in the draft, through the binary")
struct HistoryDraftTests {
  /// A filing as draft.json lists it.
  private struct Filing: Hashable {
    var company: String
    var publicationNumber: String
    var applicationNumber: String?
  }

  private struct Weeks {
    var folder: URL
    var database: String
    var firstWeek: [String]
    var secondWeek: [String]
    /// Week 1's feature that the week-2 grant follows up, and that grant's number.
    var followedUp: Filing
    var grantNumber: String
    /// Week 1's lead, and the number it is published again under in week 2.
    var repeated: Filing
    var republishedNumber: String
  }

  /// A draft's JSON, checked against the published schema first.
  private static func json(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
    #expect(try JSONSchemaCheck.problems(in: text, against: .draft) == [], sourceLocation: sourceLocation)
    return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  private static func json(file path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
    try json(String(contentsOfFile: path, encoding: .utf8), sourceLocation: sourceLocation)
  }

  /// The lead and the section items of a draft.json.
  private static func featured(in draft: [String: Any]) -> [Filing] {
    let lead = (draft["lead"] as? [String: Any]).map { [$0] } ?? []
    let items = (draft["sections"] as? [[String: Any]] ?? []).flatMap { $0["items"] as? [[String: Any]] ?? [] }
    return (lead + items).map {
      Filing(
        company: $0["company"] as? String ?? "", publicationNumber: $0["publicationNumber"] as? String ?? "",
        applicationNumber: $0["applicationNumber"] as? String)
    }
  }

  /// The rest-of-week entries of a draft.json, by publication number.
  private static func restOfWeek(in draft: [String: Any]) -> [String: (company: String, featuredWeek: String?)] {
    var entries: [String: (company: String, featuredWeek: String?)] = [:]
    for group in draft["restOfWeek"] as? [[String: Any]] ?? [] {
      for entry in group["entries"] as? [[String: Any]] ?? [] {
        entries[entry["publicationNumber"] as? String ?? ""] = (
          group["company"] as? String ?? "", entry["featuredWeek"] as? String
        )
      }
    }
    return entries
  }

  /// The document of `documents` whose publication is `publicationNumber` ("US12470123B2").
  private static func document(_ publicationNumber: String, in documents: [String]) throws -> Int {
    try #require(
      documents.firstIndex { document in
        guard
          let number = firstMatch(
            #"<publication-reference>\s*<document-id>\s*<country>(\w+)</country>\s*<doc-number>(\w+)</doc-number>\s*<kind>(\w+)</kind>"#,
            in: document)
        else { return false }
        return number.joined() == publicationNumber
      }, "no document \(publicationNumber) in the sample")
  }

  private static func firstMatch(_ pattern: String, in text: String) -> [String]? {
    guard let expression = try? NSRegularExpression(pattern: pattern),
      let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
    else { return nil }
    return (1..<match.numberOfRanges).compactMap { Range(match.range(at: $0), in: text).map { String(text[$0]) } }
  }

  /// Replaces the first `<doc-number>` inside `element` (`application-reference` or
  /// `publication-reference`) of `document`.
  private static func settingNumber(_ number: String, of element: String, in document: String) throws -> String {
    let start = try #require(document.range(of: "<\(element)"))
    let open = try #require(document.range(of: "<doc-number>", range: start.upperBound..<document.endIndex))
    let close = try #require(document.range(of: "</doc-number>", range: open.upperBound..<document.endIndex))
    return document.replacingCharacters(in: open.upperBound..<close.lowerBound, with: number)
  }

  /// Publishes week 1 with the history, then makes week 2's feeds from what it featured.
  private func twoWeeks() throws -> Weeks {
    let folder = try TestPaths.newTemporaryFolder("history-draft")
    let database = folder.appendingPathComponent("history.sqlite").path
    let firstWeek = [TestPaths.sample("ipa261126.zip")]
    let published = try BinaryRunner.run(
      ["build", "--out", folder.appendingPathComponent("week1").path, "--history", database] + firstWeek)
    #expect(published.status == 0, "\(published.standardError)")
    let week1 = try Self.json(file: folder.appendingPathComponent("week1/draft.json").path)
    let featured = Self.featured(in: week1)
    let lead = try #require(featured.first)

    // The grants a week later; which watched company each is, from their draft without history.
    var grants = try HistoryTestSupport.sampleDocuments("ipg261124.xml").map {
      $0.replacingOccurrences(of: "20261124", with: "20261201")
    }
    let grantFeed = try HistoryTestSupport.writeFeed(grants.joined(), named: "ipg261201.zip", in: folder)
    let plain = try BinaryRunner.run(["build", "-q", "--format", "json", grantFeed])
    #expect(plain.status == 0, "\(plain.standardError)")
    let plainDraft = try Self.json(plain.standardOutput)
    let watchedGrants =
      Self.featured(in: plainDraft)
      + Self.restOfWeek(in: plainDraft).map { Filing(company: $0.value.company, publicationNumber: $0.key) }
    // A grant of a company week 1 featured, following up that company's feature (any other
    // watched grant and feature when no company has both).
    let sameCompany = watchedGrants.lazy.compactMap { grant in
      featured.first { $0.company == grant.company && $0 != lead }.map { (grant, $0) }
    }.first
    let grant = try sameCompany?.0 ?? #require(watchedGrants.first)
    let followedUp = try sameCompany?.1 ?? #require(featured.last { $0 != lead })
    let grantIndex = try Self.document(grant.publicationNumber, in: grants)
    grants[grantIndex] = try Self.settingNumber(
      try #require(followedUp.applicationNumber), of: "application-reference", in: grants[grantIndex])
    try HistoryTestSupport.writeFeed(grants.joined(), named: "ipg261201.zip", in: folder)

    // Week 1's lead published again a week later, under a new number.
    let applications = try HistoryTestSupport.sampleDocuments("ipa261126.xml")
    let republished = try Self.settingNumber(
      "20260399999", of: "publication-reference",
      in: applications[try Self.document(lead.publicationNumber, in: applications)]
    ).replacingOccurrences(of: "20261126", with: "20261203")
    let applicationFeed = try HistoryTestSupport.writeFeed(republished, named: "ipa261203.zip", in: folder)
    return Weeks(
      folder: folder, database: database, firstWeek: firstWeek, secondWeek: [grantFeed, applicationFeed],
      followedUp: followedUp, grantNumber: grant.publicationNumber, repeated: lead, republishedNumber: "US20260399999A1")
  }

  @Test("build --out --history records the lead and every section item of the published draft")
  func publishingRecordsFeatured() throws {
    let weeks = try twoWeeks()
    let week1 = try Self.json(file: weeks.folder.appendingPathComponent("week1/draft.json").path)
    let expected = Set(Self.featured(in: week1).map { "\($0.applicationNumber ?? "-")|\($0.publicationNumber)|\($0.company)" })
    #expect(expected.count >= 3)
    #expect(!expected.contains { $0.hasPrefix("-|") }, "every featured sample filing has an application number")
    let recorded = try #require(
      try HistoryTestSupport.value(
        "SELECT group_concat(applicationNumber || '|' || publicationNumber || '|' || company, ',') FROM featured WHERE week = '2026-11-22'",
        in: weeks.database) as String?)
    #expect(Set(recorded.split(separator: ",").map(String.init)) == expected)
    #expect(try HistoryTestSupport.value("SELECT count(DISTINCT week) FROM featured", in: weeks.database) == 1)

    // Publishing the same week again changes nothing in the history.
    let before = try HistoryTestSupport.dump(weeks.database)
    let again = try BinaryRunner.run(
      ["build", "-q", "--out", weeks.folder.appendingPathComponent("week1").path, "--history", weeks.database] + weeks.firstWeek)
    #expect(again.status == 0, "\(again.standardError)")
    #expect(try HistoryTestSupport.dump(weeks.database) == before)
    #expect(
      try Self.json(file: weeks.folder.appendingPathComponent("week1/draft.json").path) as NSDictionary == week1 as NSDictionary)
  }

  @Test("a later week does not feature an application again, and follows up its grant in every format")
  func laterWeekNoRepeatAndFollowUp() throws {
    let weeks = try twoWeeks()
    let out = weeks.folder.appendingPathComponent("week2").path
    let run = try BinaryRunner.run(["build", "--out", out, "--history", weeks.database] + weeks.secondWeek)
    #expect(run.status == 0, "\(run.standardError)")
    let draft = try Self.json(file: out + "/draft.json")
    #expect(draft["schemaVersion"] as? Int == 2)
    let featured = Self.featured(in: draft)
    #expect(!featured.isEmpty)
    #expect(!featured.contains { $0.publicationNumber == weeks.grantNumber || $0.publicationNumber == weeks.republishedNumber })

    // The application published again: in the rest of the week, marked with week 1.
    let rest = Self.restOfWeek(in: draft)
    #expect(rest[weeks.republishedNumber]?.featuredWeek == "2026-11-22")
    #expect(rest.values.filter { $0.featuredWeek != nil }.count == 1)
    // The grant: a follow-up, and nowhere else.
    #expect(rest[weeks.grantNumber] == nil)
    let followUps = try #require(draft["followUps"] as? [[String: Any]])
    #expect(followUps.count == 1)
    let followUp = try #require(followUps.first)
    #expect(followUp["publicationNumber"] as? String == weeks.grantNumber)
    #expect(followUp["publicationDate"] as? String == "2026-12-01")
    #expect(followUp["applicationNumber"] as? String == weeks.followedUp.applicationNumber)
    #expect(followUp["featuredWeek"] as? String == "2026-11-22")
    #expect(followUp["featuredPublicationNumber"] as? String == weeks.followedUp.publicationNumber)
    #expect((followUp["featuredLink"] as? String)?.hasPrefix("https://patents.google.com/patent/US") == true)
    #expect((followUp["link"] as? String)?.hasPrefix("https://patents.google.com/patent/US") == true)

    let markdown = try String(contentsOfFile: out + "/draft.md", encoding: .utf8)
    #expect(markdown.contains("## Granted this week"))
    #expect(markdown.contains("granted December 1, 2026; the column featured it as ["))
    #expect(markdown.contains(" in the week of November 22, 2026."))
    #expect(markdown.contains("*(featured in the week of November 22, 2026)*"))
    for (file, heading) in [("draft.txt", "== Granted this week =="), ("draft.html", ">Granted this week</h2>")] {
      let text = try String(contentsOfFile: "\(out)/\(file)", encoding: .utf8)
      #expect(text.contains(heading), "\(file)")
      #expect(text.contains("in the week of November 22, 2026"), "\(file)")
      #expect(text.contains("(featured in the week of November 22, 2026)"), "\(file)")
    }

    // Week 2's own features are recorded under its week; week 1's stay.
    #expect(
      try HistoryTestSupport.value("SELECT group_concat(DISTINCT week) FROM featured", in: weeks.database)
        == "2026-11-22,2026-11-29")
    #expect(
      try HistoryTestSupport.value("SELECT count(*) FROM featured WHERE week = '2026-11-29'", in: weeks.database)
        == Set(featured.compactMap(\.applicationNumber)).count)

    // Drafting week 2 again leaves its picks as they were: its own features do not count.
    let again = try BinaryRunner.run(["build", "-q", "--format", "json", "--history", weeks.database] + weeks.secondWeek)
    #expect(again.status == 0, "\(again.standardError)")
    #expect(again.standardOutput == (try String(contentsOfFile: out + "/draft.json", encoding: .utf8)))
  }

  @Test("without a history, the same week features the grant and the application as before")
  func withoutHistoryNothingChanges() throws {
    let weeks = try twoWeeks()
    let run = try BinaryRunner.run(["build", "-q", "--format", "json"] + weeks.secondWeek)
    #expect(run.status == 0, "\(run.standardError)")
    let draft = try Self.json(run.standardOutput)
    #expect((draft["followUps"] as? [Any])?.isEmpty == true)
    let rest = Self.restOfWeek(in: draft)
    #expect(rest.values.allSatisfy { $0.featuredWeek == nil })
    let listed = Set(Self.featured(in: draft).map(\.publicationNumber)).union(rest.keys)
    #expect(listed.contains(weeks.grantNumber))
    #expect(listed.contains(weeks.republishedNumber))
    let markdown = try BinaryRunner.run(["build", "-q"] + weeks.secondWeek)
    #expect(!markdown.standardOutput.contains("Granted this week"))
    #expect(!markdown.standardOutput.contains("featured in the week of"))
  }

  @Test("a draft to stdout reads the history and never writes it; a history not there yet is no history")
  func stdoutOnlyReads() throws {
    let weeks = try twoWeeks()
    let bytes = try #require(HistoryTestSupport.bytes(weeks.database))
    let log = HistoryTestSupport.bytes(weeks.database + "-wal")
    let run = try BinaryRunner.run(["build", "--history", weeks.database] + weeks.secondWeek)
    #expect(run.status == 0, "\(run.standardError)")
    #expect(run.standardOutput.contains("## Granted this week"))
    #expect(HistoryTestSupport.bytes(weeks.database) == bytes)
    #expect(HistoryTestSupport.bytes(weeks.database + "-wal") ?? Data() == log ?? Data())
    #expect(try HistoryTestSupport.value("SELECT count(DISTINCT week) FROM featured", in: weeks.database) == 1)

    let missing = weeks.folder.appendingPathComponent("none.sqlite").path
    let withoutFile = try BinaryRunner.run(["build", "--history", missing] + weeks.secondWeek)
    #expect(withoutFile.status == 0, "\(withoutFile.standardError)")
    #expect(withoutFile.standardError.contains("none.sqlite: no history yet; the draft does not use one"))
    #expect(withoutFile.standardOutput == (try BinaryRunner.run(["build", "-q"] + weeks.secondWeek)).standardOutput)
    #expect(!FileManager.default.fileExists(atPath: missing))
  }

  @Test("a draft to stdout with a history that is not one stops with exit code 2")
  func stdoutRefusesABadHistory() throws {
    let folder = try TestPaths.newTemporaryFolder("history-draft")
    let database = folder.appendingPathComponent("history.sqlite").path
    try Data("not a database".utf8).write(to: URL(fileURLWithPath: database))
    let run = try BinaryRunner.run(["build", "-q", "--history", database, TestPaths.sample("ipa261126.zip")])
    #expect(run.status == 2)
    #expect(run.standardError.contains("not a history database"))
    #expect(run.standardOutput.isEmpty)
    #expect(HistoryTestSupport.bytes(database) == Data("not a database".utf8))
  }
}
