import Foundation
import PatentDigest
import PatentDigestTestSupport
import Testing

@testable import PatentDigestHistory

/// The background of a week as the draft asks it (`HistoryDraftSource`), on a small history
/// recorded through the store's recording API: the earlier weeks' counts, and each key's
/// filings this year and latest filing, with exact numbers. Each answer is checked both ways it
/// is made: from the derived facts recorded with the feeds, and worked out from the stored
/// documents when the history has no current facts for the watch list.
///
/// The weeks (Sundays) of early 2026 recorded, with the request made for the week of March 8:
/// - 2025-12-14: an Amazon drone grant, and an Apple smart-ring application (last year).
/// - 2026-01-04: an Apple smart-ring application; a pet ring no watched company filed.
/// - 2026-02-08: Apple and Amazon applications (ring, drone), an unwatched drone, a toaster.
/// - 2026-02-15: nothing recorded.
/// - 2026-02-22: an Apple smart-ring grant; an Amazon grant with no topic.
/// - 2026-03-01: an Apple ring application; an Amazon drone application that names Amazon only
///   as its applicant.
/// - 2026-03-08, the week asked about: an Apple ring application, which must not count.
@Suite("History: the background of a week for the draft")
struct HistoryBackgroundTests {
  static let watchList = WatchList(
    companies: [
      .init(name: "Apple", watched: true, why: "test", names: [.init(name: "Apple Inc.", why: "test")]),
      .init(name: "Amazon", watched: true, why: "test", names: [.init(name: "Amazon Technologies, Inc.", why: "test")]),
    ],
    topics: [
      .init(name: "smart rings", consumer: true, cpc: [], keywords: ["smart ring"]),
      .init(name: "drones", consumer: true, cpc: [], keywords: ["drone"]),
    ])

  static let week = "2026-03-08"
  static let appleRings = CompanyTopicKey(company: "Apple", topic: "smart rings", type: .application)
  static let appleRingGrants = CompanyTopicKey(company: "Apple", topic: "smart rings", type: .grant)
  static let amazonDrones = CompanyTopicKey(company: "Amazon", topic: "drones", type: .application)
  static let amazonDroneGrants = CompanyTopicKey(company: "Amazon", topic: "drones", type: .grant)
  static let appleDrones = CompanyTopicKey(company: "Apple", topic: "drones", type: .application)

  /// A document as a feed of `date` would give it; `owner` is its assignee, or its applicant
  /// (an organisation) when `asApplicant`.
  static func document(
    _ number: String, _ type: PatentRecord.DocumentType, _ date: String, _ title: String, owner: String?,
    asApplicant: Bool = false
  ) -> StoredDocument {
    StoredDocument(
      type: type, publicationNumber: number, kind: type == .grant ? "B2" : "A1", publicationDate: date,
      filingDate: "2024-05-01", applicationNumber: "app-" + number, applicationType: "utility", title: title,
      abstract: "An apparatus, and a method of using it, described at length.",
      parties: owner.map { [.init(role: asApplicant ? .applicant : .assignee, name: $0, kind: .organization)] } ?? [],
      cpcMain: "G06F 3/01", cpcFurther: [], relatedDocuments: [])
  }

  static let apple = "Apple Inc."
  static let amazon = "Amazon Technologies, Inc."

  /// The feeds of the history described above, by file name.
  static let feeds: [String: [StoredDocument]] = [
    "ipg251216.zip": [document("US12000001B2", .grant, "2025-12-16", "Drone delivery system", owner: amazon)],
    "ipa251218.zip": [
      document("US20250000001A1", .application, "2025-12-18", "Smart ring with heart sensor", owner: apple)
    ],
    "ipa260108.zip": [
      document("US20260000001A1", .application, "2026-01-08", "Smart ring charging case", owner: apple),
      document("US20260000002A1", .application, "2026-01-08", "Smart ring for pets", owner: "Ring Pets LLC"),
    ],
    "ipa260212.zip": [
      document("US20260000101A1", .application, "2026-02-12", "Smart ring gesture input", owner: apple),
      document("US20260000102A1", .application, "2026-02-12", "Drone landing pad", owner: amazon),
      document("US20260000103A1", .application, "2026-02-12", "Drone propeller", owner: "Acme Rotors GmbH"),
      document("US20260000104A1", .application, "2026-02-12", "Toaster with timer", owner: nil),
    ],
    "ipg260224.zip": [
      document("US12000201B2", .grant, "2026-02-24", "Smart ring", owner: apple),
      document("US12000202B2", .grant, "2026-02-24", "Warehouse robot", owner: amazon),
    ],
    "ipa260305.zip": [
      document("US20260000301A1", .application, "2026-03-05", "Smart ring display", owner: apple),
      document("US20260000302A1", .application, "2026-03-05", "Drone battery swap", owner: amazon, asApplicant: true),
    ],
    "ipa260312.zip": [
      document("US20260000401A1", .application, "2026-03-12", "Smart ring with camera", owner: apple)
    ],
  ]

