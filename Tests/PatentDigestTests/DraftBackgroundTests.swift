import Foundation
import PatentDigest
import PatentDigestTestSupport
import Testing

/// A history held in memory: what the job asks it, and the answers a test gives.
final class MemoryHistory: DraftHistory, @unchecked Sendable {
  private let lock = NSLock()
  let firstRecordedWeek: String?
  let weeks: [HistoryBackground.Week]
  let keyHistory: @Sendable (CompanyTopicKey) -> HistoryBackground.KeyHistory?
  private var requests: [HistoryBackgroundRequest] = []

  init(
    firstRecordedWeek: String?, weeks: [HistoryBackground.Week] = [],
    keyHistory: @escaping @Sendable (CompanyTopicKey) -> HistoryBackground.KeyHistory? = { _ in nil }
  ) {
    self.firstRecordedWeek = firstRecordedWeek
    self.weeks = weeks
    self.keyHistory = keyHistory
  }

  var asked: [HistoryBackgroundRequest] { lock.withLock { requests } }

  func earlierFeatures(applicationNumbers: [String], before week: String) throws -> [String: EarlierFeature] { [:] }

  func background(for request: HistoryBackgroundRequest) throws -> HistoryBackground {
    lock.withLock { requests.append(request) }
    var keys: [CompanyTopicKey: HistoryBackground.KeyHistory] = [:]
    for key in request.keys { keys[key] = keyHistory(key) ?? .init(earlierThisYear: 0, latestBefore: nil) }
    return HistoryBackground(firstRecordedWeek: firstRecordedWeek, weeks: weeks.filter { $0.week < request.week }, keys: keys)
  }
}

/// Context lines, trends and charts, drafted by the weekly job from an in-memory history: what
/// the history shows is written in editors' words, and nothing it does not show.
@Suite("The draft's background: context lines, trends, charts")
struct DraftBackgroundTests {
  /// Apple applications of the week of November 22, 2026 (published November 26), all about
  /// smart rings, numbered from 20260000101 in the order given.
  static func appleRings(_ count: Int) throws -> [FeedInput] {
    let titles = ["Smart ring sizing", "Smart ring with a rotating bezel", "Smart ring worn on the index finger"]
    let text = (0..<count).map { index in
      var document = ApplicationDocument()
      document.number = String(20_260_000_101 + index)
      document.assignee = "Apple Inc."
      document.title = titles[index % titles.count]
      document.abstract = "<p id=\"p-0001\" num=\"0000\">A smart ring worn on a finger responds to a tap.</p>"
      return document.text
    }.joined()
    return [.file(try FeedTestSupport.temporaryFile(text))]
  }

  /// The week's run with `history`, every filing of the week added to its section.
  static func run(_ inputs: [FeedInput], history: (any DraftHistory)?) throws -> WeeklyRun {
    var job = WeeklyJob(inputs, classifier: Classifier(watchList: .default), watchListSource: "test")
    let plain = try job.run()
    job.history = history
    var edits = DraftEdits()
    for number in plain.draft.restOfWeek.flatMap(\.entries).map(\.publicationNumber) {
      edits.items[number] = .init(added: true)
    }
    job.edits = edits
    return try job.run()
  }

  static func items(_ draft: Draft) -> [DraftItem] {
    draft.sections.flatMap(\.items).sorted { $0.publicationNumber < $1.publicationNumber }
  }

  static let latestRecent = HistoryBackground.LatestFiling(publicationNumber: "US20260111111A1", publicationDate: "2026-10-01")

  @Test("two filings of one key in a week are its second and third this year, counted by publication number")
  func ordinalsWithinTheWeek() throws {
    let history = MemoryHistory(firstRecordedWeek: "2025-12-28") { _ in .init(earlierThisYear: 1, latestBefore: Self.latestRecent)
    }
    let run = try Self.run(try Self.appleRings(2), history: history)
    let items = Self.items(run.draft)
    #expect(items.count == 2)
    let topic = try #require(items.first?.topics.first)
    #expect(items.allSatisfy { $0.topics.first == topic })
    #expect(
      items.map { $0.context.map(\.text) } == [
        ["Apple's second application in \(topic) this year"], ["Apple's third application in \(topic) this year"],
      ])
    let line = try #require(items.last?.context.first)
    #expect(line.query == .companyTopicYearCount)
    #expect(line.year == 2026 && line.earlierInHistory == 1 && line.earlierThisWeek == 1 && line.ordinal == 3)
    #expect(line.company == "Apple" && line.topic == topic && line.type == .application)
    #expect(line.firstRecordedWeek == "2025-12-28")

