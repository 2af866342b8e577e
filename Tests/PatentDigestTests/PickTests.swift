import Foundation
import PatentDigest
import PatentDigestTestSupport
import Testing

/// Whether the ranking picks what the column would run: the development set's real Big Tech
/// filings, read through the library, against our editorial labels (`Benchmarks/bigtech-labels.tsv`:
/// `reader` for a feature a person sees or uses, `plumbing` for what only engineers meet).
///
/// Each arrangement puts filings of one company into weeks and asks whether the company's first
/// item is a `reader` filing, in every week that has one. Several arrangements, so the ranking is
/// not tuned to one grouping.
@Suite("Picks", .enabled(if: BigTechFiling.corpusAvailable, Comment(rawValue: BigTechFiling.corpusMissing)))
struct PickTests {
  /// One filing of the development set, read and classified by the library, with our label.
  struct LabelledFiling {
    var filing: BigTechFiling
    var classified: ClassifiedRecord
    var reader: Bool
    var why: String

    var summary: String {
      let reasons = classified.score.reasons.map { "\($0.points > 0 ? "+" : "")\($0.points) \($0.reason)" }
      let words = filing.title ?? String(filing.abstract.prefix(70))
      return "\(filing.publicationNumber) [\(reader ? "reader" : "plumbing"): \(why)] score \(classified.score.value) "
        + "“\(words)” (\(reasons.joined(separator: "; ")))"
    }
  }

  static let companies = ["Alphabet", "Amazon", "Apple", "Meta", "Microsoft"]
  static let classifier = Classifier(watchList: .default)

  /// Every labelled filing, read from its ICE document and classified, in file order.
  static func labelledFilings() throws -> [LabelledFiling] {
    let labelsFile = TestPaths.packageRoot.appendingPathComponent("Benchmarks/bigtech-labels.tsv")
    var labels: [String: (reader: Bool, why: String)] = [:]
    for line in try String(contentsOf: labelsFile, encoding: .utf8).split(separator: "\n") where !line.hasPrefix("#") {
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      try #require(fields.count == 3 && ["reader", "plumbing"].contains(fields[1]), "malformed label: \(line)")
      labels[fields[0]] = (fields[1] == "reader", fields[2])
    }
    return try BigTechFiling.all().enumerated().map { index, filing in
      let label = try #require(labels[filing.publicationNumber], "no label for \(filing.publicationNumber)")
      let record = try #require(try SingleDocument.read(Array(filing.iceDocument(sequence: index).utf8))?.get())
      return LabelledFiling(filing: filing, classified: classifier.classify(record), reader: label.reader, why: label.why)
    }
  }

  /// The draft of a week made of `filings`.
  static func draft(of filings: [LabelledFiling]) -> Draft {
    var builder = DraftBuilder(watchedCompanies: classifier.watchList.watchedCompanies.map(\.name))
    for filing in filings { builder.add(filing.classified) }
    return builder.draft(documents: filings.count).draft
  }

  /// How many of `weeks` (one company's filings each) have a `reader` filing as the company's
  /// first item, out of those that have one at all; and the misses, said in full.
  static func score(_ weeks: [[LabelledFiling]], company: String) -> (hits: Int, weeks: Int, misses: [String]) {
    var hits = 0
    var counted = 0
    var misses: [String] = []
    for week in weeks where week.contains(where: \.reader) {
      counted += 1
      let section = draft(of: week).sections.first { $0.company == company }
      let picked = week.first { $0.classified.record.publicationNumber == section?.items.first?.publicationNumber }
      if let picked, picked.reader {
        hits += 1
      } else {
        let readers = week.filter(\.reader).map { "    wanted " + $0.summary }
        misses.append(
          (["\(company): picked " + (picked?.summary ?? "nothing")] + readers).joined(separator: "\n"))
      }
    }
    return (hits, counted, misses)
  }

