import GRDB

/// The history's tables, one migration per schema version. A migration is never changed once
/// released: a new version adds one.
///
/// - `feedFile`: one row per recorded feed, keyed by its unrevised name (`ipg260106.zip`), with
///   the revision that is recorded; a higher revision deletes the row, and with it (cascading)
///   every document the lower one recorded.
/// - `document`: what the watch list and the topics need to be worked out again without the
///   feeds (numbers, type, dates, title, the abstract deflated, CPC), plus `week`: the Sunday starting the
///   publishing week, which every count by week groups on.
/// - `partyName` and `documentParty`: assignees (all) and applicants that are organisations, as
///   filed. A name is stored once however often it files, so a watch list is matched against
///   each distinct name once and the company roll-up is an index lookup.
/// - `featured` (version 2): what each published draft featured, keyed by application number, so
///   an application and its later grant are the same story.
/// - Version 3, what a watch list makes of the documents (derived: all of it can be worked out
///   again from the tables above, and is, when the watch list changes):
///   - `derivation`: one row, the fingerprint of the classifier the derived tables were made
///     with (`ClassifierFingerprint`). No row: they are not current, and readers work the
///     answers out from the documents.
///   - `weekTally`: per file and week, documents per type, per watched company and per topic,
///     so a week's counts read a few dozen rows instead of classifying thousands of documents.
///   - `watchedFiling`: one row per watched document and topic, keyed for the draft's context
///     lines: a company, topic and type's filings in a span of dates, and the latest before a
///     date, are one index range each.
enum HistorySchema {
  /// Written into the file's header (`PRAGMA application_id`): "PDHS".
  static let applicationID: Int32 = 0x5044_4853
  /// The schema version this build writes (`PRAGMA user_version`).
  static let currentVersion = 3

  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1") { db in
      try db.execute(
        sql: """
          PRAGMA application_id = \(applicationID);
          CREATE TABLE feedFile (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            fileName TEXT NOT NULL,
            revision INTEGER,
            product TEXT,
            dataDate TEXT,
            documentCount INTEGER NOT NULL,
            failedDocumentCount INTEGER NOT NULL,
            recordedAt TEXT NOT NULL
          );
          CREATE TABLE document (
            id INTEGER PRIMARY KEY,
            fileId INTEGER NOT NULL REFERENCES feedFile(id) ON DELETE CASCADE,
            week TEXT,
            type TEXT NOT NULL,
            publicationNumber TEXT NOT NULL,
            kind TEXT NOT NULL,
            publicationDate TEXT,
            filingDate TEXT,
            applicationNumber TEXT,
            applicationType TEXT,
            title TEXT NOT NULL,
            abstractDeflated BLOB,
            cpcMain TEXT,
            cpcFurther TEXT NOT NULL,
            relatedDocuments TEXT NOT NULL
          );
          CREATE INDEX document_fileId ON document(fileId);
          CREATE INDEX document_week ON document(week, type);
          CREATE INDEX document_applicationNumber ON document(applicationNumber);
          CREATE INDEX document_publicationNumber ON document(publicationNumber);
          CREATE TABLE partyName (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE
          );
          CREATE TABLE documentParty (
            documentId INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
            role TEXT NOT NULL,
            position INTEGER NOT NULL,
            nameId INTEGER NOT NULL REFERENCES partyName(id),
            kind TEXT NOT NULL,
            PRIMARY KEY (documentId, role, position)
          ) WITHOUT ROWID;
          CREATE INDEX documentParty_nameId ON documentParty(nameId);
          PRAGMA user_version = 1;
          """)
    }
    migrator.registerMigration("v2") { db in
      try db.execute(
        sql: """
          CREATE TABLE featured (
            applicationNumber TEXT NOT NULL,
            week TEXT NOT NULL,
            publicationNumber TEXT NOT NULL,
            company TEXT,
            recordedAt TEXT NOT NULL,
            PRIMARY KEY (applicationNumber, week)
          ) WITHOUT ROWID;
          CREATE INDEX featured_week ON featured(week);
          PRAGMA user_version = 2;
          """)
    }
    migrator.registerMigration("v3") { db in
      try db.execute(
        sql: """
          CREATE TABLE derivation (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            fingerprint TEXT NOT NULL,
            derivedAt TEXT NOT NULL
          );
          CREATE TABLE weekTally (
            week TEXT NOT NULL,
            dimension TEXT NOT NULL,
            name TEXT NOT NULL,
            fileId INTEGER NOT NULL REFERENCES feedFile(id) ON DELETE CASCADE,
            count INTEGER NOT NULL,
            PRIMARY KEY (week, dimension, name, fileId)
          ) WITHOUT ROWID;
          CREATE INDEX weekTally_fileId ON weekTally(fileId);
          CREATE TABLE watchedFiling (
            company TEXT NOT NULL,
            topic TEXT NOT NULL,
            type TEXT NOT NULL,
            publicationDate TEXT NOT NULL,
            publicationNumber TEXT NOT NULL,
            documentId INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
            PRIMARY KEY (company, topic, type, publicationDate, publicationNumber, documentId)
          ) WITHOUT ROWID;
          CREATE INDEX watchedFiling_documentId ON watchedFiling(documentId);
          PRAGMA user_version = 3;
          """)
    }
    return migrator
  }
}
