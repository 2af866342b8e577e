import Foundation

/// Runs the built `patent-digest` binary as a user would, and captures what it printed.
struct BinaryRun {
  var status: Int32
  var standardOutput: String
  var standardError: String
}

enum BinaryRunner {
  /// The binary SwiftPM built beside the test bundle, or the one `PATENT_DIGEST_BINARY` names (to
  /// show that a new test fails on an older build: `PATENT_DIGEST_BINARY=/old/patent-digest swift
  /// test --filter ...`).
  static var binary: URL {
    if let path = ProcessInfo.processInfo.environment["PATENT_DIGEST_BINARY"], !path.isEmpty {
      return URL(fileURLWithPath: path)
    }
    let testBundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var folder = testBundle.deletingLastPathComponent()
    // On Linux the tests run from `<build>/debug/patent-digestPackageTests.xctest`.
    while !FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("patent-digest").path), folder.path != "/" {
      folder = folder.deletingLastPathComponent()
    }
    return folder.appendingPathComponent("patent-digest")
  }

  /// Runs the binary (or `executable`, such as a tool that runs the binary) in `directory`.
  static func run(
    _ arguments: [String], standardInput: URL? = nil, in directory: URL = FeedTestSupport.packageRoot,
    executable: URL = binary
  ) throws -> BinaryRun {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
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
