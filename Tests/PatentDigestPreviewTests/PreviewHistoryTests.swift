import Foundation
import PatentDigest
import PatentDigestPreview
import PatentDigestTestSupport
import Testing

/// The preview with a history's answer: the same picks as the weekly job makes with it, kept
/// when the watch list changes and the week is read again.
/// A history whose every key had one filing earlier in the year, recorded since before it began,
/// and which holds the four weeks before the sample week, each with one filing per company.
private struct OneEarlierEach: DraftHistory {
  func earlierFeatures(applicationNumbers: [String], before week: String) throws -> [String: EarlierFeature] { [:] }

  func background(for request: HistoryBackgroundRequest) throws -> HistoryBackground {
    let sunday = PublishingWeek(containing: request.week)!
    let weeks = (1...4).reversed().map { back in
      HistoryBackground.Week(
        week: sunday.adding(weeks: -back).sunday, documents: 40,
        perCompany: Dictionary(request.keys.map { ($0.company, 1) }, uniquingKeysWith: { first, _ in first }), perTopic: [:])
    }
    let keys = Dictionary(
      uniqueKeysWithValues: request.keys.map { ($0, HistoryBackground.KeyHistory(earlierThisYear: 1, latestBefore: nil)) })
    return HistoryBackground(firstRecordedWeek: "2025-12-28", weeks: weeks, keys: keys)
  }
}

/// A history that knows only what earlier weeks featured (its background holds nothing).
private struct FeaturesOnly: DraftHistory {
  let features: @Sendable ([String], String) -> [String: EarlierFeature]

  init(_ features: @escaping @Sendable ([String], String) -> [String: EarlierFeature]) { self.features = features }

  func earlierFeatures(applicationNumbers: [String], before week: String) throws -> [String: EarlierFeature] {
    features(applicationNumbers, week)
  }

  func background(for request: HistoryBackgroundRequest) throws -> HistoryBackground {
    HistoryBackground(firstRecordedWeek: nil, weeks: [], keys: [:])
  }
}

@Suite("Preview with a history")
struct PreviewHistoryTests {
  @Test("the preview shows the context lines and the charts, and keeps them when an edit redraws the draft")
  func backgroundSurvivesEdits() async throws {
    let folder = try TestPaths.newTemporaryFolder("preview-history")
    let session = try PreviewSession(
      options: .init(
        inputs: Self.samples, watchListPath: nil, templatesFolder: nil,
        editsPath: folder.appendingPathComponent("edits.yaml").path, history: { _ in OneEarlierEach() }))
    let before = await session.currentDraft()
    let lines = before.sections.flatMap(\.items).flatMap(\.context)
    #expect(!lines.isEmpty)
    #expect(lines.allSatisfy { $0.query == .companyTopicYearCount && $0.text.hasSuffix(" this year") })
    #expect(before.byTheNumbers.perCompany.allSatisfy { $0.trend != nil && $0.recentWeeks?.count == 12 })

    _ = try await session.apply(EditChange(action: .text, field: "headline", value: "A headline of our own"))
    let after = await session.currentDraft()
    #expect(after.headline == "A headline of our own")
    #expect(after.sections.flatMap(\.items).flatMap(\.context) == lines)
    #expect(after.byTheNumbers == before.byTheNumbers)
    let html = await session.rendered(.html)
    #expect(html.contains("<svg width=\"120\" height=\"24\""))
    #expect(html.contains(lines[0].text.replacingOccurrences(of: "'", with: "&#39;")))
  }

  private static let samples = ["ipa261126.xml", "ipg261124.xml"].map {
    FeedInput.file(TestPaths.packageRoot.appendingPathComponent("Samples/\($0)").path)
  }

  /// The weeks the lookup was asked about, for the test to see.
  private final class Asked: @unchecked Sendable {
    private let lock = NSLock()
    private var weeks: [String] = []
    func append(_ week: String) { lock.withLock { weeks.append(week) } }
    var all: [String] { lock.withLock { weeks } }
  }

