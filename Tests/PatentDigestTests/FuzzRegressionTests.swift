import Foundation
import PatentDigest
import Testing

/// Inputs the fuzzer found (`scripts/fuzz`), kept so they stay fixed. Each is read through the
/// same entry point the harness uses; under `scripts/fuzz` (AddressSanitizer) they also prove
/// there is no leak.
@Suite("Fuzzer findings")
struct FuzzRegressionTests {
  static let folder = FeedTestSupport.packageRoot.appendingPathComponent("Tests/PatentDigestTests/Fixtures/fuzz")

  static var findings: [String] {
    (try? FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()) ?? []
  }

  @Test("each finding is read and reported, and the parser that read it reads a good document next", arguments: findings)
  func finding(name: String) throws {
    let bytes = [UInt8](try Data(contentsOf: Self.folder.appendingPathComponent(name)))
    _ = SingleDocument.read(bytes, name: name)
    // The next document through the same machinery is read normally.
    let good = Array(ApplicationDocument().text.utf8)
    guard case .success(let record)? = SingleDocument.read(good) else {
      Issue.record("a good document after \(name) was not read")
      return
    }
    #expect(record.publicationNumber == "US20260000001A1")
  }

  @Test("the finding that leaked: a DOCTYPE whose entity declarations make libxml2 build a document of its own")
  func leakFinding() throws {
    let name = try #require(Self.findings.first { $0.hasPrefix("leak-") })
    let bytes = [UInt8](try Data(contentsOf: Self.folder.appendingPathComponent(name)))
    guard case .failure(let failure)? = SingleDocument.read(bytes, name: name) else {
      Issue.record("expected the finding to be reported as a failure")
      return
    }
    #expect(failure.kind == .unsupported || failure.kind == .malformed)
  }
}
