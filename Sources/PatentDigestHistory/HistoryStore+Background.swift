import Foundation
import GRDB
public import PatentDigest

extension HistoryStore {
  /// The background of the week `request.week`, with companies and topics as `classifier`'s
  /// watch list makes them of the stored documents. Only reads.
  ///
  /// - The weeks: each of the `request.weeksBefore` weeks before `request.week` that holds
  ///   documents, with its documents, documents per watched company (the company whose section a
  ///   document would be in: its first watched owner) and documents per topic.
  /// - The keys: for each key asked for, the filings of its company (as above), topic (among the
  ///   document's topics) and type published before `request.week`: how many in the calendar year
  ///   of `request.week`, and the latest (by publication date, then publication number).
  ///
  /// When the history's derived facts were made with this watch list (a recording run with it
  /// keeps them so), the answer is a few index lookups; otherwise it is worked out from the
  /// stored documents (slower, the same answer), since a reader never writes.
  public func background(
    for request: HistoryBackgroundRequest, classifier: Classifier
  ) throws(HistoryError) -> HistoryBackground {
    guard let sunday = PublishingWeek(containing: request.week) else {
      preconditionFailure("a history background was asked for the week of \(request.week), which is not a date")
    }
    let fingerprint = ClassifierFingerprint(classifier)
    return try read { db in
      let firstRecordedWeek = try String.fetchOne(db, sql: "SELECT min(week) FROM document")
      let derived = try Self.derivedFingerprint(db) == fingerprint.text
      var weeks: [HistoryBackground.Week] = []
      if request.weeksBefore > 0 {
        let first = sunday.adding(weeks: -request.weeksBefore).sunday
        if derived {
          let last = sunday.adding(weeks: -1).sunday
          weeks = try Self.weekTallies(db, from: first, through: last).sorted { $0.key < $1.key }.compactMap { week, tally in
            tally.documents == 0
              ? nil
              : HistoryBackground.Week(
                week: week, documents: tally.documents, perCompany: tally.companies, perTopic: tally.topics)
          }
        } else {
          weeks = try Self.classifiedWeeks(db, from: first, before: sunday.sunday, classifier: classifier)
        }
      }
      let keys =
        derived
        ? try Self.derivedKeyHistories(db, request: request)
        : try Self.classifiedKeyHistories(db, request: request, classifier: classifier)
      return HistoryBackground(firstRecordedWeek: firstRecordedWeek, weeks: weeks, keys: keys)
    }
  }

  /// The key histories of `request` from `watchedFiling`: two range reads of its primary key
  /// per key.
  static func derivedKeyHistories(
    _ db: Database, request: HistoryBackgroundRequest
  ) throws -> [CompanyTopicKey: HistoryBackground.KeyHistory] {
    let yearStart = String(request.week.prefix(4)) + "-01-01"
    let count = try db.cachedStatement(
      sql: """
        SELECT count(*) FROM watchedFiling
        WHERE company = ? AND topic = ? AND type = ? AND publicationDate >= ? AND publicationDate < ?
        """)
    let latest = try db.cachedStatement(
      sql: """
        SELECT publicationNumber, publicationDate FROM watchedFiling
        WHERE company = ? AND topic = ? AND type = ? AND publicationDate < ?
        ORDER BY publicationDate DESC, publicationNumber DESC LIMIT 1
        """)
    var histories: [CompanyTopicKey: HistoryBackground.KeyHistory] = [:]
    for key in request.keys where histories[key] == nil {
      let earlier =
        try Int.fetchOne(
          count, arguments: [key.company, key.topic, key.type.rawValue, yearStart, request.week]) ?? 0
      let filing = try Row.fetchOne(latest, arguments: [key.company, key.topic, key.type.rawValue, request.week]).map {
        HistoryBackground.LatestFiling(publicationNumber: $0["publicationNumber"], publicationDate: $0["publicationDate"])
      }
      histories[key] = HistoryBackground.KeyHistory(earlierThisYear: earlier, latestBefore: filing)
    }
    return histories
  }

  /// The weeks from `first` up to (not including) `end` that hold documents, classifying every
  /// stored document of them.
  static func classifiedWeeks(
    _ db: Database, from first: String, before end: String, classifier: Classifier
  ) throws -> [HistoryBackground.Week] {
    var weeks: [String: HistoryBackground.Week] = [:]
    try forEachDocument(db, sql: "d.week >= ? AND d.week < ?", arguments: [first, end]) { stored in
      guard let week = stored.week else { return }
      let facts = DerivedFacts(stored.document, classifier: classifier)
      var counts = weeks[week] ?? HistoryBackground.Week(week: week, documents: 0, perCompany: [:], perTopic: [:])
      counts.documents += 1
      if let company = facts.company { counts.perCompany[company, default: 0] += 1 }
      for topic in facts.topics { counts.perTopic[topic, default: 0] += 1 }
      weeks[week] = counts
    }
    return weeks.values.sorted { $0.week < $1.week }
  }

  /// The key histories of `request`, classifying every stored document published before its
  /// week that has a party the watch list may know.
  static func classifiedKeyHistories(
    _ db: Database, request: HistoryBackgroundRequest, classifier: Classifier
  ) throws -> [CompanyTopicKey: HistoryBackground.KeyHistory] {
    var histories: [CompanyTopicKey: HistoryBackground.KeyHistory] = [:]
    for key in request.keys { histories[key] = HistoryBackground.KeyHistory(earlierThisYear: 0, latestBefore: nil) }
    guard !histories.isEmpty else { return histories }
    // A name the watch list matches on some date matches it when no date is given (a name's
    // period then counts as covering it): the names matched that way are all the names that can
    // make a document a watched company's.
    var candidateNames: [Int64] = []
    let names = try Row.fetchCursor(db, sql: "SELECT id, name FROM partyName")
    while let row = try names.next() {
      if classifier.parentCompany(of: row["name"], publishedOn: nil) != nil { candidateNames.append(row["id"]) }
    }
    guard !candidateNames.isEmpty else { return histories }
    let yearStart = String(request.week.prefix(4)) + "-01-01"
    try forEachDocument(
      db,
      sql: """
        d.publicationDate < ? AND d.id IN (
          SELECT documentId FROM documentParty WHERE nameId IN (SELECT value FROM json_each(?)))
        """,
      arguments: [request.week, Self.jsonArray(candidateNames)]
    ) { stored in
      let document = stored.document
      guard let date = document.publicationDate else { return }
      let facts = DerivedFacts(document, classifier: classifier)
      guard let company = facts.company else { return }
      for topic in facts.topics {
        let key = CompanyTopicKey(company: company, topic: topic, type: document.type)
        guard var history = histories[key] else { continue }
        if date >= yearStart { history.earlierThisYear += 1 }
        if let latest = history.latestBefore,
          (latest.publicationDate, latest.publicationNumber) >= (date, document.publicationNumber)
        {
          histories[key] = history
          continue
        }
        history.latestBefore = HistoryBackground.LatestFiling(
          publicationNumber: document.publicationNumber, publicationDate: date)
        histories[key] = history
      }
    }
    return histories
  }

  /// `values` as a JSON array, for `json_each(?)`: one statement argument however many values.
  static func jsonArray<Value: Encodable>(_ values: [Value]) throws -> String {
    String(decoding: try JSONEncoder().encode(values), as: UTF8.self)
  }
}
