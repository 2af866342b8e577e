public import Foundation
import GRDB
public import PatentDigest

extension HistoryStore {
  /// Works out what `classifier` makes of every stored document again, unless the history's
  /// derived facts were made with the same watch list; returns how many documents that took
  /// (nil: they were current). One transaction: a process killed meanwhile leaves the facts as
  /// they were. For writers: a history opened to read only refuses it.
  @discardableResult
  public func updateDerivedFacts(classifier: Classifier, at date: Date = Date()) throws(HistoryError) -> Int? {
    let fingerprint = ClassifierFingerprint(classifier)
    // Most runs find the facts current: looking first keeps them from waiting for the write lock.
    if try read({ db in try Self.derivedFingerprint(db) }) == fingerprint.text { return nil }
    let recordedAt = Self.timestamp(date)
    return try write { db in
      guard try Self.derivedFingerprint(db) != fingerprint.text else { return nil }
      return try Self.deriveAll(db, classifier: classifier, exceptFile: nil, at: recordedAt)
    }
  }

  /// True when the history's derived facts are what `classifier` makes of the documents.
  public func hasCurrentDerivedFacts(for classifier: Classifier) throws(HistoryError) -> Bool {
    try read { db in try Self.derivedFingerprint(db) == ClassifierFingerprint(classifier).text }
  }

  /// The fingerprint of the classifier the derived tables were made with; nil when they are
  /// out of date.
  static func derivedFingerprint(_ db: Database) throws -> String? {
    try String.fetchOne(db, sql: "SELECT fingerprint FROM derivation WHERE id = 1")
  }

  /// Empties the derived tables and works them out again from every stored document but those of
  /// `exceptFile` (whose facts the caller adds), one file at a time; marks them made by
  /// `classifier`. Returns how many documents were classified.
  static func deriveAll(_ db: Database, classifier: Classifier, exceptFile: Int64?, at recordedAt: String) throws -> Int {
    try db.execute(sql: "DELETE FROM weekTally; DELETE FROM watchedFiling; DELETE FROM derivation")
    var count = 0
    let files = try Row.fetchAll(db, sql: "SELECT id, dataDate FROM feedFile ORDER BY id")
    for file in files {
      let fileID: Int64 = file["id"]
      guard fileID != exceptFile else { continue }
      var derived = DerivedRows()
      try forEachDocument(db, sql: "d.fileId = ?", arguments: [fileID]) { stored in
        let document = stored.document
        derived.add(
          documentID: stored.id, week: stored.week, type: document.type, publicationDate: document.publicationDate,
          publicationNumber: document.publicationNumber, facts: DerivedFacts(document, classifier: classifier))
        count += 1
      }
      try derived.insert(into: db, fileID: fileID)
    }
    try db.execute(
      sql: "INSERT INTO derivation (id, fingerprint, derivedAt) VALUES (1, ?, ?)",
      arguments: [ClassifierFingerprint(classifier).text, recordedAt])
    return count
  }

  /// The tallies of the weeks from `first` through `last`, by week; weeks without documents
  /// are absent. Only meaningful when the derived facts are current.
  static func weekTallies(_ db: Database, from first: String, through last: String) throws -> [String: WeekTally] {
    var tallies: [String: WeekTally] = [:]
    let rows = try Row.fetchCursor(
      db,
      sql: """
        SELECT week, dimension, name, sum(count) AS count FROM weekTally
        WHERE week >= ? AND week <= ? GROUP BY week, dimension, name
        """, arguments: [first, last])
    while let row = try rows.next() {
      let week: String = row["week"]
      let name: String = row["name"]
      let count: Int = row["count"]
      switch WeekTally.Dimension(rawValue: row["dimension"]) {
      case .type: tallies[week, default: WeekTally()].types[name, default: 0] += count
      case .company: tallies[week, default: WeekTally()].companies[name, default: 0] += count
      case .topic: tallies[week, default: WeekTally()].topics[name, default: 0] += count
      case nil: continue
      }
    }
    return tallies
  }
}

/// One week's counts, as the derived tables hold them.
struct WeekTally: Sendable, Hashable {
  /// The values of `weekTally.dimension`.
  enum Dimension: String {
    /// Documents per type (`application`, `grant`): every document of the week.
    case type
    /// Documents per watched company (the section's company).
    case company
    /// Documents per topic.
    case topic
  }

  var types: [String: Int] = [:]
  var companies: [String: Int] = [:]
  var topics: [String: Int] = [:]

  var documents: Int { types.values.reduce(0, +) }
}

/// The derived rows of one file's documents, gathered and then inserted at once.
struct DerivedRows {
  private struct TallyKey: Hashable {
    var week: String
    var dimension: WeekTally.Dimension
    var name: String
  }

  private var tallies: [TallyKey: Int] = [:]
  private var filings: [(company: String, topic: String, type: String, date: String, number: String, documentID: Int64)] = []

  /// Counts one document of the week `week` (nil: it has no date and counts in no week).
  mutating func add(
    documentID: Int64, week: String?, type: PatentRecord.DocumentType, publicationDate: String?, publicationNumber: String,
    facts: DerivedFacts
  ) {
    if let week {
      tallies[TallyKey(week: week, dimension: .type, name: type.rawValue), default: 0] += 1
      if let company = facts.company { tallies[TallyKey(week: week, dimension: .company, name: company), default: 0] += 1 }
      for topic in Set(facts.topics) { tallies[TallyKey(week: week, dimension: .topic, name: topic), default: 0] += 1 }
    }
    guard let company = facts.company, let publicationDate else { return }
    for topic in Set(facts.topics) {
      filings.append((company, topic, type.rawValue, publicationDate, publicationNumber, documentID))
    }
  }

  func insert(into db: Database, fileID: Int64) throws {
    let tally = try db.cachedStatement(
      sql: "INSERT INTO weekTally (week, dimension, name, fileId, count) VALUES (?, ?, ?, ?, ?)")
    for (key, count) in tallies {
      try tally.execute(arguments: [key.week, key.dimension.rawValue, key.name, fileID, count])
    }
    let filing = try db.cachedStatement(
      sql: """
        INSERT INTO watchedFiling (company, topic, type, publicationDate, publicationNumber, documentId)
        VALUES (?, ?, ?, ?, ?, ?)
        """)
    for row in filings {
      try filing.execute(arguments: [row.company, row.topic, row.type, row.date, row.number, row.documentID])
    }
  }
}