  /// How a test's history was recorded.
  enum Recording: String, CaseIterable, CustomTestStringConvertible {
    /// With the test's watch list: the answers come from the derived facts.
    case derived
    /// Without a classifier: the history has no current facts, and the answers are worked out
    /// from the stored documents.
    case storedDocumentsOnly

    var testDescription: String { rawValue }
  }

  static let classifier = Classifier(watchList: watchList)

  /// A new history holding `feeds`, recorded one file at a time as `history import` records them.
  static func history(_ recording: Recording, _ feeds: [String: [StoredDocument]] = feeds) throws -> HistoryStore {
    let folder = try TestPaths.newTemporaryFolder("history-background")
    let store = try HistoryStore(path: folder.appendingPathComponent("history.sqlite").path, opening: .creatingIfMissing)
    for (name, documents) in feeds.sorted(by: { $0.key < $1.key }) {
      let outcome = try store.record(
        RecordedFeed(
          name: FeedFileName(path: name), documents: documents, failedDocumentCount: 0,
          classifiedBy: recording == .derived ? classifier : nil))
      #expect(outcome == .recorded(replacing: nil))
    }
    #expect(try store.hasCurrentDerivedFacts(for: classifier) == (recording == .derived))
    return store
  }

  static let request = HistoryBackgroundRequest(
    week: week, weeksBefore: 4, keys: [appleRings, appleRingGrants, amazonDrones, amazonDroneGrants, appleDrones])

  static func latest(_ number: String, _ date: String) -> HistoryBackground.LatestFiling {
    HistoryBackground.LatestFiling(publicationNumber: number, publicationDate: date)
  }

