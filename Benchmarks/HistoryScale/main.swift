// history-scale: generates a ten-year history (520 weeks of about 7,700 documents, 4 million in
// all) through the history store's own recording API, then times the queries a week's draft
// makes of it (earlier features, the week's background) and the `history` command's counts,
// cold and warm, and prints the file's size. See Benchmarks/README.md ("The history at scale").
//
//   swift build -c release --product history-scale
//   .build/release/history-scale [--database PATH] [--weeks 520] [--documents-per-week 7700]
//                                [--runs 7] [--reuse] [--unprepared]
//
// --reuse measures an existing database instead of generating one; --unprepared also times the
// background once for a watch list the derived facts were not made with.

import Foundation
import PatentDigest
import PatentDigestHistory

#if canImport(Glibc)
  import Glibc
#endif

/// The command line, with its defaults.
struct Options {
  var database = "Benchmarks/.out/history-scale.sqlite"
  var weeks = 520
  var documentsPerWeek = 7_700
  var runs = 7
  var reuse = false
  /// Also time the background once with a watch list the facts were not made with (one keyword
  /// more): what a reader with another watch list waits, since it works the answer out.
  var unprepared = false

  init(_ arguments: [String]) {
    var rest = arguments.dropFirst()
    while let argument = rest.popFirst() {
      switch argument {
      case "--database": database = rest.popFirst() ?? database
      case "--weeks": weeks = rest.popFirst().flatMap { Int($0) } ?? weeks
      case "--documents-per-week": documentsPerWeek = rest.popFirst().flatMap { Int($0) } ?? documentsPerWeek
      case "--runs": runs = rest.popFirst().flatMap { Int($0) } ?? runs
      case "--reuse": reuse = true
      case "--unprepared": unprepared = true
      default:
        FileHandle.standardError.write(Data("history-scale: unknown option \(argument)\n".utf8))
        exit(64)
      }
    }
  }
}

/// A small, fast, seeded generator (SplitMix64): the same options make the same history.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Picks from `items` with the weights given, by binary search over the running totals.
struct WeightedPicker<Item> {
  let items: [Item]
  let totals: [Double]

  init(_ weighted: [(Item, Double)]) {
    items = weighted.map(\.0)
    var running = 0.0
    totals = weighted.map {
      running += $0.1
      return running
    }
  }

  func pick(_ random: inout SeededGenerator) -> Item {
    let target = Double.random(in: 0..<totals[totals.count - 1], using: &random)
    var low = 0
    var high = totals.count - 1
    while low < high {
      let middle = (low + high) / 2
      if totals[middle] <= target { low = middle + 1 } else { high = middle }
    }
    return items[low]
  }
}

/// Makes documents that look like a real week's to the history: the application/grant mix,
/// about 5% filed by watched companies under their real names, titles of 4 to 12 words and
/// abstracts of 100 to 150 words drawn with the word frequencies of the sample feeds (and some
/// topic keywords, so topics come out at realistic rates), CPC symbols (some in the topics'
/// groups), assignees from a long tail of 300,000 names, and applicants.
struct DocumentMaker {
  let words: WeightedPicker<String>
  let keywords: [String]
  let topicGroups: [String]
  let watchedNames: [String]
  static let otherCompanyCount = 300_000
  static let commonSubclasses = [
    "G06F", "H04L", "H04W", "G06N", "G06T", "H04N", "G06Q", "A61B", "H01L", "G01S", "B60W", "G02B", "H01M", "G05D",
    "A61K", "C07D", "F16H", "B65G", "G10L", "G06V",
  ]
  var applicationSequence = 0
  var grantSequence = 0
  /// Application numbers published earlier, some of which are granted later.
  var pendingApplications: [String] = []

  init(samples: [String], watchList: WatchList) throws {
    var counts: [String: Int] = [:]
    _ = try FeedReader().read(samples.map { .file($0) }, transform: { $0 }) { event in
      guard case .record(let record) = event else { return }
      for word in ((record.abstract ?? "") + " " + record.title).split(whereSeparator: { $0 == " " }) {
        counts[String(word), default: 0] += 1
      }
    }
    precondition(!counts.isEmpty, "no words in the sample feeds")
    words = WeightedPicker(counts.map { ($0.key, Double($0.value)) })
    keywords = watchList.topics.flatMap(\.keywords)
    topicGroups = watchList.topics.flatMap { $0.cpc.map(\.group) }
    watchedNames = watchList.watchedCompanies.flatMap { company in
      company.names.filter { $0.until == nil }.map(\.name)
    }
  }

