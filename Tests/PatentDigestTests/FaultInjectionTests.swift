import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The weekly job under faults: killed mid-write, a full disk, a read-only folder. What a reader
/// of the output folder sees is always a complete file, old or new.
@Suite("Fault injection for the weekly job")
struct FaultInjectionTests {
  private let samples = ["Samples/ipa261126.zip", "Samples/ipg261124.zip"]

  private func folder(_ name: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  private func contents(of folder: URL) throws -> [String: Data] {
    var result: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path)
    where !name.hasPrefix(".") && name != "edits.yaml" {
      result[name] = try Data(contentsOf: folder.appendingPathComponent(name))
    }
    return result
  }

  @Test("killed at random points: every file in the folder is a complete old or new version")
  func killedMidWrite() throws {
    // Two drafts that differ (another headline), built whole, to compare against.
    let editsA = try FeedTestSupport.temporaryFile("version: 1\nheadline: \"Draft A\"\n", name: "a.yaml")
    let editsB = try FeedTestSupport.temporaryFile("version: 1\nheadline: \"Draft B\"\n", name: "b.yaml")
    let (completeA, completeB) = (try folder("a"), try folder("b"))
    #expect(try BinaryRunner.run(["build", "-q", "--edits", editsA, "--out", completeA.path] + samples).status == 0)
    #expect(try BinaryRunner.run(["build", "-q", "--edits", editsB, "--out", completeB.path] + samples).status == 0)
    let versions = [try contents(of: completeA), try contents(of: completeB)]
    #expect(versions[0]["draft.md"] != versions[1]["draft.md"])

    let out = try folder("killed")
    var generator = SystemRandomNumberGenerator()
    for round in 0..<24 {
      let process = Process()
      process.executableURL = BinaryRunner.binary
      process.arguments = ["build", "-q", "--edits", round % 2 == 0 ? editsA : editsB, "--out", out.path] + samples
      process.currentDirectoryURL = FeedTestSupport.packageRoot
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      usleep(UInt32.random(in: 0..<250_000, using: &generator))
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      for (name, data) in try contents(of: out) {
        #expect(data == versions[0][name] || data == versions[1][name], "round \(round): \(name) is neither complete version")
      }
    }
    // A run that is not killed finishes the job, whatever the kills left behind.
    #expect(try BinaryRunner.run(["build", "-q", "--edits", editsB, "--out", out.path] + samples).status == 0)
    #expect(try contents(of: out) == versions[1])
  }

  /// A small tmpfs mounted for one test (needs root, as CI is).
  private struct SmallDisk {
    let path: String

    init(kilobytes: Int) throws {
      let url = FileManager.default.temporaryDirectory.appendingPathComponent("disk-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
      path = url.path
      guard Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", path]) == 0 else {
        throw CancellationError()
      }
    }

    func remountReadOnly() -> Bool { Self.run("/bin/mount", ["-o", "remount,ro", path]) == 0 }
    func unmount() { _ = Self.run("/bin/umount", [path]) }

    static func run(_ tool: String, _ arguments: [String]) -> Int32 {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: tool)
      process.arguments = arguments
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      guard (try? process.run()) != nil else { return -1 }
      process.waitUntilExit()
      return process.terminationStatus
    }

    static var available: Bool {
      guard getuid() == 0, let disk = try? SmallDisk(kilobytes: 64) else { return false }
      disk.unmount()
      return true
    }
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
    #expect(try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasPrefix(".") }.isEmpty)
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
