import Foundation
import GRDB
import PatentDigestTestSupport
import Testing

@testable import PatentDigestHistory

/// The history file itself: an older schema is brought up to date; a file from a newer version,
/// a file that is not a database, another program's database and a damaged one are each refused
/// with one line and exit code 2, and left byte for byte as they were.
@Suite("History: the database file")
struct HistoryDatabaseTests {
  private let sample = "Samples/ipg261124.zip"

  private func newFolder() throws -> URL {
    try TestPaths.newTemporaryFolder("history-file")
  }

  /// Runs a reading and a recording command on `database` and expects both to refuse it with one
  /// line saying `what`, exit code 2, and the file (and the folder) as they were.
  private func expectRefused(_ database: String, saying what: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let folder = (database as NSString).deletingLastPathComponent
    let before = HistoryTestSupport.bytes(database)
    let filesBefore = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    for arguments in [["history", "--history", database], ["history", "import", "--history", database, sample]] {
      let run = try BinaryRunner.run(arguments)
      #expect(run.status == 2, "\(arguments): \(run.standardError)", sourceLocation: sourceLocation)
      #expect(run.standardOutput.isEmpty, sourceLocation: sourceLocation)
      let lines = run.standardError.split(separator: "\n")
      #expect(lines.count == 1, "\(run.standardError)", sourceLocation: sourceLocation)
      #expect(lines.first?.hasPrefix("patent-digest: \(database): ") == true, sourceLocation: sourceLocation)
      #expect(run.standardError.contains(what), "\(run.standardError)", sourceLocation: sourceLocation)
      #expect(HistoryTestSupport.bytes(database) == before, "the file changed", sourceLocation: sourceLocation)
    }
    // No -wal or -shm left beside it either.
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == filesBefore, sourceLocation: sourceLocation)
  }

  @Test("a file that is not a database is refused and left as it was")
  func notADatabase() throws {
    let database = try newFolder().appendingPathComponent("notes.txt").path
    try Data(String(repeating: "The editor's notes, not a database.\n", count: 200).utf8).write(
      to: URL(fileURLWithPath: database))
    try expectRefused(database, saying: "not a history database (not SQLite)")
  }

  @Test("a file shorter than a database header is refused too")
  func tinyFile() throws {
    let database = try newFolder().appendingPathComponent("history.sqlite").path
    try Data("SQLite".utf8).write(to: URL(fileURLWithPath: database))
    try expectRefused(database, saying: "not a history database")
  }

  @Test("another program's SQLite database is refused and left as it was")
  func foreignDatabase() throws {
    let database = try newFolder().appendingPathComponent("other.sqlite").path
    try DatabaseQueue(path: database).write { db in
      try db.execute(sql: "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total INTEGER); INSERT INTO invoices VALUES (1, 5)")
    }
    try expectRefused(database, saying: "an SQLite database, but not a patent-digest history")
  }

  @Test("a history from a newer patent-digest is refused and left as it was")
  func newerSchema() throws {
    let database = try newFolder().appendingPathComponent("history.sqlite").path
    #expect(try BinaryRunner.run(["history", "import", "-q", "--history", database, sample]).status == 0)
    try DatabaseQueue(path: database).write { db in
      try db.execute(sql: "CREATE TABLE summary (week TEXT); INSERT INTO grdb_migrations VALUES ('v4'); PRAGMA user_version = 4")
    }
    try expectRefused(database, saying: "written by a newer patent-digest (history schema 4; this one knows up to 3)")
  }

  @Test("a damaged history is refused and left as it was")
  func damaged() throws {
    let database = try newFolder().appendingPathComponent("history.sqlite").path
    #expect(try BinaryRunner.run(["history", "import", "-q", "--history", database, "Samples/ipa261126.zip"]).status == 0)
    // Every page but the first (the header and the schema) overwritten: the tables' pages are
    // no longer b-tree pages.
    var bytes = try #require(HistoryTestSupport.bytes(database))
    let pageSize = Int(bytes[16]) << 8 | Int(bytes[17])
    #expect(bytes.count > 4 * pageSize)
    for index in pageSize..<bytes.count { bytes[index] = UInt8(truncatingIfNeeded: index &* 31 &+ 7) }
    try bytes.write(to: URL(fileURLWithPath: database))
    try expectRefused(database, saying: "the history database is damaged")
  }

  @Test("counts from a history that is not there: exit code 2, and no file is made")
  func missingForCounts() throws {
    let database = try newFolder().appendingPathComponent("history.sqlite").path
    let run = try BinaryRunner.run(["history", "--history", database])
    #expect(run.status == 2)
    #expect(run.standardError.contains("\(database): no history yet"))
    #expect(!FileManager.default.fileExists(atPath: database))
  }

  @Test("a version 1 history is brought up to the current version, keeping what it held")
  func migratesFromVersion1() throws {
    let database = try newFolder().appendingPathComponent("history.sqlite").path
    // Made the way the first release made it: migrations up to v1 only, and a week recorded.
    let pool = try DatabasePool(path: database)
    try HistorySchema.migrator.migrate(pool, upTo: "v1")
    try pool.write { db in
      try db.execute(
        sql: """
          INSERT INTO feedFile (id, key, fileName, revision, product, dataDate, documentCount, failedDocumentCount, recordedAt)
          VALUES (1, 'ipa261119.zip', 'ipa261119.zip', 0, 'ipa', '2026-11-19', 1, 0, '2026-11-20T06:30:00Z');
          INSERT INTO document (fileId, week, type, publicationNumber, kind, publicationDate, title, cpcFurther, relatedDocuments)
          VALUES (1, '2026-11-15', 'application', 'US20260000001A1', 'A1', '2026-11-19', 'A ring', '', '');
          """)
    }
    #expect(try pool.read { try $0.tableExists("featured") } == false)
    try pool.close()

    let run = try BinaryRunner.run(["history", "import", "-q", "--history", database, sample])
    #expect(run.status == 0, "\(run.standardError)")
    #expect(try HistoryTestSupport.value("PRAGMA user_version", in: database) == HistoryStore.schemaVersion)
    #expect(try HistoryTestSupport.value("SELECT count(*) FROM featured", in: database) == 0)
    let counts = try BinaryRunner.run(["history", "--history", database, "--weeks", "2", "--format", "csv"])
    #expect(counts.standardOutput == "week,documents,applications,grants\n2026-11-15,1,1,0\n2026-11-22,12,0,12\n")
  }

  @Test("a version 2 history gets version 3 and the facts of the documents it held, from the next import")
  func migratesFromVersion2() throws {
    let database = try newFolder().appendingPathComponent("history.sqlite").path
    // Made the way the second release made it: migrations up to v2, and a week recorded with an
    // Apple smart-glasses application in it.
    let pool = try DatabasePool(path: database)
    try HistorySchema.migrator.migrate(pool, upTo: "v2")
    try pool.write { db in
      try db.execute(
        sql: """
          INSERT INTO feedFile (id, key, fileName, revision, product, dataDate, documentCount, failedDocumentCount, recordedAt)
          VALUES (1, 'ipa261119.zip', 'ipa261119.zip', 0, 'ipa', '2026-11-19', 2, 0, '2026-11-20T06:30:00Z');
          INSERT INTO document (id, fileId, week, type, publicationNumber, kind, publicationDate, title, cpcMain, cpcFurther,
            relatedDocuments)
          VALUES (1, 1, '2026-11-15', 'application', 'US20260000001A1', 'A1', '2026-11-19', 'Smart glasses with a waveguide display',
            'G02B 27/0172', '', ''),
            (2, 1, '2026-11-15', 'application', 'US20260000002A1', 'A1', '2026-11-19', 'A garden hose', NULL, '', '');
          INSERT INTO partyName (id, name) VALUES (1, 'Apple Inc.');
          INSERT INTO documentParty (documentId, role, position, nameId, kind) VALUES (1, 'assignee', 0, 1, 'organization');
          """)
    }
    try pool.close()
    let before = try BinaryRunner.run(["history", "--history", database, "--weeks", "2", "--by", "company", "--format", "csv"])
    #expect(before.status == 0, "\(before.standardError)")
    // Reading migrates, but a reader works out no facts.
    #expect(try HistoryTestSupport.value("PRAGMA user_version", in: database) == 3)
    #expect(try HistoryTestSupport.value("SELECT count(*) FROM derivation", in: database) == 0)

    let run = try BinaryRunner.run(["history", "import", "--history", database, sample])
    #expect(run.status == 0, "\(run.standardError)")
    #expect(run.standardError.contains("worked them out again for 2 stored documents"), "\(run.standardError)")
    #expect(try HistoryTestSupport.value("SELECT count(*) FROM derivation", in: database) == 1)
    let glasses: String? = try HistoryTestSupport.value(
      "SELECT company || ' ' || type || ' ' || publicationDate FROM watchedFiling WHERE documentId = 1", in: database)
    #expect(glasses == "Apple application 2026-11-19")
    let old: Int? = try HistoryTestSupport.value(
      "SELECT sum(count) FROM weekTally WHERE week = '2026-11-15' AND dimension = 'type'", in: database)
    #expect(old == 2)
    // The counts read from the facts are the counts worked out before.
    let after = try BinaryRunner.run(["history", "--history", database, "--weeks", "2", "--by", "company", "--format", "csv"])
    func oldWeek(_ output: String) -> [Substring] {
      output.split(separator: "\n").filter { $0.hasPrefix("2026-11-15,") }
    }
    #expect(oldWeek(before.standardOutput).contains("2026-11-15,Apple,1"), "\(before.standardOutput)")
    #expect(oldWeek(after.standardOutput) == oldWeek(before.standardOutput))
  }

  @Test("what a draft featured is recorded by application number and read back by week or number")
  func featured() throws {
    let database = try newFolder().appendingPathComponent("history.sqlite").path
    let store = try HistoryStore(path: database, opening: .creatingIfMissing)
    let ring = FeaturedFiling(
      applicationNumber: "18123456", week: "2026-03-08", publicationNumber: "US20260012345A1", company: "Apple")
    let car = FeaturedFiling(
      applicationNumber: "17000001", week: "2026-03-08", publicationNumber: "US11999999B2", company: "Alphabet")
    try store.recordFeatured([ring, car], week: "2026-03-08")
    // The grant of the ring, featured later: the same story, another week.
    let grant = FeaturedFiling(
      applicationNumber: "18123456", week: "2026-11-22", publicationNumber: "US12500000B2", company: "Apple")
    try store.recordFeatured([grant], week: "2026-11-22")
    #expect(try store.featured(applicationNumbers: ["18123456"]) == [ring, grant])
    #expect(try store.featured(week: "2026-03-08") == [car, ring])
    // Publishing a week again replaces its picks.
    try store.recordFeatured([car], week: "2026-03-08")
    #expect(try store.featured(week: "2026-03-08") == [car])
    #expect(try store.featured(applicationNumbers: ["18123456", "17000001"]) == [car, grant])
  }
}
