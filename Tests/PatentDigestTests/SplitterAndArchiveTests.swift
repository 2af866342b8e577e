import Foundation
import Testing

@testable import PatentDigest

/// How the weekly file is cut and unpacked: the same documents whatever the chunk boundaries,
/// and archives checked as they stream.
@Suite("Cutting and unpacking feeds")
struct SplitterAndArchiveTests {
  /// Cuts `feed` fed in chunks of `chunkSize` bytes and returns each document's offset and length.
  private func cut(_ feed: [UInt8], chunkSize: Int) throws -> [(offset: Int, length: Int)] {
    var documents: [(Int, Int)] = []
    let splitter = DocumentSplitter(
      inputName: "test", maximumDocumentBytes: 1 << 30, pool: DocumentBufferPool(capacity: 2)
    ) { raw in
      if case .bytes(let bytes) = raw.content { documents.append((raw.byteOffset, bytes.count)) }
    }
    try feed.withUnsafeBytes { all in
      var start = 0
      while start < all.count {
        let end = min(start + chunkSize, all.count)
        try splitter.consume(UnsafeRawBufferPointer(rebasing: all[start..<end]))
        start = end
      }
    }
    try splitter.finish()
    return documents
  }

  @Test("documents are cut at every declaration whatever the chunk size", arguments: [1, 2, 3, 5, 6, 7, 64, 4096, 1 << 20])
  func chunkBoundaries(chunkSize: Int) throws {
    var first = ApplicationDocument()
    first.number = "20260000001"
    var second = ApplicationDocument()
    second.number = "20260000002"
    // The third declaration starts mid-line, right after the second document's last tag.
    let text = first.text + second.text.trimmingCharacters(in: .newlines) + first.text
    let feed = Array(text.utf8)
    let expected = try cut(feed, chunkSize: feed.count)
    #expect(expected.count == 3)
    #expect(
      expected.map(\.offset) == [
        0, first.text.utf8.count, first.text.utf8.count + second.text.trimmingCharacters(in: .newlines).utf8.count,
      ])
    let actual = try cut(feed, chunkSize: chunkSize)
    #expect(actual.map(\.offset) == expected.map(\.offset))
    #expect(actual.map(\.length) == expected.map(\.length))
  }

  @Test("a processing instruction or <?xml-stylesheet does not start a document")
  func notEveryQuestionMark() throws {
    var document = ApplicationDocument()
    document.description =
      "<?xml-stylesheet href=\"a\"?><p>Is it <?in-line-formulae description=\"In-line Formulae\" end=\"lead\"?>x?</p>"
    let result = try FeedTestSupport.read(feed: document.text)
    #expect(result.records.count == 1)
    #expect(result.failures.isEmpty)
  }

  @Test("the zip's CRC-32 is checked: a changed byte in the entry is reported, not read as a feed")
  func zipChecksum() throws {
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: FeedTestSupport.sample("ipg261124.zip"))))
    // The local header's CRC field sits at offset 14: change it so the data no longer matches.
    bytes[14] ^= 0xFF
    let result = try FeedTestSupport.read(FeedTestSupport.temporaryFile(bytes, name: "ipg261124.zip"))
    let error = try #require(result.inputErrors.first)
    #expect(error.reason.contains("CRC-32 mismatch"))
    #expect(error.input.hasSuffix("ipg261124.zip:ipg261124.xml"))
  }

  private func application(_ number: Int) -> [UInt8] {
    var document = ApplicationDocument()
    document.number = String(20_260_000_000 + number)
    return Array(document.text.utf8)
  }

  @Test(
    "an empty or non-XML .xml entry is reported with its name; the good entry after it is still read",
    arguments: [
      "empty", "not XML",
    ])
  func badEntryCostsOnlyItself(entry: String) throws {
    let bad = entry == "empty" ? [] : Array("This is not a feed.\n".utf8)
    let archive = ZipWriter.archive([
      .init(name: "ipa261126-part1.xml", data: bad), .init(name: "ipa261126-part2.xml", data: application(1)),
    ])
    let path = try FeedTestSupport.temporaryFile(archive, name: "ipa261126.zip")
    let result = try FeedTestSupport.read(path)
    #expect(result.records.map(\.publicationNumber) == ["US20260000001A1"], "\(result.inputErrors)")
    #expect(result.inputErrors.map(\.input) == ["\(path):ipa261126-part1.xml"])
    #expect(result.inputErrors.first?.reason.contains(entry == "empty" ? "is empty" : "no <?xml declaration") == true)
    #expect(result.summary.unusableInputs == 1)
    #expect(result.summary.inputs == 1)
  }

  @Test("two entries with the same name are each checked against their own CRC-32, and their lines counted apart")
  func sameNamedEntries() throws {
    var broken = ApplicationDocument()
    broken.number = "20260000003"
    broken.claims = "<claim id=\"CLM-00001\" num=\"00001\"><claim-text>1. A hinge</claim>"
    let archive = ZipWriter.archive([
      .init(name: "ipa.xml", data: application(1)), .init(name: "ipa.xml", data: application(2) + Array(broken.text.utf8)),
    ])
    let path = try FeedTestSupport.temporaryFile(archive, name: "twice.zip")
    let result = try FeedTestSupport.read(path)
    #expect(result.inputErrors.isEmpty, "\(result.inputErrors)")
    #expect(result.records.map(\.publicationNumber) == ["US20260000001A1", "US20260000002A1"])
    // The failure's line counts from the start of its own entry, not from the first entry's.
    let lines = (String(decoding: application(2), as: UTF8.self) + broken.text).split(
      separator: "\n", omittingEmptySubsequences: false)
    let expected = try #require(lines.firstIndex { $0.contains("1. A hinge</claim>") }) + 1
    #expect(result.failures.map(\.line) == [expected])
    #expect(result.failures.map(\.document) == [2])
  }

  @Test("corrupt deflate data is an input error with a reason")
  func corruptDeflate() throws {
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: FeedTestSupport.sample("ipg261124.zip"))))
    for index in 200..<260 { bytes[index] = 0xFF }
    let result = try FeedTestSupport.read(FeedTestSupport.temporaryFile(bytes, name: "ipg261124.zip"))
    #expect(result.inputErrors.count == 1)
    #expect(result.inputErrors.first?.reason.contains("corrupt") == true)
  }

  @Test("inflation limits stop a zip bomb: by total size and by ratio")
  func inflationLimits() throws {
    var bySize = FeedReaderOptions()
    bySize.inflationLimits.maximumInflatedBytes = 50_000
    let tooBig = try FeedTestSupport.read(FeedTestSupport.sample("ipa261126.zip"), options: bySize)
    #expect(tooBig.inputErrors.first?.reason.contains("inflates to more than") == true)

    var byRatio = FeedReaderOptions()
    byRatio.inflationLimits.maximumRatio = 2
    byRatio.inflationLimits.ratioCheckAfter = 10_000
    let tooDense = try FeedTestSupport.read(FeedTestSupport.sample("ipa261126.zip"), options: byRatio)
    #expect(tooDense.inputErrors.first?.reason.contains("zip bomb") == true)

    let normal = try FeedTestSupport.read(FeedTestSupport.sample("ipa261126.zip"))
    #expect(normal.inputErrors.isEmpty)
    #expect(normal.records.count == 36)
  }

  @Test("the zip and the plain file give the same records")
  func zipMatchesPlain() throws {
    let plain = try FeedTestSupport.read(FeedTestSupport.sample("ipg261124.xml"))
    let zipped = try FeedTestSupport.read(FeedTestSupport.sample("ipg261124.zip"))
    #expect(plain.records.count == 12)
    #expect(plain.summary.sequenceListings == 1)
    #expect(zipped.records.map(\.publicationNumber) == plain.records.map(\.publicationNumber))
    #expect(zipped.records.map(\.title) == plain.records.map(\.title))
    #expect(zipped.summary == plain.summary)
  }

  @Test("one worker or several: the same records in the same order")
  func workerCountDoesNotChangeOutput() throws {
    var one = FeedReaderOptions()
    one.workerCount = 1
    var four = FeedReaderOptions()
    four.workerCount = 4
    let serial = try FeedTestSupport.read(FeedTestSupport.sample("ipa261126.xml"), options: one)
    let parallel = try FeedTestSupport.read(FeedTestSupport.sample("ipa261126.xml"), options: four)
    #expect(serial.records == parallel.records)
  }
}

