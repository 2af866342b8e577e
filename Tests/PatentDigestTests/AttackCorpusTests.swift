import Foundation
import PatentDigest
import Testing

/// The attack corpus: each hostile input with its expected outcome, a clear error, nothing read
/// from outside, nothing hung, and every good document around it still read.
@Suite("Attack corpus")
struct AttackCorpusTests {
  private func good(_ number: Int) -> String {
    var document = ApplicationDocument()
    document.number = String(20_260_000_000 + number)
    return document.text
  }

  private func hostile(
    doctype: String? = nil, title: String? = nil, abstract: String? = nil, description: String? = nil, number: Int
  ) -> String {
    var document = ApplicationDocument()
    document.number = String(20_260_000_000 + number)
    if let doctype { document.doctype = doctype }
    if let title { document.title = title }
    if let abstract { document.abstract = abstract }
    if let description { document.description = description }
    return document.text
  }

  private func canary() throws -> String {
    try FeedTestSupport.temporaryFile("CANARY-SECRET-51c2", name: "canary.txt")
  }

  @Test("a weekly file holding many attacks among good documents yields every good document, each attack reported")
  func mixedWeek() throws {
    let canaryPath = try canary()
    let laughs =
      "<!ENTITY a0 \"ha\">" + (1...9).map { "<!ENTITY a\($0) \"" + String(repeating: "&a\($0 - 1);", count: 10) + "\">" }.joined()
    let attacks = [
      hostile(
        doctype: "<!DOCTYPE us-patent-application [ <!ENTITY x SYSTEM \"file://\(canaryPath)\"> ]>", title: "&x;", number: 101),
      hostile(
        doctype: "<!DOCTYPE us-patent-application [ <!ENTITY x SYSTEM \"http://127.0.0.1:9/x\"> ]>", title: "&x;", number: 102),
      hostile(doctype: "<!DOCTYPE us-patent-application [ <!ENTITY % p SYSTEM \"file://\(canaryPath)\"> %p; ]>", number: 103),
      hostile(doctype: "<!DOCTYPE us-patent-application [ \(laughs) ]>", title: "&a9;", number: 104),
      hostile(
        doctype: "<!DOCTYPE us-patent-application [ <!ENTITY big \"\(String(repeating: "x", count: 50_000))\"> ]>",
        title: String(repeating: "&big;", count: 1000), number: 105),
      hostile(description: String(repeating: "<b>", count: 10_000) + String(repeating: "</b>", count: 10_000), number: 106),
      hostile(description: "<p " + (0..<50_000).map { "a\($0)=\"v\"" }.joined(separator: " ") + ">x</p>", number: 107),
      hostile(description: "<p>\(String(repeating: "y", count: 20_000_000))</p>", number: 108),
      hostile(description: "<p>NUL \u{0} byte</p>", number: 109),
      "<?xml version=\"1.0\"?>\n<!-- a document with no root -->\n",
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html><body>Service Unavailable</body></html>\n",
    ]
    var feed = ""
    for (index, attack) in attacks.enumerated() {
      feed += good(index + 1) + attack
    }
    feed += good(99)
    let started = ContinuousClock.now
    let result = try FeedTestSupport.read(feed: feed)
    #expect(ContinuousClock.now - started < FeedTestSupport.hangLimit)
    #expect(result.records.count == attacks.count + 1)
    #expect(result.records.allSatisfy { Int($0.publicationNumber.dropFirst(2).dropLast(2))! < 20_260_000_100 })
    #expect(result.failures.count == attacks.count)
    #expect(!"\(result.records)\(result.failures)".contains("CANARY"))
    for failure in result.failures {
      #expect(!failure.reason.isEmpty && failure.line != nil || failure.kind == .notAPatentDocument, "\(failure)")
    }
  }

  @Test("XInclude is never processed: an include is just an element, its file never read")
  func xinclude() throws {
    let canaryPath = try canary()
    let feed = hostile(
      abstract:
        "<p id=\"p-0001\" num=\"0000\">Before <xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file://\(canaryPath)\" parse=\"text\"/> after.</p>",
      number: 1)
    let result = try FeedTestSupport.read(feed: feed)
    #expect(result.records.first?.abstract == "Before after.")
  }

