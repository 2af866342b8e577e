import Foundation
import PatentDigestTestSupport
import PortalFake
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `patent-digest fetch` against a fake portal on 127.0.0.1: the week's files, revisions, the
/// key kept to the portal's host, and nothing lost or half-written whatever goes wrong.
@Suite("fetch")
struct FetchCommandTests {
  @Test("fetches the week's grant and application files at their latest revision, the key never leaving the portal")
  func fetchesTheWeek() async throws {
    let scene = try await FetchScene.start([
      FetchScene.grantFile("ipg261117.zip", date: "2026-11-17"),
      FetchScene.grantFile(), FetchScene.grantFile("ipg261124_r1.zip"), FetchScene.grantFile("ipg261124_r2.zip"),
      FetchScene.applicationFile(),
    ])
    let run = try scene.fetch()
    #expect(run.status == 0, "\(run.standardError)")
    #expect(run.standardOutput == "\(scene.into)/ipg261124_r2.zip\n\(scene.into)/ipa261126.zip\n")
    #expect(scene.files == ["ipa261126.zip", "ipg261124_r2.zip"])
    #expect(scene.holds("ipg261124_r2.zip", FetchScene.grants))
    #expect(scene.holds("ipa261126.zip", FetchScene.applications))
    #expect(scene.portal.downloads(of: "ipg261124_r2.zip") == 1)
    #expect(scene.portal.downloads(of: "ipg261124.zip") == 0 && scene.portal.downloads(of: "ipg261117.zip") == 0)
    #expect(run.standardError.contains("ipg261124_r2.zip: downloaded"))
    await scene.stop()
  }

  @Test("a second run downloads nothing and prints the same paths")
  func secondRunDownloadsNothing() async throws {
    let scene = try await FetchScene.start()
    let first = try scene.fetch()
    let second = try scene.fetch()
    #expect(first.status == 0 && second.status == 0, "\(second.standardError)")
    #expect(second.standardOutput == first.standardOutput)
    #expect(scene.portal.downloads(of: "ipg261124.zip") == 1 && scene.portal.downloads(of: "ipa261126.zip") == 1)
    #expect(second.standardError.contains("ipg261124.zip: already here"))
    await scene.stop()
  }

  @Test("a newer revision replaces the older file; r10 is newer than r9")
  func newerRevisionReplacesOlder() async throws {
    let scene = try await FetchScene.start([FetchScene.grantFile("ipg261124_r9.zip"), FetchScene.applicationFile()])
    #expect(try scene.fetch().status == 0)
    scene.portal.addFile(FetchScene.grantFile("ipg261124_r10.zip"))
    let run = try scene.fetch()
    #expect(run.status == 0, "\(run.standardError)")
    #expect(scene.files == ["ipa261126.zip", "ipg261124_r10.zip"])
    #expect(run.standardError.contains("ipg261124_r10.zip replaces the older revision \(scene.into)/ipg261124_r9.zip"))
    #expect(scene.portal.downloads(of: "ipa261126.zip") == 1)
    await scene.stop()
  }