  /// Scores every company's weeks of one arrangement, prints the figure and the misses, and
  /// returns the hits and the number of weeks. Only the filings the classifier gives to their
  /// company take part: a filing that names no assignee is in no section, whatever its score.
  static func measure(_ arrangement: String, weeks makeWeeks: ([LabelledFiling]) -> [[LabelledFiling]]) throws -> (
    hits: Int, weeks: Int
  ) {
    let filings = try labelledFilings()
    var hits = 0
    var weeks = 0
    var misses: [String] = []
    for company in companies {
      let ofCompany = filings.filter { $0.filing.company == company && $0.classified.companies.first == company }
      let result = score(makeWeeks(ofCompany), company: company)
      hits += result.hits
      weeks += result.weeks
      misses += result.misses
    }
    print("picks, \(arrangement): the company's first item is a reader filing in \(hits) of \(weeks) weeks")
    for miss in misses { print("  miss: \(miss)") }
    return (hits, weeks)
  }

  @Test("weeks of five filings in file order: the pick is a reader filing")
  func weeksInFileOrder() throws {
    let result = try Self.measure("weeks of five in file order") { filings in
      stride(from: 0, to: filings.count - 4, by: 5).map { Array(filings[$0..<($0 + 5)]) }
    }
    // Before the plumbing topics and the abstract's own evidence: 9 of 20. Reached: 18 of 20.
    #expect(result.weeks == 20)
    #expect(result.hits >= 16, "floor: 16 of \(result.weeks)")
  }

  @Test("weeks of five filings taken a stride apart: the pick is a reader filing")
  func weeksTakenWithAStride() throws {
    let result = try Self.measure("weeks of five taken a stride apart") { filings in
      // Week w gets filings w, w + n, w + 2n, ...: each week spans the whole file.
      let weekCount = filings.count / 5
      return (0..<weekCount).map { week in (0..<5).map { filings[week + $0 * weekCount] } }
    }
    // Before: 8 of 17. Reached: 13 of 17.
    #expect(result.weeks == 17)
    #expect(result.hits >= 11, "floor: 11 of \(result.weeks)")
  }

  @Test("each reader filing with four plumbing filings of its company: the pick is the reader filing")
  func readerAmongPlumbing() throws {
    let result = try Self.measure("each reader filing with four plumbing ones") { filings in
      let plumbing = filings.filter { !$0.reader }
      return filings.filter(\.reader).enumerated().map { index, reader in
        [reader] + (0..<4).map { plumbing[(index * 4 + $0) % plumbing.count] }
      }
    }
    // Before: 6 of 33, what a random pick gets. Reached: 30 of 33.
    #expect(result.weeks == 33)
    #expect(result.hits >= 27, "floor: 27 of \(result.weeks)")
  }

  @Test("the week's lead is a reader filing whenever a section has one")
  func leadIsAReaderFiling() throws {
    let filings = try Self.labelledFilings()
    let byNumber = Dictionary(filings.map { ($0.classified.record.publicationNumber, $0) }) { first, _ in first }
    var weeks = 0
    var hits = 0
    var misses: [String] = []
    // Weeks of five filings of each company in file order, the `other` filings spread over them.
    let weekCount = 7
    for week in 0..<weekCount {
      var filingsOfWeek = Self.companies.flatMap { company in
        filings.filter { $0.filing.company == company }.dropFirst(week * 5).prefix(5)
      }
      filingsOfWeek += filings.filter { $0.filing.company == "other" }.enumerated().filter { $0.offset % weekCount == week }
        .map(\.element)
      let draft = Self.draft(of: filingsOfWeek)
      let items = draft.sections.flatMap(\.items).compactMap { byNumber[$0.publicationNumber] }
      guard items.contains(where: \.reader), let lead = draft.lead.flatMap({ byNumber[$0.publicationNumber] }) else { continue }
      weeks += 1
      if lead.reader { hits += 1 } else { misses.append("week \(week + 1): lead " + lead.summary) }
    }
    print("the lead is a reader filing in \(hits) of \(weeks) weeks")
    for miss in misses { print("  miss: \(miss)") }
    // Before: 4 of 5. Reached: 6 of 6.
    #expect(weeks >= 6)
    #expect(misses.isEmpty)
  }
}