  @Test("a filing an earlier week featured is not the lead again: it is in the rest of the week, marked")
  func earlierLeadIsNotPickedAgain() async throws {
    let folder = try TestPaths.newTemporaryFolder("preview-history")
    let editsPath = folder.appendingPathComponent("edits.yaml").path
    let plain = try PreviewSession(
      options: .init(inputs: Self.samples, watchListPath: nil, templatesFolder: nil, editsPath: editsPath))
    let lead = try #require(await plain.currentDraft().lead)
    let application = try #require(lead.applicationNumber)

    let asked = Asked()
    let session = try PreviewSession(
      options: .init(
        inputs: Self.samples, watchListPath: nil, templatesFolder: nil, editsPath: editsPath,
        history: { _ in
          FeaturesOnly { numbers, week in
            asked.append(week)
            return numbers.contains(application)
              ? [application: EarlierFeature(week: "2026-11-15", publicationNumber: "US20260300001A1")] : [:]
          }
        }))
    #expect(asked.all == ["2026-11-22"])
    let draft = await session.currentDraft()
    #expect(draft.lead != nil)
    #expect(draft.lead?.publicationNumber != lead.publicationNumber)
    #expect(!draft.sections.flatMap(\.items).contains { $0.publicationNumber == lead.publicationNumber })
    let entry = draft.restOfWeek.flatMap(\.entries).first { $0.publicationNumber == lead.publicationNumber }
    #expect(entry?.featuredWeek == "2026-11-15")
    #expect(await session.rendered(.html).contains("(featured in the week of November 15, 2026)"))
    // An application is not a grant: no follow-up.
    #expect(draft.followUps.isEmpty)
  }

  @Test("an editor may still make a filing featured before the lead: the edits win over the history")
  func editsWin() async throws {
    let folder = try TestPaths.newTemporaryFolder("preview-history")
    let editsPath = folder.appendingPathComponent("edits.yaml").path
    let plain = try PreviewSession(
      options: .init(inputs: Self.samples, watchListPath: nil, templatesFolder: nil, editsPath: editsPath))
    let lead = try #require(await plain.currentDraft().lead)
    let application = try #require(lead.applicationNumber)
    try Data("lead: \"\(lead.publicationNumber)\"\n".utf8).write(to: URL(fileURLWithPath: editsPath))
    let session = try PreviewSession(
      options: .init(
        inputs: Self.samples, watchListPath: nil, templatesFolder: nil, editsPath: editsPath,
        history: { _ in
          FeaturesOnly { _, _ in [application: EarlierFeature(week: "2026-11-15", publicationNumber: "US20260300001A1")] }
        }))
    let draft = await session.currentDraft()
    #expect(draft.lead?.publicationNumber == lead.publicationNumber)
    #expect(!draft.restOfWeek.flatMap(\.entries).contains { $0.publicationNumber == lead.publicationNumber })
  }

  @Test("a feature of the same week or a later one does not count")
  func sameWeekDoesNotCount() async throws {
    let folder = try TestPaths.newTemporaryFolder("preview-history")
    let editsPath = folder.appendingPathComponent("edits.yaml").path
    let plain = try PreviewSession(
      options: .init(inputs: Self.samples, watchListPath: nil, templatesFolder: nil, editsPath: editsPath))
    let expected = await plain.currentDraft()
    let session = try PreviewSession(
      options: .init(
        inputs: Self.samples, watchListPath: nil, templatesFolder: nil, editsPath: editsPath,
        history: { _ in
          FeaturesOnly { numbers, _ in
            Dictionary(uniqueKeysWithValues: numbers.map { ($0, EarlierFeature(week: "2026-11-22", publicationNumber: "US1B2")) })
          }
        }))
    #expect(await session.currentDraft() == expected)
  }

  @Test("preview --history: the page is the draft with the history, and the file is left as it was")
  func previewReadsTheHistoryFile() throws {
    let folder = try TestPaths.newTemporaryFolder("preview-history")
    // The sample application week a week earlier (the week of November 15), published with the
    // history: the sample week's applications were featured then.
    let earlier = try String(contentsOfFile: TestPaths.sample("ipa261126.xml"), encoding: .utf8)
      .replacingOccurrences(of: "20261126", with: "20261119")
    let earlierFeed = folder.appendingPathComponent("ipa261119.xml").path
    try Data(earlier.utf8).write(to: URL(fileURLWithPath: earlierFeed))
    let database = folder.appendingPathComponent("history.sqlite").path
    let published = try BinaryRunner.run(
      ["build", "-q", "--out", folder.appendingPathComponent("drafts").path, "--history", database, earlierFeed])
    #expect(published.status == 0, "\(published.standardError)")
    let bytes = try #require(FileManager.default.contents(atPath: database))

    let preview = try PreviewProcess(
      editsPath: folder.appendingPathComponent("edits.yaml").path, arguments: ["--history", database])
    defer { preview.stop() }
    let page = try RawHTTP.request(port: preview.port, method: "GET", path: "/draft?format=markdown")
    #expect(page.status == 200)
    #expect(page.text.contains("*(featured in the week of November 15, 2026)*"))
    let plain = try BinaryRunner.run(["build", "-q"] + BrowserTests.samples)
    #expect(!plain.standardOutput.contains("featured in the week of"))
    #expect(FileManager.default.contents(atPath: database) == bytes)
  }
}