  @Test("without --week, the latest week that has both files")
  func latestWeekWithBothFiles() async throws {
    // Built from today's date: this week has only its grant file, last week has both.
    let thisWeek = try #require(PublishingWeekDates.current)
    let lastWeek = thisWeek.previous
    let scene = try await FetchScene.start([
      FetchScene.grantFile("ipg\(thisWeek.tuesdayDigits).zip", date: thisWeek.tuesday),
      FetchScene.grantFile("ipg\(lastWeek.tuesdayDigits).zip", date: lastWeek.tuesday),
      FetchScene.applicationFile("ipa\(lastWeek.thursdayDigits).zip", date: lastWeek.thursday),
    ])
    let run = try scene.fetch([])
    #expect(run.status == 0, "\(run.standardError)")
    #expect(
      run.standardOutput == "\(scene.into)/ipg\(lastWeek.tuesdayDigits).zip\n\(scene.into)/ipa\(lastWeek.thursdayDigits).zip\n")
    let grantsOnly = try scene.fetch(["--product", "grants"])
    #expect(grantsOnly.standardOutput == "\(scene.into)/ipg\(thisWeek.tuesdayDigits).zip\n", "\(grantsOnly.standardError)")
    await scene.stop()
  }

  @Test("a week with nothing listed: exit 66 and a line that says why")
  func nothingListed() async throws {
    let scene = try await FetchScene.start()
    let run = try scene.fetch(["--week", "2026-10-01"])
    #expect(run.status == 66)
    #expect(run.standardError.contains("lists no grant or application file for the week of 2026-09-27"))
    #expect(run.standardOutput.isEmpty)
    // Only one of the two: the one there is fetched and printed, the missing one named.
    scene.portal.setFiles([FetchScene.grantFile()])
    let partial = try scene.fetch()
    #expect(partial.status == 66)
    #expect(partial.standardOutput == "\(scene.into)/ipg261124.zip\n")
    #expect(partial.standardError.contains("application file (ipa261126.zip)"))
    await scene.stop()
  }

  // MARK: The key

  @Test("no key: exit 77 before any request; a rejected key: exit 77 with the portal's words")
  func keyProblems() async throws {
    let scene = try await FetchScene.start()
    let none = try scene.fetch(key: nil)
    #expect(none.status == 77)
    #expect(none.standardError.contains("no API key: set USPTO_API_KEY"))
    #expect(scene.portal.requests.isEmpty)
    let wrong = try scene.fetch(key: "not-the-key")
    #expect(wrong.status == 77)
    #expect(wrong.standardError.contains("refused the API key (403): Forbidden: Invalid API key"))
    // A portal that repeats the key back: it is blanked out of the message.
    scene.portal.queue(.echoKey, on: .listing(product: "PTGRXML"))
    let echoed = try scene.fetch()
    #expect(echoed.status == 77)
    #expect(echoed.standardError.contains("Invalid key [API key]"))
    // From a file, with its newline.
    let keyFile = scene.folder.deletingLastPathComponent().appendingPathComponent("key.txt")
    try Data("\(FetchScene.key)\n".utf8).write(to: keyFile)
    let fromFile = try scene.fetch(["--week", "2026-11-25", "--api-key-file", keyFile.path], key: nil)
    #expect(fromFile.status == 0, "\(fromFile.standardError)")
    #expect(scene.files.allSatisfy { !$0.contains("key") })
    await scene.stop()
  }

  @Test("a listing that sends its download address to another host gets no key there")
  func keyStaysOnThePortal() async throws {
    let scene = try await FetchScene.start()
    #expect(try scene.fetch().status == 0)
    let toPortal = scene.portal.requests.filter { !$0.onDownloadHost }
    #expect(!toPortal.isEmpty && toPortal.allSatisfy { $0.key == FetchScene.key })
    #expect(scene.portal.requests.filter(\.onDownloadHost).count == 2)
    // A listing that names the download host itself.
    scene.portal.listDownloadHostAddresses()
    let elsewhere = try scene.run([
      "fetch", "--week", "2026-11-25", "--into", scene.folder.deletingLastPathComponent().appendingPathComponent("other").path,
    ])
    #expect(elsewhere.status == 0, "\(elsewhere.standardError)")
    #expect(scene.portal.requests.filter(\.onDownloadHost).count == 4)
    await scene.stop()  // checks keyLeaks
  }

  @Test("two fetches into one folder take turns")
  func fetchesTakeTurns() async throws {
    let scene = try await FetchScene.start()
    try FileManager.default.createDirectory(at: scene.folder, withIntermediateDirectories: true)
    let lock = open(scene.folder.appendingPathComponent(".patent-digest-fetch.lock").path, O_RDWR | O_CREAT, 0o644)
    #expect(flock(lock, LOCK_EX) == 0)
    let errors = scene.folder.deletingLastPathComponent().appendingPathComponent("stderr")
    let process = try scene.launchFetch(standardError: try FileHandle(forWritingTo: errors.creatingEmpty()))
    try await Task.sleep(for: .seconds(1))
    #expect(process.isRunning)
    #expect(scene.portal.requests.isEmpty, "the second fetch went ahead while the folder was held")
    close(lock)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(try String(contentsOf: errors, encoding: .utf8).contains("another fetch is writing to \(scene.into); waiting"))
    #expect(scene.files == ["ipa261126.zip", "ipg261124.zip"])
    await scene.stop()
  }

  @Test("a file present with another size than listed is read before it is fetched again: kept if intact")
  func presentFileWithOtherSize() async throws {
    let scene = try await FetchScene.start()
    #expect(try scene.fetch().status == 0)
    var misListed = FetchScene.grantFile()
    misListed.listedSize = 12_345
    scene.portal.setFiles([misListed, FetchScene.applicationFile()])
    let kept = try scene.fetch()
    #expect(kept.status == 0, "\(kept.standardError)")
    #expect(
      kept.standardError.contains(
        "ipg261124.zip: already here (19096 bytes; the portal lists 12345 bytes, but the zip reads intact)"))
    #expect(scene.portal.downloads(of: "ipg261124.zip") == 1)
    // Cut short by something else: read, found damaged, fetched again.
    try Data(FetchScene.grants.prefix(5_000)).write(to: scene.folder.appendingPathComponent("ipg261124.zip"))
    let again = try scene.fetch()
    #expect(again.status == 0, "\(again.standardError)")
    #expect(again.standardError.contains("it has 5000 bytes where the portal lists 12345"))
    #expect(scene.portal.downloads(of: "ipg261124.zip") == 2)
    #expect(scene.holds("ipg261124.zip", FetchScene.grants))
    await scene.stop()
  }

  @Test(
    "a disk that fills up during a download: exit 74, nothing half-written, the files already there intact",
    .enabled(if: SmallDisk.available, "needs root to mount a small tmpfs (CI runs as root)"))
  func fullDisk() async throws {
    let disk = try SmallDisk(kilobytes: 256)
    defer { disk.unmount() }
    // The listing understates the application file, so the free-space check lets it start.
    var understated = FetchScene.applicationFile()
    understated.listedSize = 20_000
    let scene = try await FetchScene.start([FetchScene.grantFile(), understated])
    let into = "\(disk.path)/feeds"
    #expect(try scene.run(["fetch", "--week", "2026-11-25", "--product", "grants", "--into", into]).status == 0)
    let filler = try FileHandle(forWritingTo: URL(fileURLWithPath: "\(disk.path)/filler").creatingEmpty())
    var free = try Self.freeBytes(disk.path)
    while free > 40_000, (try? filler.write(contentsOf: Data(count: 4096))) != nil { free = try Self.freeBytes(disk.path) }
    try filler.close()
    let run = try scene.run(["fetch", "--week", "2026-11-25", "--into", into])
    #expect(run.status == 74, "\(run.standardError)")
    #expect(run.standardError.contains("cannot write ipa261126.zip in \(into): No space left on device"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: into).sorted() == [".patent-digest-fetch.lock", "ipg261124.zip"])
    #expect(try Data(contentsOf: URL(fileURLWithPath: "\(into)/ipg261124.zip")) == Data(FetchScene.grants))
    await scene.stop()
  }

  private static func freeBytes(_ path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfFileSystem(forPath: path)
    return (attributes[.systemFreeSize] as? Int) ?? 0
  }

  @Test("not enough free space for the listed size: exit 74 before the download starts")
  func notEnoughSpace() async throws {
    var huge = FetchScene.grantFile()
    huge.listedSize = 1 << 50
    let scene = try await FetchScene.start([huge, FetchScene.applicationFile()])
    let run = try scene.fetch()
    #expect(run.status == 74)
    #expect(run.standardError.contains("MB free and ipg261124.zip needs 1073741824 MB"))
    #expect(scene.portal.downloads(of: "ipg261124.zip") == 0)
    await scene.stop()
  }

  // MARK: The portal's rules and faults

  @Test("a 429 is answered by waiting at least 5 s, then the fetch goes on")
  func waitsAfter429() async throws {
    let scene = try await FetchScene.start()
    scene.portal.queue(.tooManyRequests(retryAfter: "1"), on: .listing(product: "PTGRXML"))
    let started = ContinuousClock.now
    let run = try scene.fetch()
    #expect(run.status == 0, "\(run.standardError)")
    #expect(ContinuousClock.now - started >= .seconds(5))
    #expect(run.standardError.contains("limiting this key's requests (429); waiting 5 s (attempt 2 of 5)"))
    await scene.stop()
  }

  @Test("a Retry-After longer than the tool waits: exit 75 at once, saying when to try again")
  func longRetryAfter() async throws {
    let scene = try await FetchScene.start()
    scene.portal.queue(.tooManyRequests(retryAfter: "7200"), on: .listing(product: "PTGRXML"))
    let run = try scene.fetch()
    #expect(run.status == 75)
    #expect(run.standardError.contains("asks to wait 2 h 0 min; try again after 20"))
    #expect(scene.files.isEmpty)
    await scene.stop()
  }

  @Test("a listing that is not the portal's JSON, a redirect loop: exit 76")
  func unexpectedAnswers() async throws {
    let scene = try await FetchScene.start()
    scene.portal.queue(.body("<html>maintenance</html>"), on: .listing(product: "PTGRXML"))
    let notJSON = try scene.fetch()
    #expect(notJSON.status == 76)
    #expect(notJSON.standardError.contains("the listing is not the portal's JSON"))
    scene.portal.queue(.redirectLoop, on: .fileAddress(name: "ipg261124.zip"), times: 10)
    let loop = try scene.fetch()
    #expect(loop.status == 76)
    #expect(loop.standardError.contains("redirected more than 5 times (a redirect loop)"))
    scene.portal.queue(.body(String(repeating: " ", count: 33 << 20)), on: .listing(product: "PTGRXML"))
    let endless = try scene.fetch()
    #expect(endless.status == 76)
    #expect(endless.standardError.contains("the listing is over 32 MB"))
    #expect(scene.files.isEmpty)
    await scene.stop()
  }

  @Test("a listing entry not named as the USPTO names files is passed over, never written")
  func hostileNames() async throws {
    let scene = try await FetchScene.start([
      FetchScene.grantFile("IPG261124.ZIP"), FetchScene.grantFile("ipg261124_r+1.zip"), FetchScene.applicationFile(),
    ])
    let run = try scene.fetch()
    #expect(run.status == 66)
    #expect(run.standardError.contains("the listing's IPG261124.ZIP was passed over"))
    #expect(scene.files == ["ipa261126.zip"])
    await scene.stop()
  }

  // MARK: Nothing lost, nothing half-written

  @Test("a body cut short: exit 75, no file under its name, the files already there untouched; the next run completes")
  func truncatedBody() async throws {
    let scene = try await FetchScene.start()
    #expect(try scene.fetch(["--week", "2026-11-25", "--product", "grants"]).status == 0)
    scene.portal.queue(.truncate(afterBytes: 20_000), on: .download(name: "ipa261126.zip"))
    let cut = try scene.fetch()
    #expect(cut.status == 75)
    #expect(cut.standardError.contains("ipa261126.zip"))
    #expect(scene.files == ["ipg261124.zip"])
    #expect(scene.holds("ipg261124.zip", FetchScene.grants))
    let again = try scene.fetch()
    #expect(again.status == 0, "\(again.standardError)")
    #expect(scene.holds("ipa261126.zip", FetchScene.applications))
    await scene.stop()
  }

  @Test("a damaged zip of the announced length: exit 76, nothing kept")
  func damagedZip() async throws {
    var damaged = FetchScene.applications
    damaged[damaged.count / 2] ^= 0x55
    let scene = try await FetchScene.start([FetchScene.grantFile(), FetchScene.applicationFile(bytes: damaged)])
    let run = try scene.fetch()
    #expect(run.status == 76)
    #expect(run.standardError.contains("ipa261126.zip:") && run.standardError.contains("nothing was kept"))
    #expect(scene.files == ["ipg261124.zip"])
    await scene.stop()
  }

  @Test("a folder that cannot be made: exit 74 before any download")
  func unwritableFolder() async throws {
    let scene = try await FetchScene.start()
    let file = scene.folder.deletingLastPathComponent().appendingPathComponent("a-file")
    try Data("x".utf8).write(to: file)
    let run = try scene.run(["fetch", "--week", "2026-11-25", "--into", file.path + "/feeds"])
    #expect(run.status == 74)
    #expect(run.standardError.contains("cannot create the folder"))
    #expect(scene.portal.downloads(of: "ipg261124.zip") == 0)
    await scene.stop()
  }

  @Test("a write that fails midway (the disk full, here a file size limit): exit 74, nothing half-written")
  func writeFailsMidway() async throws {
    let scene = try await FetchScene.start()
    #expect(try scene.fetch(["--week", "2026-11-25", "--product", "grants"]).status == 0)
    // 40 blocks of 512 bytes: the 19 KB grant file fits, the 65 KB application file does not.
    let command =
      "ulimit -f 40; exec '\(BinaryRunner.binary.path)' fetch --week 2026-11-25 --into '\(scene.into)' --api-base \(scene.portal.apiBase)"
    let run = try BinaryRunner.run(
      ["-c", command], executable: URL(fileURLWithPath: "/bin/sh"), environment: ["USPTO_API_KEY": FetchScene.key])
    #expect(run.status == 74, "\(run.standardError)")
    #expect(run.standardError.contains("cannot write ipa261126.zip in \(scene.into): File too large"))
    #expect(scene.files == ["ipg261124.zip"])
    #expect(scene.holds("ipg261124.zip", FetchScene.grants))
    await scene.stop()
  }

  @Test("a download killed midway leaves nothing under the file's name; the next run cleans up and completes")
  func killedDownload() async throws {
    let scene = try await FetchScene.start()
    scene.portal.queue(.stall(afterBytes: 30_000), on: .download(name: "ipa261126.zip"))
    let process = try scene.launchFetch()
    let deadline = ContinuousClock.now + .seconds(30)
    func partialSize() -> Int {
      scene.files.filter { $0.hasPrefix(".ipa261126.zip.partial-") }.compactMap {
        try? FileManager.default.attributesOfItem(atPath: "\(scene.into)/\($0)")[.size] as? Int
      }.first ?? 0
    }
    while partialSize() < 30_000 && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
    #expect(partialSize() == 30_000)
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    #expect(!scene.files.contains("ipa261126.zip"))
    let again = try scene.fetch()
    #expect(again.status == 0, "\(again.standardError)")
    #expect(again.standardError.contains("left by an interrupted download"))
    #expect(scene.files == ["ipa261126.zip", "ipg261124.zip"])
    #expect(scene.holds("ipa261126.zip", FetchScene.applications))
    await scene.stop()
  }

  @Test(
    "on a terminal, a progress line with bytes, rate and time left",
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs script(1) for a terminal"))
  func progressOnTerminal() async throws {
    let scene = try await FetchScene.start()
    let command =
      "'\(BinaryRunner.binary.path)' fetch --week 2026-11-25 --into '\(scene.into)' --api-base \(scene.portal.apiBase)"
    let run = try BinaryRunner.run(
      ["-qec", command, "/dev/null"], executable: URL(fileURLWithPath: "/usr/bin/script"),
      environment: ["USPTO_API_KEY": FetchScene.key])
    #expect(run.status == 0, "\(run.standardOutput)")
    #expect(run.standardOutput.contains("\r\u{1B}[Kipa261126.zip: 0.1 MB of 0.1 MB, "))
    #expect(run.standardOutput.contains("MB/s, 0 s left"))
    await scene.stop()
  }

  @Test("no progress line when stderr is not a terminal")
  func noProgressOffTerminal() async throws {
    let scene = try await FetchScene.start()
    let run = try scene.fetch()
    #expect(run.status == 0)
    #expect(!run.standardError.contains("\r") && !run.standardError.contains("MB/s"))
    await scene.stop()
  }
}

