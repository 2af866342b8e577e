public import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Runs the built `patent-digest` binary as a user would, and captures what it printed.
public struct BinaryRun: Sendable {
  public var status: Int32
  public var standardOutput: String
  public var standardError: String
}

public enum BinaryRunner {
  /// The binary under test (`TestPaths.binary`: SwiftPM's, or the one `PATENT_DIGEST_BINARY` names).
  public static var binary: URL { TestPaths.binary }

  /// Runs the binary (or `executable`, such as a tool that runs the binary) in `directory`.
  /// `environment` adds to (or, with nil values, removes from) the test's own environment.
  public static func run(
    _ arguments: [String], standardInput: URL? = nil, in directory: URL = TestPaths.packageRoot,
    executable: URL = binary, environment: [String: String?] = [:]
  ) throws -> BinaryRun {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    if !environment.isEmpty {
      var merged = ProcessInfo.processInfo.environment
      for (name, value) in environment { merged[name] = value }
      process.environment = merged
    }
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    if let standardInput { process.standardInput = try FileHandle(forReadingFrom: standardInput) }
    try process.run()
    // Read both pipes while the process runs, so a full pipe cannot block it.
    let errorBox = DataBox()
    let errorRead = DispatchSemaphore(value: 0)
    let errorHandle = error.fileHandleForReading
    DispatchQueue.global().async {
      errorBox.data = errorHandle.readDataToEndOfFile()
      errorRead.signal()
    }
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    errorRead.wait()
    return BinaryRun(
      status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
      standardError: String(decoding: errorBox.data, as: UTF8.self))
  }
}

/// Bytes handed from the reading queue back to the test; the semaphore orders the access.
private final class DataBox: @unchecked Sendable {
  var data = Data()
}

/// A run of the binary that may not end on its own, with what it cost.
public struct LimitedBinaryRun: Sendable {
  public var run: BinaryRun
  /// True when the binary was still running at the time limit and was killed.
  public var timedOut: Bool
  /// The binary's peak resident memory, when measured.
  public var peakResidentBytes: Int?
  public var elapsed: Duration
}

extension BinaryRunner {
  /// GNU time, which forks the binary from its own small process and reports its peak memory.
  public static let gnuTime = "/usr/bin/time"
  public static var canMeasureMemory: Bool { FileManager.default.isExecutableFile(atPath: gnuTime) }

  /// Runs the binary with standard input from /dev/null and kills it at `timeLimit`. With
  /// `measuringMemory`, it runs under GNU time for its peak resident memory: `wait4` on a child
  /// of the test process would not do, because Linux carries the spawning process's high-water
  /// mark (the test's own hundreds of MB) into the child's `ru_maxrss` across `exec`.
  /// Paths in `arguments` should be absolute: the child runs in the test's current folder.
  public static func runLimited(_ arguments: [String], timeLimit: Duration, measuringMemory: Bool = false) throws
    -> LimitedBinaryRun
  {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("patent-digest-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let outputPath = folder.appendingPathComponent("stdout").path
    let errorPath = folder.appendingPathComponent("stderr").path
    let memoryPath = folder.appendingPathComponent("maxrss").path
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    // Its own process group, so a kill at the time limit reaches the binary under GNU time too.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
    posix_spawnattr_setpgroup(&attributes, 0)
    let command = measuringMemory ? [gnuTime, "-f", "%M", "-o", memoryPath, binary.path] : [binary.path]
    let argv: [UnsafeMutablePointer<CChar>?] = (command + arguments).map { strdup($0) } + [nil]
    defer { for argument in argv { free(argument) } }
    var pid: pid_t = 0
    let started = ContinuousClock.now
    let spawned = posix_spawn(&pid, command[0], &actions, &attributes, argv, environ)
    guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL) }
    var status: Int32 = 0
    var timedOut = false
    while true {
      let waited = waitpid(pid, &status, WNOHANG)
      if waited == pid { break }
      if waited < 0 && errno != EINTR { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .ECHILD) }
      if ContinuousClock.now - started > timeLimit && !timedOut {
        timedOut = true
        kill(-pid, SIGKILL)
      }
      usleep(10_000)
    }
    let elapsed = ContinuousClock.now - started
    // Exit status as a shell reports it; a signal shows as 128 + its number.
    let code = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    let output = (try? Data(contentsOf: URL(fileURLWithPath: outputPath))) ?? Data()
    let error = (try? Data(contentsOf: URL(fileURLWithPath: errorPath))) ?? Data()
    // GNU time writes the kilobytes last, after a line on a failed exit status.
    let memory = (try? String(contentsOfFile: memoryPath, encoding: .utf8))?.split(separator: "\n").last.flatMap { Int($0) }
    return LimitedBinaryRun(
      run: BinaryRun(
        status: code, standardOutput: String(decoding: output, as: UTF8.self),
        standardError: String(decoding: error, as: UTF8.self)),
      timedOut: timedOut, peakResidentBytes: memory.map { $0 * 1024 }, elapsed: elapsed)
  }
}
