import Foundation
import PatentDigestTestSupport
import PortalFake
import Testing

/// A fake portal with the sample week in it, a download folder, and the binary run against them.
struct FetchScene {
  static let key = "test-key-7f3a9c"
  let portal: FakePortal
  let folder: URL

  static let grants = try! [UInt8](Data(contentsOf: URL(fileURLWithPath: TestPaths.sample("ipg261124.zip"))))
  static let applications = try! [UInt8](Data(contentsOf: URL(fileURLWithPath: TestPaths.sample("ipa261126.zip"))))

  static func grantFile(_ name: String = "ipg261124.zip", date: String = "2026-11-24", bytes: [UInt8] = grants) -> FakePortal.File
  {
    FakePortal.File(product: "PTGRXML", name: name, dataDate: date, content: .bytes(bytes))
  }

  static func applicationFile(_ name: String = "ipa261126.zip", date: String = "2026-11-26", bytes: [UInt8] = applications)
    -> FakePortal.File
  {
    FakePortal.File(product: "APPXML", name: name, dataDate: date, content: .bytes(bytes))
  }

  static func start(_ files: [FakePortal.File] = [grantFile(), applicationFile()]) async throws -> FetchScene {
    let portal = try await FakePortal.start(key: key, files: files)
    return FetchScene(portal: portal, folder: try TestPaths.newTemporaryFolder("fetch").appendingPathComponent("feeds"))
  }

  var into: String { folder.path }

  /// Runs `patent-digest ARGUMENTS --api-base <the fake>` with the key in the environment (or
  /// `key`, nil for none), and checks the key shows nowhere in what it printed.
  func run(_ arguments: [String], key: String? = FetchScene.key) throws -> BinaryRun {
    let run = try BinaryRunner.run(
      arguments + ["--api-base", portal.apiBase], environment: ["USPTO_API_KEY": key])
    #expect(!run.standardOutput.contains(Self.key) && !run.standardError.contains(Self.key), "the key was printed")
    return run
  }

  func fetch(_ extra: [String] = ["--week", "2026-11-25"], key: String? = FetchScene.key) throws -> BinaryRun {
    try run(["fetch", "--into", into] + extra, key: key)
  }

  /// Starts `fetch` of the sample week in the background, for a test that acts while it runs.
  func launchFetch(standardError: FileHandle = .nullDevice) throws -> Process {
    let process = Process()
    process.executableURL = BinaryRunner.binary
    process.arguments = ["fetch", "--week", "2026-11-25", "--into", into, "--api-base", portal.apiBase]
    process.environment = ProcessInfo.processInfo.environment.merging(["USPTO_API_KEY": Self.key]) { $1 }
    process.standardOutput = FileHandle.nullDevice
    process.standardError = standardError
    try process.run()
    return process
  }

  /// The folder's visible files and any temporary ones, by name.
  var files: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: into)) ?? []).filter { $0 != ".patent-digest-fetch.lock" }.sorted()
  }

  /// Whether the folder's file `name` holds exactly `bytes` (a Bool, so a failure does not
  /// print the whole file).
  func holds(_ name: String, _ bytes: [UInt8]) -> Bool {
    (try? Data(contentsOf: folder.appendingPathComponent(name))).map { [UInt8]($0) == bytes } ?? false
  }

  func stop() async {
    #expect(portal.keyLeaks.isEmpty, "the download host was sent the API key")
    await portal.stop()
  }
}

extension URL {
  /// The file at this address, created empty.
  func creatingEmpty() -> URL {
    FileManager.default.createFile(atPath: path, contents: nil)
    return self
  }
}