/// The publishing weeks around today, for tests that fetch "the latest week".
struct PublishingWeekDates {
  var sunday: Date

  static var current: PublishingWeekDates? {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let today = calendar.startOfDay(for: Date())
    let weekday = calendar.component(.weekday, from: today)  // 1 is Sunday
    return calendar.date(byAdding: .day, value: 1 - weekday, to: today).map(PublishingWeekDates.init(sunday:))
  }

  var previous: PublishingWeekDates { PublishingWeekDates(sunday: sunday.addingTimeInterval(-7 * 86_400)) }
  var tuesday: String { Self.text(sunday.addingTimeInterval(2 * 86_400)) }
  var thursday: String { Self.text(sunday.addingTimeInterval(4 * 86_400)) }
  var tuesdayDigits: String { String(tuesday.dropFirst(2).filter(\.isNumber)) }
  var thursdayDigits: String { String(thursday.dropFirst(2).filter(\.isNumber)) }

  private static func text(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd"
    return formatter.string(from: date)
  }
}

/// `patent-digest weekly`: the week fetched and built in one command, as cron runs it.
@Suite("weekly")
struct WeeklyCommandTests {
  @Test("fetches the week and builds the same draft `build` makes of those files, into DRAFTS/<Sunday>/")
  func fetchesAndBuilds() async throws {
    let scene = try await FetchScene.start()
    let drafts = scene.folder.deletingLastPathComponent().appendingPathComponent("drafts")
    let run = try scene.run(["weekly", "--week", "2026-11-24", "--into", scene.into, "--out", drafts.path])
    #expect(run.status == 0, "\(run.standardError)")
    let folder = drafts.appendingPathComponent("2026-11-22")
    #expect(run.standardOutput == folder.path + "\n")
    let built = try BinaryRunner.run(["build", TestPaths.sample("ipg261124.zip"), TestPaths.sample("ipa261126.zip")])
    #expect(built.status == 0)
    let draft = try String(contentsOf: folder.appendingPathComponent("draft.md"), encoding: .utf8)
    #expect(!draft.isEmpty && draft == built.standardOutput)
    for name in ["draft.html", "draft.json", "draft.txt", "report.json", "report.txt"] {
      #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path), "\(name) is missing")
    }
    #expect(try JSONSchemaCheck.problems(inFile: folder.appendingPathComponent("draft.json").path, against: .draft) == [])
    #expect(try JSONSchemaCheck.problems(inFile: folder.appendingPathComponent("report.json").path, against: .report) == [])
    // Run again, as a timer would: nothing downloaded again, the same draft.
    let again = try scene.run(["weekly", "--week", "2026-11-24", "--into", scene.into, "--out", drafts.path])
    #expect(again.status == 0)
    #expect(scene.portal.downloads(of: "ipg261124.zip") == 1 && scene.portal.downloads(of: "ipa261126.zip") == 1)
    #expect(try String(contentsOf: folder.appendingPathComponent("draft.md"), encoding: .utf8) == draft)
    await scene.stop()
  }

