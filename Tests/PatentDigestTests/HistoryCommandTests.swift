import Foundation
import PatentDigestTestSupport
import Testing

/// `patent-digest history import` and `history` as a user runs them: what is recorded, what a
/// second run and a revision do, and the counts against what `build` says of the same week.
@Suite("History: import and counts through the binary")
struct HistoryCommandTests {
  private let samples = ["Samples/ipa261126.zip", "Samples/ipg261124.zip"]

  private func newHistory() throws -> (folder: URL, database: String) {
    let folder = try TestPaths.newTemporaryFolder("history")
    return (folder, folder.appendingPathComponent("history.sqlite").path)
  }

  @Test("import records each sample feed; the counts agree with build's by-the-numbers")
  func importAndCounts() throws {
    let (_, database) = try newHistory()
    let imported = try BinaryRunner.run(["history", "import", "--history", database] + samples)
    #expect(imported.status == 0, "\(imported.standardError)")
    #expect(imported.standardOutput.isEmpty)
    #expect(imported.standardError.contains("Samples/ipa261126.zip: recorded 36 documents"))
    #expect(imported.standardError.contains("Samples/ipg261124.zip: recorded 12 documents"))
    // stderr is a pipe here: no progress line.
    #expect(!imported.standardError.contains("documents/s"))

    let totals = try BinaryRunner.run(["history", "--history", database, "--weeks", "2", "--format", "csv"])
    #expect(totals.status == 0, "\(totals.standardError)")
    #expect(totals.standardOutput == "week,documents,applications,grants\n2026-11-15,0,0,0\n2026-11-22,48,36,12\n")

    // The same week drafted: its per-company and per-topic numbers are the history's.
    let build = try BinaryRunner.run(["build", "-q", "--format", "json"] + samples)
    #expect(build.status == 0)
    #expect(try JSONSchemaCheck.problems(in: build.standardOutput, against: .draft) == [])
    let draft = try JSONSerialization.jsonObject(with: Data(build.standardOutput.utf8)) as? [String: Any]
    let numbers = draft?["byTheNumbers"] as? [String: Any]
    func counts(_ key: String) -> [String: Int] {
      let list = numbers?[key] as? [[String: Any]] ?? []
      return Dictionary(
        uniqueKeysWithValues: list.compactMap { entry in
          (entry["name"] as? String).flatMap { name in (entry["count"] as? Int).map { (name, $0) } }
        })
    }
    for (dimension, key) in [("company", "perCompany"), ("topic", "perTopic")] {
      let run = try BinaryRunner.run(["history", "--history", database, "--by", dimension, "--weeks", "1", "--format", "json"])
      #expect(run.status == 0, "\(run.standardError)")
      #expect(try JSONSchemaCheck.problems(in: run.standardOutput, against: .historyCounts) == [])
      let json = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any]
      #expect(json?["by"] as? String == dimension)
      let week = (json?["weeks"] as? [[String: Any]])?.first
      #expect(week?["week"] as? String == "2026-11-22")
      let history = Dictionary(
        uniqueKeysWithValues: (week?["counts"] as? [[String: Any]] ?? []).compactMap { entry -> (String, Int)? in
          guard let name = entry["name"] as? String, let count = entry["count"] as? Int, count > 0 else { return nil }
          return (name, count)
        })
      #expect(!history.isEmpty)
      #expect(history == counts(key).filter { $0.value > 0 }, "by \(dimension)")
    }
  }

  @Test("the text table, by company, two weeks")
  func textTable() throws {
    let (_, database) = try newHistory()
    #expect(try BinaryRunner.run(["history", "import", "-q", "--history", database] + samples).status == 0)
    let run = try BinaryRunner.run(["history", "--history", database, "--by", "company", "--weeks", "2"])
    #expect(run.status == 0, "\(run.standardError)")
    try expectSnapshot(run.standardOutput, named: "history-by-company.txt")
  }

  @Test("a watch list given now changes the company counts, from the stored parties alone")
  func watchListGivenNow() throws {
    let (folder, database) = try newHistory()
    #expect(try BinaryRunner.run(["history", "import", "-q", "--history", database] + samples).status == 0)
    let watchList = try String(
      contentsOfFile: TestPaths.packageRoot.appendingPathComponent("watchlist.yaml").path, encoding: .utf8)
    // Unwatching Apple leaves its column out; nothing else moves.
    let edited = watchList.replacingOccurrences(
      of: "  - name: Apple\n    watched: true\n", with: "  - name: Apple\n    watched: false\n")
    #expect(edited != watchList, "the default watch list no longer has an Apple entry to edit")
    let file = folder.appendingPathComponent("watchlist.yaml")
    try Data(edited.utf8).write(to: file)
    let before = try BinaryRunner.run(["history", "--history", database, "--by", "company", "--weeks", "1", "--format", "csv"])
    let after = try BinaryRunner.run([
      "history", "--history", database, "--by", "company", "--weeks", "1", "--format", "csv", "--watchlist", file.path,
    ])
    #expect(after.status == 0, "\(after.standardError)")
    #expect(before.standardOutput.contains("2026-11-22,Apple,6\n"))
    #expect(!after.standardOutput.contains("Apple"))
    #expect(after.standardOutput.contains("2026-11-22,Alphabet,10\n"))
  }

  @Test("an import with another watch list works the facts out again; counts read from them match counts worked out")
  func importWithAnotherWatchList() throws {
    let (folder, database) = try newHistory()
    #expect(try BinaryRunner.run(["history", "import", "-q", "--history", database] + samples).status == 0)
    let watchList = try String(
      contentsOfFile: TestPaths.packageRoot.appendingPathComponent("watchlist.yaml").path, encoding: .utf8)
    let edited = watchList.replacingOccurrences(
      of: "  - name: Apple\n    watched: true\n", with: "  - name: Apple\n    watched: false\n")
    #expect(edited != watchList, "the default watch list no longer has an Apple entry to edit")
    let file = folder.appendingPathComponent("watchlist.yaml").path
    try Data(edited.utf8).write(to: URL(fileURLWithPath: file))
    func counts(_ dimension: String, _ watchList: [String] = []) throws -> String {
      let run = try BinaryRunner.run(
        ["history", "--history", database, "--by", dimension, "--weeks", "2", "--format", "csv"] + watchList)
      #expect(run.status == 0, "\(run.standardError)")
      return run.standardOutput
    }
    // Worked out from the stored documents: the facts are the built-in list's.
    let workedOut = (try counts("company", ["--watchlist", file]), try counts("topic", ["--watchlist", file]))
    let builtIn = (try counts("company"), try counts("topic"))
    #expect(workedOut.0 != builtIn.0)

    // The files are recorded already: nothing is read again, but the facts are made anew.
    let again = try BinaryRunner.run(["history", "import", "--history", database, "--watchlist", file] + samples)
    #expect(again.status == 0, "\(again.standardError)")
    #expect(again.standardError.contains("worked them out again for 48 stored documents"), "\(again.standardError)")
    #expect(try HistoryTestSupport.value("SELECT count(*) FROM watchedFiling WHERE company = 'Apple'", in: database) == 0)
    #expect(try counts("company", ["--watchlist", file]) == workedOut.0)
    #expect(try counts("topic", ["--watchlist", file]) == workedOut.1)
    // And the built-in list's counts are now the ones worked out.
    #expect(try counts("company") == builtIn.0)
    #expect(try counts("topic") == builtIn.1)
    // The same list again: nothing to do, nothing said.
    let third = try BinaryRunner.run(["history", "import", "--history", database, "--watchlist", file] + samples)
    #expect(!third.standardError.contains("worked them out again"))
  }

  @Test("importing the same files again changes nothing")
  func reimportChangesNothing() throws {
    let (_, database) = try newHistory()
    #expect(try BinaryRunner.run(["history", "import", "-q", "--history", database] + samples).status == 0)
    let before = try HistoryTestSupport.dump(database)
    let again = try BinaryRunner.run(["history", "import", "--history", database] + samples)
    #expect(again.status == 0)
    #expect(again.standardError.contains("ipa261126.zip is already recorded (36 documents); nothing changed"))
    #expect(try HistoryTestSupport.dump(database) == before)
    #expect(before.contains("ipa261126.zip"))
  }

  @Test("a revised file replaces what its original recorded; the original again changes nothing")
  func revisionReplaces() throws {
    let (folder, database) = try newHistory()
    let documents = try HistoryTestSupport.sampleDocuments("ipg261124.xml")
    let original = try HistoryTestSupport.writeFeed(documents.joined(), named: "ipg261124.zip", in: folder)
    // The revision drops all but the first five documents.
    let revised = try HistoryTestSupport.writeFeed(documents.prefix(5).joined(), named: "ipg261124_r1.zip", in: folder)
    #expect(try BinaryRunner.run(["history", "import", "-q", "--history", database, original]).status == 0)
    #expect(try HistoryTestSupport.value("SELECT count(*) FROM document", in: database) == 12)

    let replaced = try BinaryRunner.run(["history", "import", "--history", database, revised])
    #expect(replaced.status == 0, "\(replaced.standardError)")
    #expect(replaced.standardError.contains("recorded 5 documents, replacing ipg261124.zip (12 documents)"))
    #expect(try HistoryTestSupport.value("SELECT count(*) FROM document", in: database) == 5)
    #expect(
      try HistoryTestSupport.value("SELECT fileName FROM feedFile WHERE key = 'ipg261124.zip'", in: database)
        == "ipg261124_r1.zip")
    #expect(try HistoryTestSupport.value("SELECT revision FROM feedFile", in: database) == 1)
    #expect(
      try HistoryTestSupport.value(
        "SELECT count(*) FROM documentParty WHERE documentId NOT IN (SELECT id FROM document)", in: database) == 0)

    let older = try BinaryRunner.run(["history", "import", "--history", database, original])
    #expect(older.status == 0)
    #expect(older.standardError.contains("ipg261124_r1.zip is already recorded (5 documents); nothing changed"))
    #expect(try HistoryTestSupport.value("SELECT count(*) FROM document", in: database) == 5)
  }

  @Test("a feed whose name is not a weekly one is recorded under its own name, with no revision")
  func ownName() throws {
    let (_, database) = try newHistory()
    #expect(try BinaryRunner.run(["history", "import", "-q", "--history", database, "Samples/ipg261124.xml"]).status == 0)
    #expect(try HistoryTestSupport.value("SELECT key FROM feedFile", in: database) == "ipg261124.xml")
    #expect(try HistoryTestSupport.value("SELECT revision IS NULL FROM feedFile", in: database) == true)
    #expect(try HistoryTestSupport.value("SELECT week FROM document LIMIT 1", in: database) == "2026-11-22")
  }

  @Test("a feed that cannot be read whole is not recorded; the others are, and the exit code is 2")
  func unreadableFeedNotRecorded() throws {
    let (folder, database) = try newHistory()
    let zip = try Data(contentsOf: TestPaths.packageRoot.appendingPathComponent("Samples/ipa261126.zip"))
    let truncated = folder.appendingPathComponent("ipa261203.zip")
    try zip.prefix(zip.count / 2).write(to: truncated)
    let run = try BinaryRunner.run(["history", "import", "--history", database, truncated.path, "Samples/ipg261124.zip"])
    #expect(run.status == 2)
    #expect(run.standardError.contains("ipa261203.zip: not recorded, since it could not be read whole"))
    #expect(try HistoryTestSupport.value("SELECT group_concat(key) FROM feedFile", in: database) == "ipg261124.zip")
  }

  @Test("standard input cannot be imported: exit code 64")
  func standardInputRefused() throws {
    let (_, database) = try newHistory()
    let run = try BinaryRunner.run(["history", "import", "--history", database, "-"])
    #expect(run.status == 64)
    #expect(run.standardError.contains("standard input (-) has no file name"))
    #expect(!FileManager.default.fileExists(atPath: database))
  }

  @Test("PATENT_DIGEST_HISTORY names the file when --history does not")
  func environmentNamesTheFile() throws {
    let (_, database) = try newHistory()
    let process = Process()
    process.executableURL = BinaryRunner.binary
    process.arguments = ["history", "import", "-q", "Samples/ipg261124.zip"]
    process.currentDirectoryURL = TestPaths.packageRoot
    process.environment = ProcessInfo.processInfo.environment.merging(["PATENT_DIGEST_HISTORY": database]) { $1 }
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(try HistoryTestSupport.value("SELECT count(*) FROM document", in: database) == 12)
  }

  @Test("build --out --history records the week; a build to stdout never writes the history")
  func buildRecordsTheWeek() throws {
    let (folder, database) = try newHistory()
    let out = folder.appendingPathComponent("drafts").path
    let toStdout = try BinaryRunner.run(["build", "-q", "--history", database] + samples)
    #expect(toStdout.status == 0, "\(toStdout.standardError)")
    #expect(!FileManager.default.fileExists(atPath: database))

    let published = try BinaryRunner.run(["build", "--out", out, "--history", database] + samples)
    #expect(published.status == 0, "\(published.standardError)")
    #expect(published.standardError.contains("history: Samples/ipa261126.zip: recorded 36 documents"))
    #expect(FileManager.default.fileExists(atPath: out + "/draft.md"))
    #expect(try HistoryTestSupport.value("SELECT count(*) FROM document", in: database) == 48)

    let before = try HistoryTestSupport.dump(database)
    #expect(try BinaryRunner.run(["build", "-q", "--history", database] + samples).status == 0)
    #expect(try BinaryRunner.run(["build", "-q", "--out", out, "--history", database] + samples).status == 0)
    #expect(try HistoryTestSupport.dump(database) == before)
  }

  @Test("build --out with a history that is not one stops before writing the draft")
  func buildRefusesABadHistory() throws {
    let (folder, database) = try newHistory()
    try Data("not a database".utf8).write(to: URL(fileURLWithPath: database))
    let out = folder.appendingPathComponent("drafts").path
    let run = try BinaryRunner.run(["build", "-q", "--out", out, "--history", database] + samples)
    #expect(run.status == 2)
    #expect(run.standardError.contains("not a history database"))
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test(
    "on a terminal, import shows its progress: files, documents, rate",
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs script(1) for a terminal"))
  func progressOnATerminal() throws {
    let (_, database) = try newHistory()
    // script(1) runs the binary on a pseudo-terminal and copies what it wrote.
    let command = ([BinaryRunner.binary.path, "history", "import", "--history", database] + samples).joined(separator: " ")
    let run = try BinaryRunner.run(
      ["-qec", command, "/dev/null"], executable: URL(fileURLWithPath: "/usr/bin/script"))
    #expect(run.status == 0, "\(run.standardOutput)")
    #expect(run.standardOutput.contains("history: 1/2 files, 36 documents, "))
    #expect(run.standardOutput.contains("history: 2/2 files, 48 documents, "))
    #expect(run.standardOutput.contains(" documents/s"))
  }
}