  @Test(
    "the weeks before: documents, per company and per topic; a week with no feed is absent", arguments: Recording.allCases)
  func weeks(_ recording: Recording) throws {
    let source: any DraftHistory = HistoryDraftSource(store: try Self.history(recording), classifier: Self.classifier)
    let background = try source.background(for: Self.request)
    #expect(background.firstRecordedWeek == "2025-12-14")
    #expect(
      background.weeks == [
        .init(
          week: "2026-02-08", documents: 4, perCompany: ["Apple": 1, "Amazon": 1], perTopic: ["smart rings": 1, "drones": 2]),
        .init(week: "2026-02-22", documents: 2, perCompany: ["Apple": 1, "Amazon": 1], perTopic: ["smart rings": 1]),
        .init(
          week: "2026-03-01", documents: 2, perCompany: ["Apple": 1, "Amazon": 1], perTopic: ["smart rings": 1, "drones": 1]),
      ])
    // Two weeks back reach only March 1 (February 22 is the second week before).
    let twoWeeks = try source.background(for: HistoryBackgroundRequest(week: Self.week, weeksBefore: 2, keys: []))
    #expect(twoWeeks.weeks.map(\.week) == ["2026-02-22", "2026-03-01"])
    #expect(twoWeeks.keys.isEmpty)
  }

  @Test(
    "each key: its filings this year before the week, and its latest filing before the week", arguments: Recording.allCases)
  func keys(_ recording: Recording) throws {
    let source = HistoryDraftSource(store: try Self.history(recording), classifier: Self.classifier)
    let keys = try source.background(for: Self.request).keys
    #expect(
      keys == [
        Self.appleRings: .init(earlierThisYear: 3, latestBefore: Self.latest("US20260000301A1", "2026-03-05")),
        Self.appleRingGrants: .init(earlierThisYear: 1, latestBefore: Self.latest("US12000201B2", "2026-02-24")),
        Self.amazonDrones: .init(earlierThisYear: 2, latestBefore: Self.latest("US20260000302A1", "2026-03-05")),
        // Last year's grant: none this year, but the latest is known ("the first since 2025").
        Self.amazonDroneGrants: .init(earlierThisYear: 0, latestBefore: Self.latest("US12000001B2", "2025-12-16")),
        Self.appleDrones: .init(earlierThisYear: 0, latestBefore: nil),
      ])
  }

  @Test("a changed watch list changes the answers, from the stored documents alone", arguments: Recording.allCases)
  func changedWatchList(_ recording: Recording) throws {
    let store = try Self.history(recording)
    var watchList = Self.watchList
    watchList.companies.append(
      .init(name: "Ring Pets", watched: true, why: "test", names: [.init(name: "Ring Pets LLC", why: "test")]))
    let petRings = CompanyTopicKey(company: "Ring Pets", topic: "smart rings", type: .application)
    let background = try HistoryDraftSource(store: store, classifier: Classifier(watchList: watchList)).background(
      for: HistoryBackgroundRequest(week: Self.week, weeksBefore: 12, keys: [petRings]))
    #expect(background.keys == [petRings: .init(earlierThisYear: 1, latestBefore: Self.latest("US20260000002A1", "2026-01-08"))])
    #expect(
      background.weeks.first { $0.week == "2026-01-04" }
        == .init(week: "2026-01-04", documents: 2, perCompany: ["Apple": 1, "Ring Pets": 1], perTopic: ["smart rings": 2]))

    // A recording with the new watch list works every stored document's facts out again, in the
    // same transaction as the new feed; the answers stay the same, now from the facts.
    var rederived: [Int] = []
    let newFeed = RecordedFeed(
      name: FeedFileName(path: "ipa260319.zip"),
      documents: [Self.document("US20260000501A1", .application, "2026-03-19", "Smart ring leash", owner: "Ring Pets LLC")],
      failedDocumentCount: 0, classifiedBy: Classifier(watchList: watchList))
    #expect(try store.record(newFeed, rederived: { rederived.append($0) }) == .recorded(replacing: nil))
    #expect(rederived == [13])
    #expect(try store.hasCurrentDerivedFacts(for: Classifier(watchList: watchList)))
    #expect(try !store.hasCurrentDerivedFacts(for: Self.classifier))
    let again = try HistoryDraftSource(store: store, classifier: Classifier(watchList: watchList)).background(
      for: HistoryBackgroundRequest(week: Self.week, weeksBefore: 12, keys: [petRings]))
    #expect(again == background)
  }

  @Test("a feed recorded without a watch list gets its facts from the one the history's were made with")
  func recordedWithoutClassifier() throws {
    let store = try Self.history(.derived)
    let feed = RecordedFeed(
      name: FeedFileName(path: "ipg260303.zip"),
      documents: [Self.document("US12000301B2", .grant, "2026-03-03", "Drone docking station", owner: Self.amazon)],
      failedDocumentCount: 0)
    #expect(try store.record(feed) == .recorded(replacing: nil))
    #expect(try store.hasCurrentDerivedFacts(for: Self.classifier))
    let background = try HistoryDraftSource(store: store, classifier: Self.classifier).background(for: Self.request)
    #expect(
      background.weeks.last
        == .init(
          week: "2026-03-01", documents: 3, perCompany: ["Apple": 1, "Amazon": 2], perTopic: ["smart rings": 1, "drones": 2]))
    #expect(
      background.keys[Self.amazonDroneGrants]
        == .init(earlierThisYear: 1, latestBefore: Self.latest("US12000301B2", "2026-03-03")))
  }

  @Test("a revised file replaces the facts its original recorded")
  func revision() throws {
    let store = try Self.history(.derived)
    let revised = RecordedFeed(
      name: FeedFileName(path: "ipa260212_r1.zip"),
      documents: [Self.document("US20260000101A1", .application, "2026-02-12", "Smart ring gesture input", owner: Self.apple)],
      failedDocumentCount: 0, classifiedBy: Self.classifier)
    let original = try store.recordedFile(for: FeedFileName(path: "ipa260212.zip"))
    #expect(try store.record(revised) == .recorded(replacing: original))
    let background = try HistoryDraftSource(store: store, classifier: Self.classifier).background(for: Self.request)
    #expect(
      background.weeks.first
        == .init(week: "2026-02-08", documents: 1, perCompany: ["Apple": 1], perTopic: ["smart rings": 1]))
    #expect(
      background.keys[Self.amazonDrones] == .init(earlierThisYear: 1, latestBefore: Self.latest("US20260000302A1", "2026-03-05")))
  }

  @Test("a reader with another watch list works the answers out and writes nothing")
  func readerNeverWrites() throws {
    let path = try Self.history(.derived).path
    var watchList = Self.watchList
    watchList.topics[1].keywords.append("toaster")
    let before = try HistoryTestSupport.dump(path)
    let reader = try HistoryStore(path: path, opening: .existingOnly)
    let background = try HistoryDraftSource(store: reader, classifier: Classifier(watchList: watchList)).background(
      for: Self.request)
    #expect(background.keys[Self.amazonDrones]?.earlierThisYear == 2)
    #expect(background.weeks.first?.perTopic == ["smart rings": 1, "drones": 3])
    #expect(try HistoryTestSupport.dump(path) == before)
    #expect(try !reader.hasCurrentDerivedFacts(for: Classifier(watchList: watchList)))
  }

  @Test("earlier features come from the store")
  func earlierFeatures() throws {
    let store = try Self.history(.derived)
    try store.recordFeatured(
      [FeaturedFiling(applicationNumber: "18000101", week: "2026-02-08", publicationNumber: "US20260000101A1", company: "Apple")],
      week: "2026-02-08")
    let source = HistoryDraftSource(store: store, classifier: Classifier(watchList: Self.watchList))
    #expect(
      try source.earlierFeatures(applicationNumbers: ["18000101", "18000102"], before: Self.week) == [
        "18000101": EarlierFeature(week: "2026-02-08", publicationNumber: "US20260000101A1")
      ])
    #expect(try source.earlierFeatures(applicationNumbers: ["18000101"], before: "2026-02-08").isEmpty)
  }
}
