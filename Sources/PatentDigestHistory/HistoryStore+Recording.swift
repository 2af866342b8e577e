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
    self.name = name
    prepared = documents.map { PreparedDocument($0, classifier: classifier) }
    self.failedDocumentCount = failedDocumentCount
    self.classifier = classifier
  }
}

/// A document with its abstract already deflated and, given a classifier, its facts worked out:
/// made on the reader's worker threads, so the writing thread only inserts. A class: it is
/// handed from thread to thread, and a reference moves with one count where the struct's dozen
/// strings each took their own.
final class PreparedDocument: Sendable {
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
    let queue = PreparedDocumentQueue(feed.prepared, end: .complete(failedDocumentCount: feed.failedDocumentCount))
    let recording = try record(feed.name, classifier: feed.classifier, from: queue, at: date)
    if recording.rederived > 0 { rederived(recording.rederived) }
    guard let outcome = recording.outcome else {
      preconditionFailure("a feed whose documents are all in hand ends complete, so it is recorded or unchanged")
    }
    return outcome
  }

  /// What recording a feed from a queue did.
  struct QueuedRecording {
    /// nil: the feed ended unusable, and nothing of it was recorded.
    var outcome: RecordingOutcome?
    /// Stored documents whose facts were worked out again (the watch list had changed).
    var rederived: Int
  }

  /// Records the feed `name` in one transaction as its documents come through `queue` (from a
  /// reader on another thread): the inserting runs alongside the reading. A feed that ends
  /// unusable is rolled back whole. On a failure the queue is abandoned, so its reader never
  /// waits on it.
  ///
  /// With a `classifier`, each document's facts are the ones prepared with it; without one, they
  /// are made with the watch list the history's facts were made with, so they stay current (a
  /// history with none has them out of date until a recording with a classifier).
  func record(
    _ name: FeedFileName, classifier: Classifier?, from queue: PreparedDocumentQueue, at date: Date
  ) throws(HistoryError) -> QueuedRecording {
    let recordedAt = Self.timestamp(date)
    do {
      return try write(deciding: { db in
        let existing = try Self.recordedFile(key: name.key, in: db)
        if let existing {
          guard name.replaces(recordedRevision: existing.revision) else {
            queue.abandon()
            return (QueuedRecording(outcome: .unchanged(recorded: existing), rederived: 0), .rollback)
          }
          // Cascades to the documents and their parties.
          try db.execute(sql: "DELETE FROM feedFile WHERE key = ?", arguments: [name.key])
        }
        // The counts are set once the feed has ended.
        try db.execute(
          sql: """
            INSERT INTO feedFile (key, fileName, revision, product, dataDate, documentCount, failedDocumentCount, recordedAt)
            VALUES (?, ?, ?, ?, ?, 0, 0, ?)
            """,
          arguments: [name.key, name.fileName, name.revision, name.product?.rawValue, name.dataDate, recordedAt])
        let fileID = db.lastInsertedRowID
        var rederivedCount = 0
        // Who makes the facts of documents that come without them; nil: they come with them, or
        // none are made.
        var storedClassifier: Classifier?
        if let classifier {
          if try Self.derivedFingerprint(db) != ClassifierFingerprint(classifier).text {
            rederivedCount = try Self.deriveAll(db, classifier: classifier, exceptFile: fileID, at: recordedAt)
          }
        } else if let stored = try Self.derivedFingerprint(db) {
          storedClassifier = ClassifierFingerprint.classifier(from: stored)
          if storedClassifier == nil { try db.execute(sql: "DELETE FROM derivation") }
        }
        var inserter = try DocumentInserter(db, fileID: fileID, dataDate: name.dataDate)
        var derived = DerivedRows()
        var documentCount = 0
        while true {
          switch queue.take() {
          case .documents(let batch):
            let documentIDs = try inserter.insert(batch)
            documentCount += batch.count
            for (prepared, documentID) in zip(batch, documentIDs) {
              guard let facts = prepared.facts ?? storedClassifier.map({ DerivedFacts(prepared.document, classifier: $0) })
              else { continue }
              let document = prepared.document
              derived.add(
                documentID: documentID, week: inserter.week(of: document), type: document.type,
                publicationDate: document.publicationDate,
                publicationNumber: document.publicationNumber, facts: facts)
            }
          case .end(.unusable):
            return (QueuedRecording(outcome: nil, rederived: 0), .rollback)
          case .end(.complete(let failedDocumentCount)):
            try db.execute(
              sql: "UPDATE feedFile SET documentCount = ?, failedDocumentCount = ? WHERE id = ?",
              arguments: [documentCount, failedDocumentCount, fileID])
            try derived.insert(into: db, fileID: fileID)
            return (QueuedRecording(outcome: .recorded(replacing: existing), rederived: rederivedCount), .commit)
          }
        }
      })
    } catch {
      queue.abandon()
      throw error
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
/// looked up (or added) once per file, however many batches the documents come in.
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

  /// Party names already looked up or added, with their ids.
  private var nameIDs: [String: Int64] = [:]
  /// The weeks of the dates seen (a feed's documents share a date or two).
  private var weeks: [String: String] = [:]

  /// The week `document` counts in: that of its publication date, or of the feed's date.
  mutating func week(of document: StoredDocument) -> String? {
    guard let date = document.publicationDate ?? dataDate else { return nil }
    if let known = weeks[date] { return known }
    guard let week = HistoryStore.week(of: date) else { return nil }
    weeks[date] = week
    return week
  }

  /// Inserts `documents`; returns their ids, in order.
  mutating func insert(_ documents: [PreparedDocument]) throws -> [Int64] {
    var documentIDs: [Int64] = []
    documentIDs.reserveCapacity(documents.count)
    for prepared in documents {
      let document = prepared.document
      try insertDocument.execute(arguments: [
        fileID, week(of: document), document.type.rawValue,
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