  func sentence(_ count: Int, _ random: inout SeededGenerator) -> String {
    var text = ""
    text.reserveCapacity(count * 8)
    for index in 0..<count {
      if index > 0 { text += " " }
      if Int.random(in: 0..<60, using: &random) == 0, let keyword = keywords.randomElement(using: &random) {
        text += keyword
      } else {
        text += words.pick(&random)
      }
    }
    return text
  }

  /// A CPC symbol: a common subclass, or (one time in six) inside a topic's group.
  func cpcSymbol(_ random: inout SeededGenerator) -> String {
    if Int.random(in: 0..<6, using: &random) == 0, let group = topicGroups.randomElement(using: &random) {
      let base = group.contains(" ") ? group : group + " \(Int.random(in: 1...99, using: &random))"
      return base.contains("/")
        ? base + "\(Int.random(in: 0...9, using: &random))" : base + "/\(Int.random(in: 0...999, using: &random))"
    }
    let subclass = Self.commonSubclasses.randomElement(using: &random)!
    return "\(subclass) \(Int.random(in: 1...99, using: &random))/\(Int.random(in: 0...9999, using: &random))"
  }

  func companyName(_ random: inout SeededGenerator) -> String {
    // A long tail: a few names file often, most rarely.
    let index = Int(pow(Double.random(in: 0..<1, using: &random), 2.5) * Double(Self.otherCompanyCount))
    let forms = ["Inc.", "LLC", "Co., Ltd.", "GmbH", "Corporation", "AG", "Ltd.", "S.A."]
    return
      "Company \(index) \(["Systems", "Technologies", "Industries", "Labs", "Devices"][index % 5]) \(forms[index % forms.count])"
  }

  mutating func document(
    type: PatentRecord.DocumentType, date: String, random: inout SeededGenerator
  ) -> StoredDocument {
    let year = date.prefix(4)
    let publicationNumber: String
    let applicationNumber: String
    if type == .application {
      applicationSequence += 1
      publicationNumber = "US\(year)\(String(format: "%07d", applicationSequence % 10_000_000))A1"
      applicationNumber = String(format: "%08d", 15_000_000 + applicationSequence)
      if Int.random(in: 0..<3, using: &random) == 0 { pendingApplications.append(applicationNumber) }
    } else {
      grantSequence += 1
      publicationNumber = "US\(10_000_000 + grantSequence)B2"
      // About half the grants are of an application published here earlier.
      if pendingApplications.count > 5_000, Bool.random(using: &random) {
        applicationNumber = pendingApplications.remove(at: Int.random(in: 0..<2_000, using: &random))
      } else {
        applicationNumber = String(format: "%08d", 30_000_000 + grantSequence)
      }
    }
    var parties: [StoredDocument.StoredParty] = []
    let owner =
      Int.random(in: 0..<20, using: &random) == 0
      ? watchedNames.randomElement(using: &random)! : companyName(&random)
    if Int.random(in: 0..<10, using: &random) > 0 {
      parties.append(.init(role: .assignee, name: owner, kind: .organization))
      if Int.random(in: 0..<8, using: &random) == 0 {
        parties.append(.init(role: .assignee, name: companyName(&random), kind: .organization))
      }
    }
    if Int.random(in: 0..<10, using: &random) < 6 { parties.append(.init(role: .applicant, name: owner, kind: .organization)) }
    let further = (0..<Int.random(in: 1...6, using: &random)).map { _ in cpcSymbol(&random) }
    return StoredDocument(
      type: type, publicationNumber: publicationNumber, kind: type == .grant ? "B2" : "A1", publicationDate: date,
      filingDate: "\(Int(year)! - 2)-0\(Int.random(in: 1...9, using: &random))-1\(Int.random(in: 0...9, using: &random))",
      applicationNumber: applicationNumber, applicationType: "utility",
      title: sentence(Int.random(in: 4...12, using: &random), &random),
      abstract: sentence(Int.random(in: 100...150, using: &random), &random), parties: parties,
      cpcMain: cpcSymbol(&random), cpcFurther: further, relatedDocuments: [])
  }
}