  @Test("an editor's edits.yaml in the week's folder is applied; build's options are accepted")
  func appliesTheWeeksEdits() async throws {
    let scene = try await FetchScene.start()
    let drafts = scene.folder.deletingLastPathComponent().appendingPathComponent("drafts")
    let week = drafts.appendingPathComponent("2026-11-22")
    try FileManager.default.createDirectory(at: week, withIntermediateDirectories: true)
    try Data("headline: A headline the editor wrote\n".utf8).write(to: week.appendingPathComponent("edits.yaml"))
    let run = try scene.run([
      "weekly", "--week", "2026-11-24", "--into", scene.into, "--out", drafts.path, "--jobs", "1", "--watchlist",
      TestPaths.packageRoot.appendingPathComponent("watchlist.yaml").path, "--quiet",
    ])
    #expect(run.status == 0, "\(run.standardError)")
    #expect(run.standardError.isEmpty, "--quiet leaves stderr to problems")
    let draft = try String(contentsOf: week.appendingPathComponent("draft.md"), encoding: .utf8)
    #expect(draft.hasPrefix("# A headline the editor wrote"))
    await scene.stop()
  }

  @Test("with --history, the week's fetched files are recorded once the draft is written")
  func recordsTheWeek() async throws {
    let scene = try await FetchScene.start()
    let base = scene.folder.deletingLastPathComponent()
    let history = base.appendingPathComponent("history.sqlite").path
    let drafts = base.appendingPathComponent("drafts").path
    let run = try scene.run(["weekly", "--week", "2026-11-24", "--into", scene.into, "--out", drafts, "--history", history])
    #expect(run.status == 0, "\(run.standardError)")
    #expect(run.standardError.contains("history: \(scene.into)/ipg261124.zip: recorded"))
    // What the published draft features is recorded too: its section items, each application once.
    let draft = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: drafts + "/2026-11-22/draft.json")))
    let items = ((draft as? [String: Any])?["sections"] as? [[String: Any]] ?? []).flatMap {
      $0["items"] as? [[String: Any]] ?? []
    }
    let applications = Set(items.compactMap { $0["applicationNumber"] as? String })
    #expect(!applications.isEmpty)
    #expect(run.standardError.contains("history: the draft of the week of 2026-11-22 features \(applications.count) filings"))
    let again = try BinaryRunner.run([
      "history", "import", "--history", history, "\(scene.into)/ipg261124.zip", "\(scene.into)/ipa261126.zip",
    ])
    #expect(again.status == 0, "\(again.standardError)")
    #expect(again.standardError.contains("ipa261126.zip is already recorded"))
    // A history that cannot be used stops weekly before anything is fetched.
    let notADatabase = base.appendingPathComponent("not-a-database").path
    try Data("hello".utf8).write(to: URL(fileURLWithPath: notADatabase))
    let refused = try scene.run([
      "weekly", "--week", "2026-11-24", "--into", base.appendingPathComponent("other").path, "--out", drafts, "--history",
      notADatabase,
    ])
    #expect(refused.status == 2)
    #expect(scene.portal.downloads(of: "ipg261124.zip") == 1)
    await scene.stop()
  }

  @Test("a week the portal has nothing for: fetch's exit code, and no draft folder")
  func nothingToBuild() async throws {
    let scene = try await FetchScene.start()
    let drafts = scene.folder.deletingLastPathComponent().appendingPathComponent("drafts")
    let run = try scene.run(["weekly", "--week", "2026-10-01", "--into", scene.into, "--out", drafts.path])
    #expect(run.status == 66)
    #expect(!FileManager.default.fileExists(atPath: drafts.path))
    await scene.stop()
  }
}