    // The job asked once, for the week's Sunday, the chart's eleven weeks and each key once.
    let request = try #require(history.asked.first)
    #expect(history.asked.count == 1)
    #expect(request.week == "2026-11-22" && request.weeksBefore == 11)
    #expect(
      request.keys
        == Set(items.flatMap { $0.topics.map { CompanyTopicKey(company: "Apple", topic: $0, type: .application) } }).sorted())

    // In every format and in the JSON, with the query and its figures.
    let renderer = DraftRenderer.builtIn()
    #expect(try renderer.render(run.draft, as: .markdown).contains("*Apple's third application in \(topic) this year.*"))
    #expect(try renderer.render(run.draft, as: .text).contains("\nApple's third application in \(topic) this year.\n"))
    #expect(try renderer.render(run.draft, as: .html).contains(">Apple&#39;s third application in \(topic) this year.</p>"))
    let json = DraftRenderer.json(run.draft)
    #expect(json.contains(#""query" : "companyTopicYearCount""#))
    #expect(json.contains(#""schemaVersion" : 2"#))
    #expect(try JSONDecoder().decode(Draft.self, from: Data(json.utf8)) == run.draft)
    #expect(try JSONSchemaCheck.problems(in: json, against: .draft) == [])
  }

  @Test("the first of a key in over a year says since when; the next one that week is the year's second")
  func firstSince() throws {
    let latest = HistoryBackground.LatestFiling(publicationNumber: "US20240123456A1", publicationDate: "2024-03-07")
    let history = MemoryHistory(firstRecordedWeek: "2023-01-01") { _ in .init(earlierThisYear: 0, latestBefore: latest) }
    let items = Self.items(try Self.run(try Self.appleRings(2), history: history).draft)
    let topic = try #require(items.first?.topics.first)
    #expect(
      items.map { $0.context.map(\.text) } == [
        ["Apple's first application in \(topic) since March 2024"], ["Apple's second application in \(topic) this year"],
      ])
    let line = try #require(items.first?.context.first)
    #expect(line.query == .companyTopicLatestBefore)
    #expect(line.latestBefore == latest)
    #expect(line.daysSinceLatest == 994)
    #expect(line.earlierThisWeek == 0 && line.ordinal == nil)
  }

  /// A history whose every key has `earlierThisYear` filings this year and `latest` before the week.
  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var firstRecordedWeek: String?
    var earlierThisYear: Int
    var latest: String?
    var expected: String?
    var testDescription: String { name }
  }

  @Test(
    "a line only when the history shows it and it is notable",
    arguments: [
      Case(name: "a gap under a year", firstRecordedWeek: "2020-01-05", earlierThisYear: 0, latest: "2026-01-02", expected: nil),
      Case(
        name: "a gap of over a year", firstRecordedWeek: "2020-01-05", earlierThisYear: 0, latest: "2025-11-20",
        expected: "first application in TOPIC since November 2025"),
      Case(
        name: "the previous one is where the history begins", firstRecordedWeek: "2025-11-16", earlierThisYear: 0,
        latest: "2025-11-20", expected: nil),
      Case(
        name: "none since a history of over a year", firstRecordedWeek: "2025-01-05", earlierThisYear: 0, latest: nil,
        expected: "first application in TOPIC since at least January 2025"),
      Case(
        name: "none in a history under a year", firstRecordedWeek: "2026-01-04", earlierThisYear: 0, latest: nil, expected: nil),
      Case(
        name: "the tenth this year", firstRecordedWeek: "2025-12-28", earlierThisYear: 9, latest: "2026-11-19",
        expected: "tenth application in TOPIC this year"),
      Case(
        name: "the eleventh this year", firstRecordedWeek: "2025-12-28", earlierThisYear: 10, latest: "2026-11-19", expected: nil),
      Case(
        name: "a history that begins after New Year cannot count the year", firstRecordedWeek: "2026-01-04", earlierThisYear: 3,
        latest: "2026-11-19", expected: nil),
      Case(name: "an empty history", firstRecordedWeek: nil, earlierThisYear: 0, latest: nil, expected: nil),
    ])
  func notability(_ example: Case) throws {
    let latest = example.latest.map { HistoryBackground.LatestFiling(publicationNumber: "US20250000001A1", publicationDate: $0) }
    let history = MemoryHistory(firstRecordedWeek: example.firstRecordedWeek) { _ in
      .init(earlierThisYear: example.earlierThisYear, latestBefore: latest)
    }
    let item = try #require(Self.items(try Self.run(try Self.appleRings(1), history: history).draft).first)
    let topic = try #require(item.topics.first)
    #expect(
      item.context.map(\.text) == example.expected.map { ["Apple's " + $0.replacingOccurrences(of: "TOPIC", with: topic)] } ?? [])
  }

  @Test("a routine key is not news: the fifth of the year in its eighth week gets no line")
  func routineKeyEarlyInTheYear() throws {
    // Published February 26, 2026, in the ninth week of the year: a fifth filing is more than
    // one every two weeks, a fourth is not.
    func line(earlier: Int) throws -> [String] {
      let history = MemoryHistory(firstRecordedWeek: "2025-12-28") { _ in .init(earlierThisYear: earlier, latestBefore: nil) }
      var document = ApplicationDocument()
      document.assignee = "Apple Inc."
      document.title = "Smart ring sizing"
      let text = document.text.replacingOccurrences(of: "20261126", with: "20260226")
      let item = try #require(
        Self.items(try Self.run([.file(try FeedTestSupport.temporaryFile(text))], history: history).draft).first)
      return item.context.map(\.text)
    }
    #expect(try line(earlier: 4).isEmpty)
    #expect(try line(earlier: 3).count == 1)
  }

  @Test("without a history there are no lines, trends or charts, and the draft is as before")
  func withoutHistory() throws {
    let run = try Self.run(try Self.appleRings(2), history: nil)
    #expect(Self.items(run.draft).allSatisfy { $0.context.isEmpty })
    #expect(
      (run.draft.byTheNumbers.perCompany + run.draft.byTheNumbers.perTopic).allSatisfy {
        $0.trend == nil && $0.recentWeeks == nil
      })
    let html = try DraftRenderer.builtIn().render(run.draft, as: .html)
    #expect(!html.contains("<svg"))
    #expect(!html.contains("four-week average"))
  }

  // MARK: Trends and charts

  /// Week `n` weeks before the week of November 22, 2026.
  static func sunday(_ weeksBefore: Int) -> String {
    PublishingWeek(containing: "2026-11-22")!.adding(weeks: -weeksBefore).sunday
  }

  static func week(_ weeksBefore: Int, apple: Int, topic: String, topicCount: Int, documents: Int = 4) -> HistoryBackground.Week {
    HistoryBackground.Week(
      week: sunday(weeksBefore), documents: documents, perCompany: apple == 0 ? [:] : ["Apple": apple],
      perTopic: [topic: topicCount])
  }

  @Test("By the numbers: this week against the average of the four before, in every format")
  func trends() throws {
    let inputs = try Self.appleRings(3)
    let topic = try #require(Self.items(try Self.run(inputs, history: nil).draft).first?.topics.first)
    // Apple: 1, 0 (held, none), 4, 3 before this week's 3: average 2, up. The topic: 6, 6, 2, 2,
    // average 4 against 3, down.
    let weeks = [
      Self.week(4, apple: 1, topic: topic, topicCount: 6), Self.week(3, apple: 0, topic: topic, topicCount: 6),
      Self.week(2, apple: 4, topic: topic, topicCount: 2), Self.week(1, apple: 3, topic: topic, topicCount: 2),
    ]
    let draft = try Self.run(inputs, history: MemoryHistory(firstRecordedWeek: Self.sunday(4), weeks: weeks)).draft
    let apple = try #require(draft.byTheNumbers.perCompany.first { $0.name == "Apple" })
    #expect(apple.count == 3)
    #expect(apple.trend?.previousCounts == [1, 0, 4, 3])
    #expect(apple.trend?.previousWeeks == (1...4).reversed().map(Self.sunday))
    #expect(apple.trend?.average == 2 && apple.trend?.direction == .up)
    let amazon = try #require(draft.byTheNumbers.perCompany.first { $0.name == "Amazon" })
    #expect(amazon.trend?.previousCounts == [0, 0, 0, 0] && amazon.trend?.direction == .same)
    let topicCount = try #require(draft.byTheNumbers.perTopic.first { $0.name == topic })
    #expect(topicCount.trend?.average == 4 && topicCount.trend?.direction == .down)

    let renderer = DraftRenderer.builtIn()
    #expect(try renderer.render(draft, as: .markdown).contains("- Apple: 3, up from a four-week average of 2"))
    #expect(
      try renderer.render(draft, as: .text).contains(
        "\nAmazon: 0, the same as its four-week average · last 12 weeks ·······▁▁▁▁▁\n"))
    #expect(try renderer.render(draft, as: .html).contains("Apple: 3, up from a four-week average of 2"))
    #expect(try renderer.render(draft, as: .markdown).contains("\(topic) (3, down from a four-week average of 4)"))
    #expect(DraftRenderer.json(draft).contains(#""direction" : "up""#))
    #expect(try JSONSchemaCheck.problems(in: DraftRenderer.json(draft), against: .draft) == [])

    // Three of the four weeks held: no trend, never a zero for the missing one.
    let threeWeeks = try Self.run(
      inputs, history: MemoryHistory(firstRecordedWeek: Self.sunday(4), weeks: Array(weeks.dropFirst())))
    #expect(threeWeeks.draft.byTheNumbers.perCompany.allSatisfy { $0.trend == nil })
    #expect(threeWeeks.draft.byTheNumbers.perTopic.allSatisfy { $0.trend == nil })
    #expect(try !renderer.render(threeWeeks.draft, as: .markdown).contains("four-week average"))

    // A week with under half the documents the four weeks averaged is partial: no trends.
    let fuller = weeks.map { week -> HistoryBackground.Week in
      var week = week
      week.documents = 7
      return week
    }
    let partial = try Self.run(inputs, history: MemoryHistory(firstRecordedWeek: Self.sunday(4), weeks: fuller))
    #expect(partial.draft.byTheNumbers.perCompany.allSatisfy { $0.trend == nil })
  }

  @Test("the chart: eleven weeks from the history and this one, a week not held a gap and not a zero")
  func chart() throws {
    let inputs = try Self.appleRings(3)
    // Held: 11, 10, 8 (none), 6 to 1 weeks before; 9 and 7 are not.
    let counts = [11: 2, 10: 1, 8: 0, 6: 6, 5: 1, 4: 2, 3: 3, 2: 1, 1: 2]
    let weeks = counts.keys.sorted(by: >).map { Self.week($0, apple: counts[$0]!, topic: "wearables", topicCount: 1) }
    let draft = try Self.run(inputs, history: MemoryHistory(firstRecordedWeek: Self.sunday(11), weeks: weeks)).draft
    let apple = try #require(draft.byTheNumbers.perCompany.first { $0.name == "Apple" })
    let recent = try #require(apple.recentWeeks)
    #expect(recent.map(\.week) == (0...11).reversed().map(Self.sunday))
    #expect(recent.map(\.count) == [2, 1, nil, 0, nil, 6, 1, 2, 3, 1, 2, 3])
    #expect(try JSONSchemaCheck.problems(in: DraftRenderer.json(draft), against: .draft) == [])

    let html = try DraftRenderer.builtIn().render(draft, as: .html)
    let svg = try #require(
      html.range(of: #"<svg width="120" height="24"[^<]*aria-label="Apple,[^\n]*?</svg>"#, options: .regularExpression).map {
        String(html[$0])
      })
    #expect(
      svg.contains(
        #"role="img" aria-label="Apple, filings per week over the last 12 weeks, oldest first: 2, 1, not recorded, 0, not recorded, 6, 1, 2, 3, 1, 2, 3 (this week)""#
      ))
    #expect(svg.contains("<title>Apple, filings per week"))
    #expect(svg.components(separatedBy: "<rect ").count - 1 == 10)
    // The zero week is a one-pixel bar at the baseline; the tallest (6) fills the height.
    #expect(svg.contains(#"<rect x="30" y="23" width="7" height="1""#))
    #expect(svg.contains(#"<rect x="50" y="0" width="7" height="24""#))
    #expect(!svg.contains(#"x="20""#) && !svg.contains(#"x="40""#))
    for forbidden in ["<script", "href", "<image", "<use", "<foreignObject", "url("] {
      #expect(!svg.contains(forbidden), "\(forbidden)")
    }
    let markdown = try DraftRenderer.builtIn().render(draft, as: .markdown)
    #expect(markdown.contains("- Apple: 3, up from a four-week average of 2 · last 12 weeks ▄▃·▁·█▃▄▅▃▄▅"))
    #expect(
      try DraftRenderer.builtIn().render(draft, as: .text).contains(
        "Apple: 3, up from a four-week average of 2 · last 12 weeks ▄▃·▁·█▃▄▅▃▄▅"))

    // A history that holds none of the eleven weeks: no chart.
    let none = try Self.run(inputs, history: MemoryHistory(firstRecordedWeek: Self.sunday(30), weeks: [])).draft
    #expect(none.byTheNumbers.perCompany.allSatisfy { $0.recentWeeks == nil })
    #expect(try !DraftRenderer.builtIn().render(none, as: .html).contains("<svg"))
  }
}
