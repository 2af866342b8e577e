public import Foundation
import GRDB
public import PatentDigest

/// A feed's documents, read and ready to be recorded in one transaction.
public struct RecordedFeed: Sendable {
  public var name: FeedFileName
  /// Documents of the feed that could not be read (they are not among the documents).
  public var failedDocumentCount: Int
  var prepared: [PreparedDocument]
  /// The classifier that made each prepared document's facts; nil: none were made, and
  /// recording the feed makes them with the watch list the history's facts were made with.
  let classifier: Classifier?

  public var documents: [StoredDocument] { prepared.map(\.document) }

  /// `documents` of the feed `name`. With a `classifier` (the watch list of the run), what it
  /// makes of each document is recorded with it, keeping the history's counts by company and
  /// topic current; without one, they are made while recording with the watch list the history's
  /// facts were made with (a history with none has them worked out by the next recording with
  /// a classifier).
  public init(
    name: FeedFileName, documents: [StoredDocument], failedDocumentCount: Int, classifiedBy classifier: Classifier? = nil
  ) {
    self.init(
      name: name, prepared: documents.map { PreparedDocument($0, classifier: classifier) },
      failedDocumentCount: failedDocumentCount, classifier: classifier)
  }

  init(name: FeedFileName, prepared: [PreparedDocument], failedDocumentCount: Int, classifier: Classifier?) {
    self.name = name
    self.prepared = prepared
    self.failedDocumentCount = failedDocumentCount
    self.classifier = classifier
  }
}

/// A document with its abstract already deflated and, given a classifier, its facts worked out:
/// made on the reader's worker threads, so the writing thread only inserts.
struct PreparedDocument: Sendable {
  let document: StoredDocument
  let deflatedAbstract: Data?
  let facts: DerivedFacts?

  init(_ document: StoredDocument, classifier: Classifier?) {
    self.document = document
    deflatedAbstract = document.abstract.map { Data(DeflatedText.deflate($0)) }
    facts = classifier.map { DerivedFacts(document, classifier: $0) }
  }
}

/// A feed file as the history has it.
public struct RecordedFile: Sendable, Hashable {
  public var key: String
  public var fileName: String
  public var revision: Int?
  public var product: String?
  public var dataDate: String?
  public var documentCount: Int
  public var failedDocumentCount: Int
  /// ISO 8601, UTC.
  public var recordedAt: String
}

/// What recording a feed did.
public enum RecordingOutcome: Sendable, Hashable {
  /// The feed's documents are in the history; `replacing` names the file (a lower revision)
  /// whose documents they replaced.
  case recorded(replacing: RecordedFile?)
  /// The same file, or a higher revision of it, is already recorded: nothing changed.
  case unchanged(recorded: RecordedFile)
}

extension HistoryStore {
  /// The file recorded under `name`'s key (the unrevised name), if any.
  public func recordedFile(for name: FeedFileName) throws(HistoryError) -> RecordedFile? {
    try read { db in try Self.recordedFile(key: name.key, in: db) }
  }

