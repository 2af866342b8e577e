import Foundation
import GRDB
import PatentDigestTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The history under faults and company: an import killed at any moment leaves each file
/// recorded whole or not at all; readers read while a job writes, and two writers take turns.
@Suite("History: kills and concurrent use")
struct HistoryFaultTests {
  /// Sample applications repeated: 36 documents a copy, all in the week of 2026-11-22.
  private static let copies = 20
  private static let documentsPerFeed = 36 * copies

  /// `count` feeds of `documentsPerFeed` documents each, named `name-N.xml`.
  private func feeds(_ count: Int, named name: String, in folder: URL) throws -> [String] {
    let week = try HistoryTestSupport.sampleDocuments("ipa261126.xml").joined()
    let xml = String(repeating: week, count: Self.copies)
    return try (1...count).map { try HistoryTestSupport.writeFeed(xml, named: "\(name)-\($0).xml", in: folder) }
  }

  private func start(_ arguments: [String], standardError: URL? = nil) throws -> Process {
    let process = Process()
    process.executableURL = BinaryRunner.binary
    process.arguments = arguments
    process.currentDirectoryURL = TestPaths.packageRoot
    process.standardOutput = FileHandle.nullDevice
    process.standardError = try standardError.map { try FileHandle(forWritingTo: $0) } ?? FileHandle.nullDevice
    try process.run()
    return process
  }

  /// Checks the database after a kill: sound, and every file in it whole. Returns how many files
  /// it holds.
  private func expectWholeFiles(in database: String, round: Int) throws -> Int {
    guard let size = try? FileManager.default.attributesOfItem(atPath: database)[.size] as? Int, size > 0 else { return 0 }
    return try DatabaseQueue(path: database).read { db in
      #expect(try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"], "round \(round)")
      guard try db.tableExists("feedFile") else { return 0 }
      let files = try Row.fetchAll(db, sql: "SELECT id, key, documentCount FROM feedFile")
      for file in files {
        let stored = try Int.fetchOne(db, sql: "SELECT count(*) FROM document WHERE fileId = ?", arguments: [file["id"]])
        #expect(file["documentCount"] == Self.documentsPerFeed, "round \(round): \(file["key"] as String? ?? "")")
        #expect(stored == Self.documentsPerFeed, "round \(round): \(file["key"] as String? ?? "") holds \(stored ?? 0) documents")
      }
      #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM document") == files.count * Self.documentsPerFeed)
      #expect(
        try Int.fetchOne(db, sql: "SELECT count(*) FROM documentParty WHERE documentId NOT IN (SELECT id FROM document)") == 0)
      return files.count
    }
  }

  @Test("killed at many moments of an import: each file is in the history whole or not at all")
  func killedDuringImport() throws {
    let folder = try TestPaths.newTemporaryFolder("history-kill")
    let feeds = try feeds(4, named: "week", in: folder)
    let database = folder.appendingPathComponent("history.sqlite").path
    // A whole run, to spread the kills over it.
    let timing = try BinaryRunner.runLimited(
      ["history", "import", "-q", "--history", folder.appendingPathComponent("timing.sqlite").path] + feeds,
      timeLimit: .seconds(120))
    #expect(timing.run.status == 0, "\(timing.run.standardError)")
    let whole = Double(timing.elapsed.components.seconds) + Double(timing.elapsed.components.attoseconds) / 1e18
    var generator = SystemRandomNumberGenerator()
    var recorded = 0
    for round in 0..<12 {
      let process = try start(["history", "import", "-q", "--history", database] + feeds)
      // Spread over the first half of a whole run: each round records a file or two more.
      usleep(UInt32(Double.random(in: 0.05...0.5, using: &generator) * whole * 1e6))
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      let files = try expectWholeFiles(in: database, round: round)
      #expect(files >= recorded, "round \(round): a file recorded earlier was lost")
      recorded = files
    }
    // A run that is not killed finishes the job.
    let last = try BinaryRunner.run(["history", "import", "-q", "--history", database] + feeds)
    #expect(last.status == 0, "\(last.standardError)")
    #expect(try expectWholeFiles(in: database, round: 12) == 4)
  }

  @Test("readers see each file whole while an import writes")
  func readWhileWriting() throws {
    let folder = try TestPaths.newTemporaryFolder("history-read")
    let feeds = try feeds(3, named: "week", in: folder)
    let database = folder.appendingPathComponent("history.sqlite").path
    // The history exists (readers need a file), with nothing in it yet.
    #expect(try BinaryRunner.run(["history", "import", "-q", "--history", database, "Samples/ipg261124.zip"]).status == 0)
    let writer = try start(["history", "import", "-q", "--history", database] + feeds)
    var seen: Set<Int> = []
    var readsDuringWrite = 0
    repeat {
      let read = try BinaryRunner.run(["history", "--history", database, "--weeks", "1", "--format", "csv"])
      #expect(read.status == 0, "\(read.standardError)")
      // `week,documents,applications,grants` then the week: the applications are the feeds'.
      let fields = read.standardOutput.split(separator: "\n").last?.split(separator: ",") ?? []
      let applications = fields.count == 4 ? Int(fields[2]) ?? -1 : -1
      #expect(applications % Self.documentsPerFeed == 0, "a reader saw \(applications) applications: part of a file")
      seen.insert(applications)
      if writer.isRunning { readsDuringWrite += 1 }
    } while writer.isRunning
    writer.waitUntilExit()
    #expect(writer.terminationStatus == 0)
    #expect(readsDuringWrite > 0)
    #expect(try HistoryTestSupport.value("SELECT count(*) FROM feedFile", in: database) == 4)
  }

  @Test("two imports at once take turns; both record everything")
  func twoWriters() throws {
    let folder = try TestPaths.newTemporaryFolder("history-writers")
    let first = try feeds(2, named: "first", in: folder)
    let second = try feeds(2, named: "second", in: folder)
    let database = folder.appendingPathComponent("history.sqlite").path
    // Both start on a file that does not exist yet: one makes the tables, the other finds them.
    let errors = [first, second].map { _ in folder.appendingPathComponent("stderr-\(UUID().uuidString)") }
    let writers = try zip([first, second], errors).map { feeds, error in
      _ = FileManager.default.createFile(atPath: error.path, contents: nil)
      return try start(["history", "import", "-q", "--history", database] + feeds, standardError: error)
    }
    for (writer, error) in zip(writers, errors) {
      writer.waitUntilExit()
      #expect(writer.terminationStatus == 0, "\((try? String(contentsOf: error, encoding: .utf8)) ?? "")")
    }
    #expect(try expectWholeFiles(in: database, round: 0) == 4)
  }
}