  @Test("a lying encoding declaration: a UTF-8 document that says UTF-16 is refused, not misread")
  func lyingEncoding() throws {
    let text = good(1).replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"UTF-16\"") + good(2)
    let result = try FeedTestSupport.read(feed: text)
    #expect(result.records.map(\.publicationNumber) == ["US20260000002A1"])
    #expect(result.failures.count == 1)
  }

  @Test("a document listing tens of thousands of classifications costs time in proportion, not its square")
  func manyClassifications() throws {
    func feed(_ count: Int) -> String {
      var document = ApplicationDocument()
      document.bibliographicExtra =
        "<classifications-cpc><further-cpc>"
        + (0..<count).map {
          "<classification-cpc><section>G</section><class>06</class><subclass>F</subclass><main-group>\($0)</main-group><subgroup>00</subgroup></classification-cpc>"
        }.joined() + "</further-cpc></classifications-cpc>\n"
      return document.text
    }
    // Interleaved, fastest of three each: the other suites run in parallel in this process, and a
    // busy spell then slows both sizes alike rather than one.
    let small = feed(10_000)
    let large = feed(80_000)
    var smallTimes: [Duration] = []
    var largeTimes: [Duration] = []
    var largeResult = FeedReadResult()
    for _ in 0..<3 {
      smallTimes.append(try ContinuousClock().measure { _ = try FeedTestSupport.read(feed: small) })
      largeTimes.append(try ContinuousClock().measure { largeResult = try FeedTestSupport.read(feed: large) })
    }
    #expect(largeResult.records.first?.cpc.count == 80_000)
    let smallTime = smallTimes.min()!
    let largeTime = largeTimes.min()!
    // Eight times the symbols: about eight times the time when each costs the same, sixty-four
    // when each is compared with all before it (as the reader once did). The bound sits between,
    // with room for a busy machine.
    print("10,000 classifications: \(smallTime); 80,000: \(largeTime)")
    #expect(largeTime / smallTime < 32)
  }

  @Test("a zip bomb: a tiny archive that inflates to half a gigabyte is refused quickly")
  func zipBomb() throws {
    let (payload, crc) = ZipWriter.deflatedZeros(count: 512 << 20)
    var bytes = ZipWriter.archive([.init(name: "ipa261126.xml", data: [], deflate: false, statedCRC: crc, statedSize: 512 << 20)])
    // Put the bomb's deflate stream in place of the empty stored entry.
    bytes = Self.replacingPayload(of: bytes, with: payload)
    #expect(bytes.count < 1 << 20)
    let started = ContinuousClock.now
    let result = try FeedTestSupport.read(FeedTestSupport.temporaryFile(bytes, name: "bomb.zip"))
    #expect(ContinuousClock.now - started < FeedTestSupport.hangLimit)
    #expect(result.inputErrors.first?.reason.contains("zip bomb") == true)
  }

  /// Rewrites a one-entry archive made with an empty stored entry into one whose entry is the
  /// given deflate stream.
  static func replacingPayload(of archive: [UInt8], with payload: [UInt8]) -> [UInt8] {
    var local = Array(archive[0..<30]) + Array(archive[30..<(30 + Int(archive[26]) + Int(archive[27]) << 8)])
    local[8] = 8  // deflated
    let size = UInt32(payload.count)
    local[18] = UInt8(size & 0xFF)
    local[19] = UInt8(size >> 8 & 0xFF)
    local[20] = UInt8(size >> 16 & 0xFF)
    local[21] = UInt8(size >> 24 & 0xFF)
    // The central directory is not needed to read a stream front to back: end the archive there.
    return local + payload + [0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18)
  }

  @Test("zip entries named to climb out of the archive are not read, and the input is reported")
  func zipSlip() throws {
    let bytes = ZipWriter.archive([
      .init(name: "../../etc/ipa261126.xml", data: Array(good(1).utf8)),
      .init(name: "ipa261126.xml", data: Array(good(2).utf8)),
    ])
    let result = try FeedTestSupport.read(FeedTestSupport.temporaryFile(bytes, name: "slip.zip"))
    #expect(result.records.map(\.publicationNumber) == ["US20260000002A1"])
    #expect(result.inputErrors.first?.reason.contains("../../etc/ipa261126.xml") == true)
  }

  @Test("a zip entry whose stated size or CRC is wrong is reported as corrupt", arguments: ["size", "crc"])
  func zipLies(field: String) throws {
    let data = Array(good(1).utf8)
    let entry =
      field == "size"
      ? ZipWriter.Entry(name: "ipa.xml", data: data, statedSize: UInt32(data.count + 10))
      : ZipWriter.Entry(name: "ipa.xml", data: data, statedCRC: 0xDEAD_BEEF)
    let result = try FeedTestSupport.read(FeedTestSupport.temporaryFile(ZipWriter.archive([entry]), name: "lie.zip"))
    #expect(result.inputErrors.first?.reason.contains(field == "size" ? "size mismatch" : "CRC-32 mismatch") == true)
  }

  @Test("a good zip made here reads like the plain file (the writer the other tests use is sound)")
  func zipWriterIsSound() throws {
    let text = good(1) + good(2)
    let zipped = try FeedTestSupport.read(
      FeedTestSupport.temporaryFile(ZipWriter.archive([.init(name: "ipa.xml", data: Array(text.utf8))]), name: "ok.zip"))
    #expect(zipped.inputErrors.isEmpty)
    #expect(zipped.records.count == 2)
  }
}
