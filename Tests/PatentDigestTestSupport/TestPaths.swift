public import Foundation

/// Where the tests of every target find the package and the built binary: worked out once here
/// rather than again in each test file.
public enum TestPaths {
  /// The package's root folder (this file is `Tests/PatentDigestTestSupport/TestPaths.swift`).
  public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// A file of `Samples/`.
  public static func sample(_ name: String) -> String {
    packageRoot.appendingPathComponent("Samples").appendingPathComponent(name).path
  }

  /// The binary SwiftPM built beside the test bundle, or the one `PATENT_DIGEST_BINARY` names (to
  /// show that a new test fails on an older build: `PATENT_DIGEST_BINARY=/old/patent-digest swift
  /// test --filter ...`).
  public static var binary: URL {
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

  /// A new, empty folder under the system's temporary folder, named `<prefix>-<UUID>`.
  public static func newTemporaryFolder(_ prefix: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }
}