/// The JSON contract: escaping, key order, and a round trip through `Codable`.
@Suite("Record JSON")
struct RecordJSONTests {
  private let record = PatentRecord(
    type: .grant, publicationNumber: "US12470123B2", kind: "B2", publicationDate: "2026-11-24", filingDate: nil,
    applicationNumber: "18000001", applicationType: "utility",
    title: "Quotes \" backslash \\ tab \t newline \n bell \u{7} ✓ <script>",
    abstract: nil, assignees: [Party(name: "Zoë Müller", kind: .person, firstName: "Zoë", lastName: "Müller", country: "DE")],
    applicants: [], inventors: [], cpc: [Classification(symbol: "G02B 27/0172", main: true)], ipc: [], claimCount: 3,
    firstClaim: "1. A device.", dtdVersion: "v4.7 2022-02-17",
    source: SourcePosition(file: "ipg261124.zip:ipg261124.xml", document: 4, byteOffset: 1234))

  @Test("escapes what JSON requires and nothing else")
  func escaping() throws {
    let json = String(decoding: RecordPrinter<MemorySink>.encode(record), as: UTF8.self)
    #expect(json.contains(#""title":"Quotes \" backslash \\ tab \t newline \n bell \u0007 ✓ <script>""#))
    #expect(
      json.hasPrefix(
        #"{"type":"grant","publicationNumber":"US12470123B2","kind":"B2","publicationDate":"2026-11-24","filingDate":null,"#))
    #expect(
      json.contains(#""assignees":[{"name":"Zoë Müller","kind":"person","firstName":"Zoë","lastName":"Müller","country":"DE"}]"#))
  }

  @Test("decodes back into the same record")
  func roundTrip() throws {
    let json = RecordPrinter<MemorySink>.encode(record)
    let decoded = try JSONDecoder().decode(PatentRecord.self, from: Data(json))
    #expect(decoded == record)
  }

  @Test("json format is one array; an empty run is []")
  func arrayFormat() throws {
    var printer = RecordPrinter(sink: MemorySink(), format: .json)
    try printer.finish()
    #expect(printer.sink.text == "[]\n")
    var twice = RecordPrinter(sink: MemorySink(), format: .json)
    try twice.print(encoded: RecordPrinter<MemorySink>.encode(record))
    try twice.print(encoded: RecordPrinter<MemorySink>.encode(record))
    try twice.finish()
    let decoded = try JSONDecoder().decode([PatentRecord].self, from: Data(twice.sink.bytes))
    #expect(decoded == [record, record])
  }
}
