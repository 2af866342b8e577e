import Foundation
import PatentDigestTestSupport
import Testing

@testable import PatentDigest

#if canImport(Glibc)
  import Glibc
#endif

/// ISA-L and zlib, the two inflaters behind `Inflater`: the same records, byte for byte, and the
/// same reports, on the samples, on the shared corpus zipped and gzipped every way a feed comes.
@Suite("inflaters")
struct InflaterEngineTests {
  static let isalInstalled = FileManager.default.fileExists(atPath: "/usr/include/isa-l/igzip_lib.h")

  @Test("ISA-L inflates when the build found it", .enabled(if: isalInstalled, "needs libisal-dev"))
  func isalIsTheDefault() {
    #expect(Inflater.engine == (ProcessInfo.processInfo.environment["PATENT_DIGEST_INFLATER"] == "zlib" ? .zlib : .isal))
  }

  /// `parse` of `feeds` with each inflater: stdout and stderr, and the exit status.
  private func parseWithBoth(_ feeds: [String]) throws -> (isal: BinaryRun, zlib: BinaryRun) {
    let isal = try BinaryRunner.run(["parse", "--jobs", "2"] + feeds, environment: ["PATENT_DIGEST_INFLATER": nil])
    let zlib = try BinaryRunner.run(["parse", "--jobs", "2"] + feeds, environment: ["PATENT_DIGEST_INFLATER": "zlib"])
    return (isal, zlib)
  }

  @Test("the samples: the same records")
  func samples() throws {
    let runs = try parseWithBoth([TestPaths.sample("ipa261126.zip"), TestPaths.sample("ipg261124.zip")])
    #expect(runs.isal.status == 0 && runs.zlib.status == 0)
    #expect(runs.isal.standardOutput.count > 100_000)
    #expect(runs.isal.standardOutput == runs.zlib.standardOutput)
    #expect(runs.isal.standardError == runs.zlib.standardError)
  }

  /// The corpus's XML files, each whole.
  private static func corpusFiles() throws -> [(name: String, bytes: [UInt8])] {
    let root = FeedTestSupport.corpus
    let names = try FileManager.default.subpathsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".xml") }.sorted()
    return try names.map { name in
      (name.replacingOccurrences(of: "/", with: "-"), [UInt8](try Data(contentsOf: root.appendingPathComponent(name))))
    }
  }

  @Test(
    "the shared corpus, zipped deflated and stored, with and without data descriptors, and gzipped member by member: the same records",
    .enabled(if: FeedTestSupport.corpusAvailable, FeedTestSupport.corpusMissing))
  func corpusEveryWay() throws {
    let files = try Self.corpusFiles()
    #expect(files.count >= 10)
    let folder = try TestPaths.newTemporaryFolder("inflaters")
    defer { try? FileManager.default.removeItem(at: folder) }
    // One archive with every file four ways: entry ends land at many offsets of the reader's
    // 1 MB buffer, so ISA-L's read-ahead past an entry's end is given back across refills too.
    var entries: [ZipWriter.Entry] = []
    for (index, file) in files.enumerated() {
      entries.append(ZipWriter.Entry(name: "\(index)-deflated-\(file.name)", data: file.bytes))
      entries.append(ZipWriter.Entry(name: "\(index)-descriptor-\(file.name)", data: file.bytes, sizesAfterData: true))
      entries.append(ZipWriter.Entry(name: "\(index)-stored-\(file.name)", data: file.bytes, deflate: false))
      // A cut of odd length, so the deflate stream ends at another bit offset.
      entries.append(ZipWriter.Entry(name: "\(index)-odd.txt", data: Array(file.bytes.prefix(1 + index * 7919 % 4001))))
    }
    let archive = folder.appendingPathComponent("corpus.zip")
    try Data(ZipWriter.archive(entries)).write(to: archive)
    // Gzip members one after another, as `cat a.gz b.gz` makes them.
    var members: [UInt8] = []
    for file in files { members += ZipWriter.deflate(file.bytes, windowBits: 15 + 16) }
    let gzip = folder.appendingPathComponent("corpus.xml.gz")
    try Data(members).write(to: gzip)
    let runs = try parseWithBoth([archive.path, gzip.path])
    #expect(runs.isal.status == runs.zlib.status)
    #expect(runs.isal.standardOutput.count > 1_000_000)
    #expect(runs.isal.standardOutput == runs.zlib.standardOutput)
    #expect(runs.isal.standardError == runs.zlib.standardError)
  }

  @Test("damaged deflate data: both inflaters stop at it with the same line and the same exit code")
  func damagedEntry() throws {
    let sample = [UInt8](try Data(contentsOf: URL(fileURLWithPath: TestPaths.sample("ipa261126.xml"))))
    var archive = ZipWriter.archive([
      ZipWriter.Entry(name: "first.xml", data: sample), ZipWriter.Entry(name: "second.xml", data: sample),
    ])
    // A byte in the middle of the first entry's deflate data.
    archive[30 + "first.xml".utf8.count + 4_000] ^= 0xFF
    let path = try FeedTestSupport.temporaryFile(archive, name: "damaged.zip")
    let runs = try parseWithBoth([path])
    #expect(runs.isal.status == 2 && runs.zlib.status == 2)
    #expect(runs.isal.standardError.contains("damaged.zip:first.xml: zip: corrupt compressed data ("))
    #expect(runs.isal.standardError == runs.zlib.standardError)
    #expect(runs.isal.standardOutput == runs.zlib.standardOutput)
  }

  @Test("the reader gives back bytes an inflater read past a stream's end, across a refill of its buffer")
  func givingBackAcrossRefill() throws {
    let bytes = (0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 7) }
    let path = try FeedTestSupport.temporaryFile(bytes, name: "bytes.bin")
    let reader = try ByteReader(path: path)
    _ = try reader.ensureAvailable(1)
    let first = reader.available.count
    reader.consume(first)
    #expect(try reader.fill())
    // The last 8 bytes before the refill are still there to give back.
    reader.consume(-8)
    #expect(reader.consumedCount == first - 8)
    #expect(Array(reader.available.prefix(8)) == Array(bytes[(first - 8)..<first]))
  }
}