/// Seconds since `start`.
func seconds(since start: ContinuousClock.Instant) -> Double {
  let elapsed = ContinuousClock.now - start
  return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

func log(_ text: String) {
  FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Drops the database's pages from the operating system's cache (no privileges needed: it only
/// advises about this one file), so the next read comes from the disk.
func evictFromPageCache(_ path: String) {
  for file in [path, path + "-wal"] {
    let descriptor = open(file, O_RDONLY)
    guard descriptor >= 0 else { continue }
    fdatasync(descriptor)
    posix_fadvise(descriptor, 0, 0, Int32(POSIX_FADV_DONTNEED))
    close(descriptor)
  }
}

func fileSize(_ path: String) -> Int {
  ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int) ?? 0
}

func median(_ values: [Double]) -> Double {
  let sorted = values.sorted()
  return sorted.isEmpty
    ? 0 : sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

let options = Options(CommandLine.arguments)
let classifier = Classifier(watchList: .default)
/// The last week generated: the Sunday of 2026-11-22; the draft measured is the week after.
let lastWeek = PublishingWeek(containing: "2026-11-22")!
let draftWeek = lastWeek.adding(weeks: 1)

if !options.reuse {
  for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: options.database + suffix) }
  try FileManager.default.createDirectory(
    atPath: (options.database as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
  let maker = try DocumentMaker(samples: ["Samples/ipa261126.zip", "Samples/ipg261124.zip"], watchList: classifier.watchList)
  let random = SeededGenerator(state: 2026)
  let store = try HistoryStore(path: options.database, opening: .creatingIfMissing)
  let started = ContinuousClock.now
  var documents = 0
  // The next week's two feeds are made (documents, deflated abstracts, facts) on another thread
  // while this week's are recorded: the writer only inserts, as in `history import`.
  let made = DispatchSemaphore(value: 0)
  let taken = DispatchSemaphore(value: 2)
  let lock = NSLock()
  nonisolated(unsafe) var queue: [(RecordedFeed, [FeaturedFiling], String)] = []
  nonisolated(unsafe) var makerState = (maker, random)
  let weekCount = options.weeks
  let perWeek = options.documentsPerWeek
  Thread.detachNewThread {
    var (maker, random) = makerState
    for index in 0..<weekCount {
      taken.wait()
      let week = lastWeek.adding(weeks: index - weekCount + 1)
      var feeds: [(RecordedFeed, [FeaturedFiling], String)] = []
      for (type, date, product) in [
        (PatentRecord.DocumentType.grant, week.tuesday, "ipg"), (.application, week.thursday, "ipa"),
      ] {
        // About 45% grants, 55% applications, a few percent up or down each week.
        let share = type == .grant ? 0.45 : 0.55
        let count = Int(Double(perWeek) * share * Double.random(in: 0.95...1.05, using: &random))
        let documents = (0..<count).map { _ in maker.document(type: type, date: date, random: &random) }
        let digits = date.replacingOccurrences(of: "-", with: "").dropFirst(2)
        let feed = RecordedFeed(
          name: FeedFileName(path: "\(product)\(digits).zip"), documents: documents, failedDocumentCount: 0,
          classifiedBy: classifier)
        feeds.append((feed, [], week.sunday))
      }
      // What that week's draft featured: about 25 watched filings.
      let watched = feeds.flatMap(\.0.documents).filter {
        classifier.classify($0.patentRecord(file: "", position: 0)).company != nil
      }
      let featured = watched.prefix(25).map {
        FeaturedFiling(
          applicationNumber: $0.applicationNumber ?? "", week: week.sunday, publicationNumber: $0.publicationNumber,
          company: classifier.classify($0.patentRecord(file: "", position: 0)).company)
      }
      feeds[1].1 = Array(featured)
      lock.lock()
      queue.append(contentsOf: feeds)
      lock.unlock()
      made.signal()
    }
    makerState = (maker, random)
  }
  for index in 0..<weekCount {
    made.wait()
    lock.lock()
    let feeds = queue
    queue.removeAll()
    lock.unlock()
    for (feed, featured, week) in feeds {
      _ = try store.record(feed)
      if !featured.isEmpty { try store.recordFeatured(featured, week: week) }
      documents += feed.documents.count
    }
    taken.signal()
    if (index + 1) % 26 == 0 || index + 1 == weekCount {
      let elapsed = seconds(since: started)
      log(
        "history-scale: \(index + 1)/\(weekCount) weeks, \(documents) documents, \(Int(Double(documents) / elapsed)) documents/s, \(Int(elapsed)) s"
      )
    }
  }
  let generation = seconds(since: started)
  print("generated: \(weekCount) weeks, \(documents) documents in \(String(format: "%.0f", generation)) s")
}

if options.reuse {
  // A database made with another watch list (or an older fingerprint) is brought up to date
  // first, as the next recording run would: that is the one-off cost of a changed watch list.
  let started = ContinuousClock.now
  if let count = try HistoryStore(path: options.database, opening: .creatingIfMissing).updateDerivedFacts(
    classifier: classifier)
  {
    print("facts worked out again: \(count) documents in \(String(format: "%.0f", seconds(since: started))) s")
  }
}

// The WAL is checkpointed into the file when the last connection closes: measure after that.
let size = fileSize(options.database) + fileSize(options.database + "-wal")
let store = try HistoryStore(path: options.database, opening: .existingOnly)
let documentCount = try store.weeklyCounts(weeks: 5_200, by: nil, classifier: classifier).weeks.reduce(0) { $0 + $1.documents }
print(
  "database: \(String(format: "%.2f", Double(size) / 1e9)) GB, \(documentCount) documents, \(size / max(documentCount, 1)) bytes a document"
)

// The draft's questions: the application numbers of about 100 watched filings of the week being
// drafted (some featured before: their applications ran in earlier weeks), and about 50 keys.
let featuredBefore = try store.featured(week: lastWeek.adding(weeks: -60).sunday).map(\.applicationNumber)
let applicationNumbers = featuredBefore + (0..<(100 - featuredBefore.count)).map { String(format: "%08d", 16_000_000 + $0 * 37) }
let companies = classifier.watchList.watchedCompanies
let topics = classifier.watchList.topics
// 50 distinct keys: ten topics for each of the five companies, the types mixed.
let keys = (0..<50).map { index in
  CompanyTopicKey(
    company: companies[index % companies.count].name,
    topic: topics[((index / companies.count) * 2 + index % 2) % topics.count].name,
    type: index % 3 == 0 ? .grant : .application)
}
let request = HistoryBackgroundRequest(week: draftWeek.sunday, weeksBefore: 12, keys: keys)

/// One round of the draft's queries on `source`: milliseconds for the earlier features and the
/// background.
func draftQueries(_ source: HistoryDraftSource) throws -> (features: Double, background: Double, answer: HistoryBackground) {
  let featuresStart = ContinuousClock.now
  let earlier = try source.earlierFeatures(applicationNumbers: applicationNumbers, before: draftWeek.sunday)
  let features = seconds(since: featuresStart) * 1000
  precondition(earlier.count <= applicationNumbers.count)
  let backgroundStart = ContinuousClock.now
  let answer = try source.background(for: request)
  return (features, seconds(since: backgroundStart) * 1000, answer)
}

var cold: [(Double, Double, Double)] = []
var warm: [(Double, Double)] = []
var counts: [Double] = []
var fastAnswer: HistoryBackground?
for _ in 0..<options.runs {
  // Cold: the file out of the operating system's cache and a new connection (empty SQLite cache).
  evictFromPageCache(options.database)
  let openStart = ContinuousClock.now
  let fresh = HistoryDraftSource(store: try HistoryStore(path: options.database, opening: .existingOnly), classifier: classifier)
  let open = seconds(since: openStart) * 1000
  let first = try draftQueries(fresh)
  cold.append((open, first.features, first.background))
  // Warm: the same connection again.
  let again = try draftQueries(fresh)
  warm.append((again.features, again.background))
  fastAnswer = again.answer
  let countsStart = ContinuousClock.now
  _ = try fresh.store.weeklyCounts(weeks: 12, by: .company, classifier: classifier)
  counts.append(seconds(since: countsStart) * 1000)
}
func milliseconds(_ value: Double) -> String { String(format: "%.2f ms", value) }
print("derived facts current: \(try store.hasCurrentDerivedFacts(for: classifier))")
print(
  "cold (median of \(options.runs)): open \(milliseconds(median(cold.map(\.0)))), earlier features (\(applicationNumbers.count) numbers) \(milliseconds(median(cold.map(\.1)))), background (12 weeks, \(keys.count) keys) \(milliseconds(median(cold.map(\.2)))), together \(milliseconds(median(cold.map { $0.1 + $0.2 })))"
)
print(
  "warm (median of \(options.runs)): earlier features \(milliseconds(median(warm.map(\.0)))), background \(milliseconds(median(warm.map(\.1)))), together \(milliseconds(median(warm.map { $0.0 + $0.1 })))"
)
print("history --by company --weeks 12 (warm): \(milliseconds(median(counts)))")
if let answer = fastAnswer {
  let withFilings = answer.keys.values.filter { $0.latestBefore != nil }.count
  print(
    "answer: \(answer.weeks.count) weeks (\(answer.weeks.last.map { "\($0.documents) documents, \($0.perCompany.count) companies, \($0.perTopic.count) topics" } ?? "none") in the last), \(withFilings) of \(answer.keys.count) keys with an earlier filing, first week \(answer.firstRecordedWeek ?? "none")"
  )
}
if options.unprepared {
  // A keyword no generated document holds: the answer must be the one the facts gave.
  var watchList = classifier.watchList
  watchList.topics[0].keywords.append("benchmark keyword")
  let other = HistoryDraftSource(store: store, classifier: Classifier(watchList: watchList))
  let start = ContinuousClock.now
  let answer = try other.background(for: request)
  print(
    "background with another watch list (worked out from the stored documents, once): \(milliseconds(seconds(since: start) * 1000)), same answer as from the facts: \(answer == fastAnswer)"
  )
}
