import Foundation
import PatentDigestTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The weekly job under faults: killed mid-write, a full disk, a read-only folder. What a reader
/// of the output folder sees is always one complete draft, the old one or the new one.
@Suite("Fault injection for the weekly job")
struct FaultInjectionTests {
  private let samples = ["Samples/ipa261126.zip", "Samples/ipg261124.zip"]

  private func folder(_ name: String) throws -> URL {
    try TestPaths.newTemporaryFolder(name)
  }

  /// What a reader of the folder sees: each file the job publishes, read through its link.
  private func contents(of folder: URL) throws -> [String: Data] {
    var result: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path)
    where !name.hasPrefix(".") && name != "edits.yaml" && name != "current" {
      result[name] = try Data(contentsOf: folder.appendingPathComponent(name))
    }
    return result
  }

  /// The version folders the job keeps in `DIR/.versions`.
  private func versionFolders(in folder: URL) -> [String] {
    (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(".versions").path)) ?? []
  }

  /// Two drafts that differ (another headline), each built whole into a folder of its own.
  private struct TwoDrafts {
    var edits: [String]
    var complete: [[String: Data]]

    /// Which of the two complete drafts `seen` is, all files together; nil for a mix or a partial file.
    func version(of seen: [String: Data]) -> Int? {
      complete.firstIndex { seen == $0 }
    }
  }

  private func twoDrafts() throws -> TwoDrafts {
    let edits = [
      try FeedTestSupport.temporaryFile("version: 1\nheadline: \"Draft A\"\n", name: "a.yaml"),
      try FeedTestSupport.temporaryFile("version: 1\nheadline: \"Draft B\"\n", name: "b.yaml"),
    ]
    var complete: [[String: Data]] = []
    for file in edits {
      let out = try folder("complete")
      let run = try BinaryRunner.run(["build", "-q", "--edits", file, "--out", out.path] + samples)
      #expect(run.status == 0, "\(run.standardError)")
      complete.append(try contents(of: out))
    }
    #expect(complete[0]["draft.md"] != complete[1]["draft.md"])
    #expect(complete[0].count == 6)
    return TwoDrafts(edits: edits, complete: complete)
  }

  @Test("killed at random times: the folder holds one complete draft, old or new, never a mix")
  func killedAtRandomTimes() throws {
    let drafts = try twoDrafts()
    let out = try folder("killed")
    let edits = try FeedTestSupport.temporaryFile("version: 1\nheadline: \"Editor's own\"\n", name: "edits.yaml")
    try FileManager.default.copyItem(atPath: edits, toPath: out.appendingPathComponent("edits.yaml").path)
    var generator = SystemRandomNumberGenerator()
    var shown: Int?  // Which draft the folder holds; nil before the first complete run.
    for round in 0..<24 {
      let target = round % 2
      let process = Process()
      process.executableURL = BinaryRunner.binary
      process.arguments = ["build", "-q", "--edits", drafts.edits[target], "--out", out.path] + samples
      process.currentDirectoryURL = FeedTestSupport.packageRoot
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      usleep(UInt32.random(in: 0..<300_000, using: &generator))
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      let seen = try contents(of: out)
      if seen.isEmpty && shown == nil { continue }
      let version = drafts.version(of: seen)
      #expect(version == shown || version == target, "round \(round): the folder holds neither complete draft")
      shown = version
    }
    // A run that is not killed finishes the job and clears what the kills left behind.
    #expect(try BinaryRunner.run(["build", "-q", "--edits", drafts.edits[1], "--out", out.path] + samples).status == 0)
    #expect(try contents(of: out) == drafts.complete[1])
    #expect(versionFolders(in: out).count <= 2)
    #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.contains(".partial-") }.isEmpty)
    #expect(try String(contentsOfFile: out.appendingPathComponent("edits.yaml").path, encoding: .utf8).contains("Editor's own"))
  }

  /// Whether strace can run and trace here (it needs ptrace; CI installs it and runs as root).
  private static var straceAvailable: Bool {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/strace") else { return false }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/strace")
    process.arguments = ["-f", "-qq", "-o", "/dev/null", "/bin/true"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
  }

  private let strace = URL(fileURLWithPath: "/usr/bin/strace")

  /// How many times a whole run of the job makes `call`, as strace counts it. A whole run also
  /// switches the folder to the other draft, which the caller expects.
  private func callCount(_ call: String, edits: String, out: URL) throws -> Int {
    let log = FileManager.default.temporaryDirectory.appendingPathComponent("strace-\(UUID().uuidString).log")
    defer { try? FileManager.default.removeItem(at: log) }
    let run = try BinaryRunner.run(
      [
        "-f", "-qq", "-o", log.path, "-e", "trace=\(call)", BinaryRunner.binary.path, "build", "-q", "--edits", edits, "--out",
        out.path,
      ]
        + samples, executable: strace)
    #expect(run.status == 0, "\(run.standardError)")
    let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
    return lines.filter { $0.contains("\(call)(") && !$0.contains("resumed>") }.count
  }

  @Test(
    "killed at each system call that writes: the folder holds one complete draft, old or new",
    .enabled(if: straceAvailable, "needs strace (CI installs it)"))
  func killedAtEachWritingCall() throws {
    let drafts = try twoDrafts()
    let out = try folder("each-call")
    #expect(try BinaryRunner.run(["build", "-q", "--edits", drafts.edits[0], "--out", out.path] + samples).status == 0)
    var shown = 0
    var kills = 0
    let calls = [
      "mkdir", "mkdirat", "openat", "write", "fsync", "symlink", "symlinkat", "rename", "renameat", "unlink", "unlinkat",
      "rmdir",
    ]
    for call in calls {
      // Kill at each of the call's last uses in a whole run (the first openat calls load libraries
      // and read the feeds, long before any output), from the earliest to the last.
      let total = try callCount(call, edits: drafts.edits[1 - shown], out: out)
      shown = 1 - shown
      for occurrence in max(1, total - 24)...max(1, total) {
        let target = 1 - shown
        let run = try BinaryRunner.run(
          [
            "-f", "-qq", "-o", "/dev/null", "-e", "trace=\(call)", "-e", "inject=\(call):signal=SIGKILL:when=\(occurrence)",
            BinaryRunner.binary.path, "build", "-q", "--edits", drafts.edits[target], "--out", out.path,
          ] + samples, executable: strace)
        let version = drafts.version(of: try contents(of: out))
        #expect(
          version == shown || version == target,
          "killed at \(call) #\(occurrence): the folder holds neither complete draft")
        shown = version ?? shown
        if run.status == 0 { continue }
        #expect(run.status == SIGKILL, "\(call) #\(occurrence): \(run.standardError)")
        kills += 1
      }
    }
    #expect(kills > 30)
    #expect(try BinaryRunner.run(["build", "-q", "--edits", drafts.edits[0], "--out", out.path] + samples).status == 0)
    #expect(try contents(of: out) == drafts.complete[0])
    #expect(versionFolders(in: out).count <= 2)
  }

  @Test(
    "killed while keeping a hand-edited draft aside: the editor's text is always in the folder, under one name or the other",
    .enabled(if: straceAvailable, "needs strace (CI installs it)"))
  func killedWhileKeepingHandEdit() throws {
    let handText = Data("# Written by hand\n".utf8)
    var kills = 0
    for call in ["linkat", "symlinkat", "renameat", "fsync", "unlinkat"] {
      for occurrence in 1...4 {
        let out = try folder("hand-edit")
        #expect(try BinaryRunner.run(["build", "-q", "--out", out.path] + samples).status == 0)
        let draft = out.appendingPathComponent("draft.md")
        try FileManager.default.removeItem(at: draft)
        try handText.write(to: draft)
        let run = try BinaryRunner.run(
          [
            "-f", "-qq", "-o", "/dev/null", "-e", "trace=\(call)", "-e", "inject=\(call):signal=SIGKILL:when=\(occurrence)",
            BinaryRunner.binary.path, "build", "-q", "--out", out.path,
          ] + samples, executable: strace)
        if run.status != 0 { kills += 1 }
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
        let holders = names.filter { name in
          guard name == "draft.md" || name.hasPrefix("draft.hand-edited-") else { return false }
          return (try? Data(contentsOf: out.appendingPathComponent(name))) == handText
        }
        #expect(!holders.isEmpty, "killed at \(call) #\(occurrence): the hand edit is gone (\(names))")
        // A run after the kill finishes the job and still keeps the text.
        #expect(try BinaryRunner.run(["build", "-q", "--out", out.path] + samples).status == 0)
        let after = try FileManager.default.contentsOfDirectory(atPath: out.path).filter {
          $0.hasPrefix("draft.hand-edited-") && (try? Data(contentsOf: out.appendingPathComponent($0))) == handText
        }
        #expect(!after.isEmpty, "after the kill at \(call) #\(occurrence) and a new run")
      }
    }
    #expect(kills > 5)
  }

  @Test(
    "a full disk: one clear line, exit 74, the previous draft intact and no partial file left",
    .enabled(if: SmallDisk.available, "needs root to mount a small tmpfs (CI runs as root)"))
  func fullDisk() throws {
    let disk = try SmallDisk(kilobytes: 512)
    defer { disk.unmount() }
    let out = "\(disk.path)/week"
    #expect(try BinaryRunner.run(["build", "-q", "--out", out] + samples).status == 0)
    let previous = try contents(of: URL(fileURLWithPath: out))
    // Fill the disk, leaving less room than the draft needs.
    let filler = FileManager.default.createFile(atPath: "\(disk.path)/filler", contents: nil)
    #expect(filler)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: "\(disk.path)/filler"))
    while (try? handle.write(contentsOf: Data(count: 4096))) != nil {}
    try handle.close()
    let run = try BinaryRunner.run(
      [
        "build", "-q", "--edits", try FeedTestSupport.temporaryFile("version: 1\nheadline: \"New\"\n", name: "e.yaml"), "--out",
        out,
      ] + samples)
    #expect(run.status == 74)
    #expect(run.standardError.contains("No space left on device"))
    #expect(run.standardError.split(separator: "\n").count == 1)
    #expect(try contents(of: URL(fileURLWithPath: out)) == previous)
    // The unfinished version is removed: only the previous one is left.
    #expect(versionFolders(in: URL(fileURLWithPath: out)).count == 1)
    #expect(try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.contains(".partial-") }.isEmpty)
  }

  @Test(
    "a read-only folder: one clear line, exit 74, the previous draft intact",
    .enabled(if: SmallDisk.available, "needs root to mount a small tmpfs (CI runs as root)"))
  func readOnlyFolder() throws {
    let disk = try SmallDisk(kilobytes: 2048)
    defer { disk.unmount() }
    let out = "\(disk.path)/week"
    #expect(try BinaryRunner.run(["build", "-q", "--out", out] + samples).status == 0)
    let previous = try contents(of: URL(fileURLWithPath: out))
    #expect(disk.remountReadOnly())
    let run = try BinaryRunner.run(["build", "-q", "--out", out] + samples)
    #expect(run.status == 74)
    #expect(run.standardError.contains("Read-only file system"))
    #expect(try contents(of: URL(fileURLWithPath: out)) == previous)
  }
}
