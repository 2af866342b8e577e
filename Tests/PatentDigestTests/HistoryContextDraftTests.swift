import Foundation
import PatentDigestTestSupport
import Testing

/// Context lines, trends and charts through the binary: past weeks recorded with
/// `history import`, then the week of November 22, 2026 published with `build --out --history`,
/// and what every format and the JSON say.
///
/// The weeks, all application files:
/// - January 2, 2025: a filing of no watched company (the history begins in the week of
///   December 29, 2024);
/// - March 6, 2025: an Amazon delivery-drone application;
/// - October 29 to November 19, 2026 (the four weeks before): an Apple smart-ring application
///   each;
/// - November 26, 2026 (the week drafted): two Apple smart-ring applications and an Amazon
///   delivery-drone one.
@Suite("History: context lines, trends and charts in the draft, through the binary")
struct HistoryContextDraftTests {

  /// An application of `assignee` published on `date` (YYYYMMDD).
  static func application(_ number: Int, _ assignee: String, _ title: String, _ abstract: String, date: String) -> String {
    var document = ApplicationDocument()
    document.number = String(number)
    document.assignee = assignee
    document.title = title
    document.abstract = "<p id=\"p-0001\" num=\"0000\">\(abstract)</p>"
    return document.text.replacingOccurrences(of: "20261126", with: date)
  }

  static func ring(_ number: Int, date: String) -> String {
    application(number, "Apple Inc.", "Smart ring sizing", "A smart ring worn on a finger responds to a tap.", date: date)
  }

  static func drone(_ number: Int, date: String) -> String {
    application(
      number, "Amazon Technologies, Inc.", "Delivery drone with a parcel winch", "A drone lowers a parcel on a line.", date: date)
  }

  struct Published {
    var folder: URL
    var database: String
    var week: String
    var draft: [String: Any]
  }

  /// Records the past weeks, then publishes the week.
  func publish() throws -> Published {
    let folder = try TestPaths.newTemporaryFolder("history-context")
    let database = folder.appendingPathComponent("history.sqlite").path
    var past: [String] = []
    past.append(
      try HistoryTestSupport.writeFeed(
        Self.application(
          20_250_000_001, "Example Devices Inc.", "Folding display hinge", "A hinge lets a display fold.", date: "20250102"),
        named: "ipa250102.zip", in: folder))
    past.append(
      try HistoryTestSupport.writeFeed(Self.drone(20_250_100_001, date: "20250306"), named: "ipa250306.zip", in: folder))
    for (index, day) in ["20261029", "20261105", "20261112", "20261119"].enumerated() {
      past.append(
        try HistoryTestSupport.writeFeed(
          Self.ring(20_260_200_001 + index, date: day), named: "ipa\(day.dropFirst(2)).zip", in: folder))
    }
    let imported = try BinaryRunner.run(["history", "import", "-q", "--history", database] + past)
    #expect(imported.status == 0, "\(imported.standardError)")

    let week = try HistoryTestSupport.writeFeed(
      [
        Self.ring(20_260_300_001, date: "20261126"), Self.ring(20_260_300_002, date: "20261126"),
        Self.drone(20_260_300_003, date: "20261126"),
      ]
      .joined(), named: "ipa261126.zip", in: folder)
    let out = folder.appendingPathComponent("drafts").path
    let run = try BinaryRunner.run(["build", "-q", "--out", out, "--history", database, week])
    #expect(run.status == 0, "\(run.standardError)")
    let draft = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/draft.json"))) as? [String: Any])
    #expect(try JSONSchemaCheck.problems(inFile: out + "/draft.json", against: .draft) == [])
    #expect(try JSONSchemaCheck.problems(inFile: out + "/report.json", against: .report) == [])
    return Published(folder: folder, database: database, week: week, draft: draft)
  }

  static func items(_ draft: [String: Any]) -> [[String: Any]] {
    (draft["sections"] as? [[String: Any]] ?? []).flatMap { $0["items"] as? [[String: Any]] ?? [] }
  }

  static func file(_ published: Published, _ name: String) throws -> String {
    try String(contentsOfFile: published.folder.appendingPathComponent("drafts/\(name)").path, encoding: .utf8)
  }