  /// Records `feed` in one transaction: a process killed at any moment leaves the history as it
  /// was before or as it is after. A higher revision replaces what a lower one recorded; the same
  /// revision again (or a lower one) changes nothing.
  ///
  /// The facts the feed's classifier made are recorded in the same transaction. When the
  /// history's facts were made with another watch list (or none), they are all worked out again
  /// from the stored documents first, and `rederived` hears how many documents that took.
  public func record(
    _ feed: RecordedFeed, at date: Date = Date(), rederived: (Int) -> Void = { _ in }
  ) throws(HistoryError) -> RecordingOutcome {
    let recordedAt = Self.timestamp(date)
    return try write { db in
      let existing = try Self.recordedFile(key: feed.name.key, in: db)
      if let existing {
        guard feed.name.replaces(recordedRevision: existing.revision) else { return .unchanged(recorded: existing) }
        // Cascades to the documents and their parties.
        try db.execute(sql: "DELETE FROM feedFile WHERE key = ?", arguments: [feed.name.key])
      }
      try db.execute(
        sql: """
          INSERT INTO feedFile (key, fileName, revision, product, dataDate, documentCount, failedDocumentCount, recordedAt)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          feed.name.key, feed.name.fileName, feed.name.revision, feed.name.product?.rawValue, feed.name.dataDate,
          feed.prepared.count, feed.failedDocumentCount, recordedAt,
        ])
      let fileID = db.lastInsertedRowID
      let documentIDs = try DocumentInserter(db, fileID: fileID, dataDate: feed.name.dataDate).insert(feed.prepared)
      guard let classifier = feed.classifier else {
        // No watch list given: the file's facts are made with the one the history's facts were
        // made with, so they stay current; with none, they are out of date until a recording
        // with a classifier works them out again.
        if let stored = try Self.derivedFingerprint(db), let storedClassifier = ClassifierFingerprint.classifier(from: stored) {
          var derived = DerivedRows()
          for (prepared, documentID) in zip(feed.prepared, documentIDs) {
            let document = prepared.document
            derived.add(
              documentID: documentID, week: Self.week(of: document.publicationDate ?? feed.name.dataDate),
              type: document.type, publicationDate: document.publicationDate,
              publicationNumber: document.publicationNumber, facts: DerivedFacts(document, classifier: storedClassifier))
          }
          try derived.insert(into: db, fileID: fileID)
        } else {
          try db.execute(sql: "DELETE FROM derivation")
        }
        return .recorded(replacing: existing)
      }
      let fingerprint = ClassifierFingerprint(classifier)
      if try Self.derivedFingerprint(db) != fingerprint.text {
        let count = try Self.deriveAll(db, classifier: classifier, exceptFile: fileID, at: recordedAt)
        if count > 0 { rederived(count) }
      }
      var derived = DerivedRows()
      for (prepared, documentID) in zip(feed.prepared, documentIDs) {
        guard let facts = prepared.facts else { continue }
        let document = prepared.document
        derived.add(
          documentID: documentID, week: Self.week(of: document.publicationDate ?? feed.name.dataDate), type: document.type,
          publicationDate: document.publicationDate, publicationNumber: document.publicationNumber, facts: facts)
      }
      try derived.insert(into: db, fileID: fileID)
      return .recorded(replacing: existing)
    }
  }

  static func recordedFile(key: String, in db: Database) throws -> RecordedFile? {
    try Row.fetchOne(db, sql: "SELECT * FROM feedFile WHERE key = ?", arguments: [key]).map(recordedFile(from:))
  }

  static func recordedFile(from row: Row) -> RecordedFile {
    RecordedFile(
      key: row["key"], fileName: row["fileName"], revision: row["revision"], product: row["product"], dataDate: row["dataDate"],
      documentCount: row["documentCount"], failedDocumentCount: row["failedDocumentCount"], recordedAt: row["recordedAt"])
  }

  static func timestamp(_ date: Date) -> String {
    var format = Date.ISO8601FormatStyle()
    format.timeZone = TimeZone(identifier: "UTC")!
    return date.formatted(format)
  }

  /// The week a document counts in: the Sunday that starts its publishing week.
  static func week(of date: String?) -> String? {
    date.flatMap(PublishingWeek.init(containing:))?.sunday
  }
}

/// Inserts one file's documents and their parties with prepared statements, each party name
/// looked up (or added) once per file.
private struct DocumentInserter {
  let db: Database
  let fileID: Int64
  let dataDate: String?
  let insertDocument: Statement
  let insertParty: Statement
  let findName: Statement
  let insertName: Statement

  init(_ db: Database, fileID: Int64, dataDate: String?) throws {
    self.db = db
    self.fileID = fileID
    self.dataDate = dataDate
    insertDocument = try db.cachedStatement(
      sql: """
        INSERT INTO document (fileId, week, type, publicationNumber, kind, publicationDate, filingDate, applicationNumber,
          applicationType, title, abstractDeflated, cpcMain, cpcFurther, relatedDocuments)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    insertParty = try db.cachedStatement(
      sql: "INSERT INTO documentParty (documentId, role, position, nameId, kind) VALUES (?, ?, ?, ?, ?)")
    findName = try db.cachedStatement(sql: "SELECT id FROM partyName WHERE name = ?")
    insertName = try db.cachedStatement(sql: "INSERT INTO partyName (name) VALUES (?)")
  }

  /// Inserts `documents`; returns their ids, in order.
  func insert(_ documents: [PreparedDocument]) throws -> [Int64] {
    var documentIDs: [Int64] = []
    documentIDs.reserveCapacity(documents.count)
    var nameIDs: [String: Int64] = [:]
    for prepared in documents {
      let document = prepared.document
      try insertDocument.execute(arguments: [
        fileID, HistoryStore.week(of: document.publicationDate ?? dataDate), document.type.rawValue,
        document.publicationNumber, document.kind, document.publicationDate, document.filingDate,
        document.applicationNumber, document.applicationType, document.title,
        prepared.deflatedAbstract,
        document.cpcMain,
        document.cpcFurther.joined(separator: StoredDocument.listSeparator),
        document.relatedDocuments.joined(separator: StoredDocument.listSeparator),
      ])
      let documentID = db.lastInsertedRowID
      documentIDs.append(documentID)
      var positions: [StoredDocument.StoredParty.Role: Int] = [:]
      for party in document.parties {
        let nameID: Int64
        if let known = nameIDs[party.name] {
          nameID = known
        } else if let stored = try Int64.fetchOne(findName, arguments: [party.name]) {
          nameID = stored
        } else {
          try insertName.execute(arguments: [party.name])
          nameID = db.lastInsertedRowID
        }
        nameIDs[party.name] = nameID
        let position = positions[party.role, default: 0]
        positions[party.role] = position + 1
        try insertParty.execute(arguments: [documentID, party.role.rawValue, position, nameID, party.kind.rawValue])
      }
    }
    return documentIDs
  }
}
