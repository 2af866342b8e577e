public import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A small tmpfs mounted for one test (needs root, as CI is).
public struct SmallDisk {
  public let path: String

  public init(kilobytes: Int) throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("disk-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    path = url.path
    guard Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", path]) == 0 else {
      throw CancellationError()
    }
  }

  public func remountReadOnly() -> Bool { Self.run("/bin/mount", ["-o", "remount,ro", path]) == 0 }
  public func unmount() { _ = Self.run("/bin/umount", [path]) }

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

  public static var available: Bool {
    guard getuid() == 0, let disk = try? SmallDisk(kilobytes: 64) else { return false }
    disk.unmount()
    return true
  }
}