  @Test("items say what the history shows: the year's fifth and sixth, the first since March 2025, in every format")
  func contextLines() throws {
    let published = try publish()
    #expect(published.draft["schemaVersion"] as? Int == 2)
    let items = Self.items(published.draft)
    var lines: [String: [String: Any]] = [:]
    for item in items {
      let context = try #require(item["context"] as? [[String: Any]])
      #expect(context.count == 1, "\(item["publicationNumber"] ?? "")")
      lines[item["publicationNumber"] as? String ?? ""] = context.first
    }

    let drone = try #require(lines["US20260300003A1"])
    #expect(drone["text"] as? String == "Amazon's first application in drones and robotics since March 2025")
    #expect(drone["query"] as? String == "companyTopicLatestBefore")
    #expect((drone["latestBefore"] as? [String: Any])?["publicationNumber"] as? String == "US20250100001A1")
    #expect((drone["latestBefore"] as? [String: Any])?["publicationDate"] as? String == "2025-03-06")
    #expect(drone["daysSinceLatest"] as? Int == 630)
    #expect(drone["firstRecordedWeek"] as? String == "2024-12-29")

    // Four in the weeks before, then this week's two by publication number. The draft may pick
    // one or both.
    let ringItems = items.filter { $0["company"] as? String == "Apple" }
    #expect(!ringItems.isEmpty)
    for item in ringItems {
      let number = try #require(item["publicationNumber"] as? String)
      let topic = try #require((item["topics"] as? [String])?.first)
      let line = try #require(lines[number])
      let (word, ordinal, earlierThisWeek) = number == "US20260300001A1" ? ("fifth", 5, 0) : ("sixth", 6, 1)
      #expect(line["text"] as? String == "Apple's \(word) application in \(topic) this year")
      #expect(line["query"] as? String == "companyTopicYearCount")
      #expect(line["year"] as? Int == 2026 && line["earlierInHistory"] as? Int == 4)
      #expect(line["earlierThisWeek"] as? Int == earlierThisWeek && line["ordinal"] as? Int == ordinal)
      for (file, written) in [
        ("draft.md", "*Apple's \(word) application in \(topic) this year.*"),
        ("draft.txt", "\nApple's \(word) application in \(topic) this year.\n"),
        ("draft.html", ">Apple&#39;s \(word) application in \(topic) this year.</p>"),
      ] {
        #expect(try Self.file(published, file).contains(written), "\(file)")
      }
    }
    for file in ["draft.md", "draft.txt"] {
      #expect(try Self.file(published, file).contains("Amazon's first application in drones and robotics since March 2025."))
    }
    #expect(
      try Self.file(published, "draft.html").contains("Amazon&#39;s first application in drones and robotics since March 2025."))

    // Drafting the week again, to stdout, reads the same background: the week's own record does
    // not count for itself.
    let again = try BinaryRunner.run(["build", "-q", "--format", "json", "--history", published.database, published.week])
    #expect(again.status == 0, "\(again.standardError)")
    #expect(again.standardOutput == (try Self.file(published, "draft.json")))

    // Without the history, none of it.
    let plain = try BinaryRunner.run(["build", "-q", "--format", "json", published.week])
    #expect(!plain.standardOutput.contains("companyTopic"))
    #expect(!plain.standardOutput.contains("\"trend\""))
  }

  @Test("By the numbers: four-week trends and twelve-week charts, gaps for the weeks not recorded")
  func trendsAndCharts() throws {
    let published = try publish()
    let numbers = try #require(published.draft["byTheNumbers"] as? [String: Any])
    let perCompany = try #require(numbers["perCompany"] as? [[String: Any]])
    let apple = try #require(perCompany.first { $0["name"] as? String == "Apple" })
    let trend = try #require(apple["trend"] as? [String: Any])
    #expect(trend["previousCounts"] as? [Int] == [1, 1, 1, 1])
    #expect(trend["previousWeeks"] as? [String] == ["2026-10-25", "2026-11-01", "2026-11-08", "2026-11-15"])
    #expect(trend["average"] as? Double == 1 && trend["direction"] as? String == "up")
    let recent = try #require(apple["recentWeeks"] as? [[String: Any]])
    #expect(recent.count == 12)
    #expect(recent.first?["week"] as? String == "2026-09-06" && recent.last?["week"] as? String == "2026-11-22")
    #expect(recent.map { $0["count"] as? Int } == Array(repeating: nil, count: 7) + [1, 1, 1, 1, 2])
    let amazon = try #require(perCompany.first { $0["name"] as? String == "Amazon" })
    #expect((amazon["trend"] as? [String: Any])?["previousCounts"] as? [Int] == [0, 0, 0, 0])

    let markdown = try Self.file(published, "draft.md")
    #expect(markdown.contains("- Apple: 2, up from a four-week average of 1 · last 12 weeks ·······▅▅▅▅█\n"))
    #expect(markdown.contains("- Amazon: 1, up from a four-week average of 0 · last 12 weeks ·······▁▁▁▁█\n"))
    #expect(markdown.contains("*Last 12 weeks: a block per week, oldest first, this week last; · is a week not on record.*"))
    let text = try Self.file(published, "draft.txt")
    #expect(text.contains("\nApple: 2, up from a four-week average of 1 · last 12 weeks ·······▅▅▅▅█\n"))
    let html = try Self.file(published, "draft.html")
    #expect(html.contains("Apple: 2, up from a four-week average of 1 <svg width=\"120\" height=\"24\" viewBox=\"0 0 120 24\""))
    #expect(
      html.contains(
        "<title>Apple, filings per week over the last 12 weeks, oldest first: not recorded, not recorded, not recorded, not recorded, not recorded, not recorded, not recorded, 1, 1, 1, 1, 2 (this week)</title>"
      ))
    // Five bars for Apple (four weeks and this one), none for the weeks not recorded.
    let appleSVG = try #require(html.range(of: #"<svg [^>]*aria-label="Apple,.*?</svg>"#, options: .regularExpression))
    #expect(html[appleSVG].components(separatedBy: "<rect ").count - 1 == 5)
    #expect(html[appleSVG].contains(##"<rect x="110" y="0" width="7" height="24" fill="#0b57d0"></rect>"##))
    #expect(html[appleSVG].contains(##"<rect x="70" y="12" width="7" height="12" fill="#9aa8b8"></rect>"##))
    for forbidden in ["<script", "href=", "xlink", "<image", "<use", "url("] {
      #expect(!html[appleSVG].contains(forbidden))
    }
  }
}
