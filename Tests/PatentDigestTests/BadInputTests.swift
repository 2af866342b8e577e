import Foundation
import PatentDigest
import Testing

/// Broken and hostile input: each bad document is reported with where and why, and costs no other.
@Suite("Bad and hostile input")
struct BadInputTests {
  private func feed(_ documents: [ApplicationDocument]) -> String {
    documents.map(\.text).joined()
  }

  private func numbered(_ number: Int) -> ApplicationDocument {
    var document = ApplicationDocument()
    document.number = String(20_260_000_000 + number)
    return document
  }

  @Test("a mismatched tag in the claims costs only its own document")
  func malformedClaims() throws {
    var broken = numbered(2)
    broken.claims = "<claim id=\"CLM-00001\" num=\"00001\"><claim-text>1. A hinge <b>comprising</claim-text></claim>"
    let result = try FeedTestSupport.read(feed: feed([numbered(1), broken, numbered(3)]))
    #expect(result.records.map(\.publicationNumber) == ["US20260000001A1", "US20260000003A1"])
    let failure = try #require(result.failures.first)
    #expect(result.failures.count == 1)
    #expect(failure.document == 2)
    #expect(failure.kind == .malformed)
    #expect(failure.publicationNumber == "US20260000002A1")
    #expect(failure.reason.contains("</claim-text>"))
    // The feed's own line number: the claims are near the end of the second document.
    let lines = feed([numbered(1), broken]).split(separator: "\n", omittingEmptySubsequences: false)
    let expectedLine = try #require(lines.firstIndex { $0.contains("comprising</claim-text>") }) + 1
    #expect(failure.line == expectedLine)
    #expect(failure.description.contains("document 2 (US20260000002A1), line \(expectedLine)"))
    #expect(result.summary.failedDocuments == 1)
    #expect(!result.summary.isComplete)
  }

  @Test("a break inside the description, which libxml2 never sees, is still reported with its line")
  func malformedDescription() throws {
    var broken = numbered(1)
    broken.description = "<p id=\"p-0002\" num=\"0001\">One.</p>\n<p id=\"p-0003\" num=\"0002\">Two <i>open.</p>"
    let result = try FeedTestSupport.read(feed: feed([broken, numbered(2)]))
    #expect(result.records.map(\.publicationNumber) == ["US20260000002A1"])
    let failure = try #require(result.failures.first)
    #expect(failure.reason.contains("</p> does not match the open element <i>"))
    let lines = broken.text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(failure.line == (lines.firstIndex { $0.contains("Two <i>open") } ?? -1) + 1)
  }

  /// The feed's line of the first `needle` (1-based).
  private static func line(of needle: String, in feed: String) throws -> Int {
    let range = try #require(feed.range(of: needle))
    return feed[..<range.lowerBound].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
  }

  /// The scanner reads sixteen bytes at a time where libxml2 is spared: whichever byte of a block
  /// a fault falls on, with newlines anywhere before it in the block, it is found on its line,
  /// and a sound document with the same bytes is read.
  @Test("the description's faults are found on their line at every offset of a 16-byte block", arguments: 0..<34)
  func faultAtEveryBlockOffset(padding: Int) throws {
    let filler = (0..<padding).map { $0 % 5 == 3 ? "\n" : "x" }.joined()
    let paddedDescription =
      "<p id=\"p-0002\"\nnum=\"0001\" alt='\(filler)'>\(filler)&amp;\(filler)é\(filler)<b>b</b>\(filler)</p>"
    // Read first, so every later document's lines count the newlines the scanner saw in it.
    var sound = numbered(1)
    sound.description = paddedDescription
    // libxml2 reads the claims without the description (the scanner finds nothing wrong there):
    // its line counts the newlines the scanner saw in the description.
    var duplicateAttribute = numbered(2)
    duplicateAttribute.description = paddedDescription
    duplicateAttribute.claims =
      "<claim id=\"CLM-00001\"\nnum=\"00001\" num=\"00002\"><claim-text>1. A <b>hinge</b>.</claim-text></claim>"
    var control = numbered(3)
    control.description = "<p id=\"p-0002\" num=\"0001\">\(filler)\u{01}</p>"
    var lessThanInValue = numbered(4)
    lessThanInValue.description = "<p id=\"p-0002\" num=\"0001\" alt=\"\(filler)<\">x</p>"
    var mismatch = numbered(5)
    mismatch.description = "<p id=\"p-0002\" num=\"0001\">\(filler)<i>y</p>"
    var unclosedReference = numbered(6)
    unclosedReference.description = "<p id=\"p-0002\" num=\"0001\">\(filler)&amp z</p>"
    let text = feed([sound, duplicateAttribute, control, lessThanInValue, mismatch, unclosedReference])
    let result = try FeedTestSupport.read(feed: text)
    #expect(result.records.map(\.publicationNumber) == ["US20260000001A1"])
    let failures = result.failures
    try #require(failures.count == 5)
    #expect(failures[0].reason.contains("redefined"), "\(failures[0])")
    #expect(failures[0].line == (try Self.line(of: "num=\"00001\" num=", in: text)))
    #expect(failures[1].reason.contains("control character 0x1"), "\(failures[1])")
    #expect(failures[1].line == (try Self.line(of: "\u{01}", in: text)))
    #expect(failures[2].reason.contains("an attribute value contains '<'"), "\(failures[2])")
    #expect(failures[2].line == (try Self.line(of: "<\">x", in: text)))
    #expect(failures[3].reason.contains("</p> does not match the open element <i>"), "\(failures[3])")
    #expect(failures[3].line == (try Self.line(of: "<i>y", in: text)))
    #expect(failures[4].reason.contains("a '&' that starts no reference"), "\(failures[4])")
    #expect(failures[4].line == (try Self.line(of: "&amp z", in: text)))
  }

  @Test("invalid UTF-8, in a part libxml2 reads and in one it is spared", arguments: ["abstract", "description"])
  func invalidUTF8(part: String) throws {
    var document = numbered(1)
    let marker = "BROKEN-BYTES"
    if part == "abstract" {
      document.abstract = "<p id=\"p-0001\" num=\"0000\">\(marker)</p>"
    } else {
      document.description = "<p id=\"p-0002\" num=\"0001\">\(marker)</p>"
    }
    var bytes = Array(feed([document, numbered(2)]).utf8)
    let markerBytes = Array(marker.utf8)
    let index = try #require(
      (0...(bytes.count - markerBytes.count)).first { Array(bytes[$0..<($0 + markerBytes.count)]) == markerBytes })
    bytes.replaceSubrange(index..<(index + 2), with: [0xE9, 0x20])  // Latin-1 'é' in a UTF-8 document
    let result = try FeedTestSupport.read(FeedTestSupport.temporaryFile(bytes))
    #expect(result.records.map(\.publicationNumber) == ["US20260000002A1"])
    let failure = try #require(result.failures.first)
    #expect(failure.reason.localizedCaseInsensitiveContains("UTF-8"))
    #expect(failure.line != nil)
  }

  @Test("bytes that do not decode in the declared encoding are reported as such, not as a missing field")
  func undecodableText() throws {
    let bytes =
      Array("<?xml version=\"1.0\" encoding=\"EUC-JP\"?>\n<us-patent-application><x>".utf8) + [0xFF, 0xFE, 0xFD, 0x8E, 0x8E]
      + Array("</x></us-patent-application>\n".utf8) + Array(numbered(2).text.utf8)
    let result = try FeedTestSupport.read(FeedTestSupport.temporaryFile(bytes))
    #expect(result.records.map(\.publicationNumber) == ["US20260000002A1"])
    #expect(result.failures.first?.reason.contains("declared encoding") == true, "\(result.failures)")
  }

  @Test("a NUL byte is refused")
  func nulByte() throws {
    var document = numbered(1)
    document.description = "<p id=\"p-0002\" num=\"0001\">NUL\u{0}here</p>"
    let result = try FeedTestSupport.read(feed: feed([document, numbered(2)]))
    #expect(result.records.count == 1)
    #expect(result.failures.first?.reason.contains("0x0") == true)
  }

  @Test("a weekly file cut in the middle of its last document")
  func truncatedFeed() throws {
    let text = feed([numbered(1), numbered(2)])
    let cut = String(text.prefix(text.count - 400))
    let result = try FeedTestSupport.read(feed: cut)
    #expect(result.records.map(\.publicationNumber) == ["US20260000001A1"])
    let failure = try #require(result.failures.first)
    #expect(failure.document == 2)
    #expect(failure.publicationNumber == "US20260000002A1")
    #expect(failure.reason.contains("truncated"))
  }

  @Test("a declaration in the middle of a line starts a new document")
  func declarationMidLine() throws {
    let first = numbered(1).text.trimmingCharacters(in: .newlines)
    let result = try FeedTestSupport.read(feed: first + numbered(2).text)
    #expect(result.records.map(\.publicationNumber) == ["US20260000001A1", "US20260000002A1"])
    #expect(result.failures.isEmpty)
  }

  @Test("an XML document that is not a patent document")
  func notAPatentDocument() throws {
    let result = try FeedTestSupport.read(
      feed: "<?xml version=\"1.0\"?>\n<html><body>Service unavailable</body></html>\n" + numbered(1).text)
    #expect(result.records.count == 1)
    #expect(result.failures.first?.kind == .notAPatentDocument)
    #expect(result.failures.first?.reason.contains("<html>") == true)
  }

  @Test("unusable inputs: each a one-line reason, and the next input is still read")
  func unusableInputs() throws {
    let good = try FeedTestSupport.temporaryFile(numbered(1).text)
    let empty = try FeedTestSupport.temporaryFile("")
    let json = try FeedTestSupport.temporaryFile("{\"results\": []}\n", name: "feed.json")
    let html = try FeedTestSupport.temporaryFile("<!DOCTYPE html>\n<html><body>Not found</body></html>\n", name: "ipa.xml")
    let missing = "/nonexistent/ipa261126.zip"
    let folder = FileManager.default.temporaryDirectory.path
    let aps = try FeedTestSupport.temporaryFile("HHHHHT  APS1      ISSUE  20010102\nPATN\nWKU  061684950\n", name: "pftaps.txt")
    let result = try FeedTestSupport.read([empty, json, html, missing, folder, aps, good])
    #expect(result.records.count == 1)
    #expect(result.inputErrors.map(\.input) == [empty, json, html, missing, folder, aps])
    #expect(result.inputErrors[0].reason == "is empty")
    #expect(result.inputErrors[1].reason.contains("looks like JSON"))
    #expect(result.inputErrors[2].reason.contains("HTML"))
    #expect(result.inputErrors[3].reason == "no such file")
    #expect(result.inputErrors[4].reason.contains("folder"))
    #expect(result.inputErrors[5].reason.contains("1976-2001 APS text format"))
    #expect(result.summary.unusableInputs == 6)
    #expect(result.inputErrors.allSatisfy { !$0.description.contains("\n") })
  }

  @Test(
    "what lies between two documents costs neither: it is reported on its own, with its byte position, and counted",
    arguments: ["byte-order mark", "stray bytes", "UTF-16 document", "document without a declaration"])
  func junkBetweenDocuments(junk: String) throws {
    let first = numbered(1).text
    let between: [UInt8]
    switch junk {
    case "byte-order mark":
      between = [0xEF, 0xBB, 0xBF]
    case "stray bytes":
      between = Array("}} garbage \u{1}\n".utf8)
    case "UTF-16 document":
      let text = numbered(3).text.replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"UTF-16\"")
      between = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    default:
      // The declaration line and the DOCTYPE are gone: the root element follows the other's end.
      var undeclared = numbered(3)
      undeclared.doctype = ""
      between = Array(undeclared.text.drop { $0 != "\n" }.drop { $0 == "\n" }.utf8)
    }
    let path = try FeedTestSupport.temporaryFile(Array(first.utf8) + between + Array(numbered(2).text.utf8))
    let result = try FeedTestSupport.read(path)
    #expect(result.records.map(\.publicationNumber) == ["US20260000001A1", "US20260000002A1"], "\(result.failures)")
    if junk == "byte-order mark" {
      // The mark of the next document, as a file saved by an editor starts: nothing is lost.
      #expect(result.failures.isEmpty)
      #expect(result.summary.isComplete)
      return
    }
    let failure = try #require(result.failures.first)
    #expect(result.failures.count == 1)
    #expect(failure.byteOffset == first.utf8.count)
    #expect(failure.line == first.split(separator: "\n", omittingEmptySubsequences: false).count)
    #expect(failure.description.hasPrefix("\(path): byte \(first.utf8.count), line "), "\(failure)")
    #expect(failure.description.contains("after document 1"), "\(failure)")
    #expect(!failure.description.contains("\n"))
    #expect(!result.summary.isComplete)
    switch junk {
    case "stray bytes":
      #expect(failure.kind == .strayBytes)
      #expect(failure.reason.contains("}} garbage"))
      #expect(result.summary.documents == 2)
      #expect(result.summary.strayBytes == 1)
    case "UTF-16 document":
      #expect(failure.reason.contains("UTF-16"))
      #expect(result.summary.documents == 3)
      #expect(result.summary.failedDocuments == 1)
    default:
      #expect(failure.publicationNumber == "US20260000003A1")
      #expect(failure.reason.contains("<us-patent-application>") && failure.reason.contains("<?xml"))
      #expect(result.summary.documents == 3)
      #expect(result.summary.failedDocuments == 1)
    }
  }

  @Test("stray bytes after the last document, or after a comment that follows one, are reported the same way")
  func junkAfterLastDocument() throws {
    let first = numbered(1).text + "<!-- end of week -->\n"
    let result = try FeedTestSupport.read(feed: first + "\u{0}\u{0}\u{0}\u{0}")
    #expect(result.records.map(\.publicationNumber) == ["US20260000001A1"])
    #expect(result.failures.map(\.byteOffset) == [first.utf8.count])
    #expect(result.failures.first?.kind == .strayBytes)
  }

  @Test("a feed in UTF-16 is named as such, with what to do")
  func utf16Feed() throws {
    let text = numbered(1).text.replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"UTF-16\"")
    let path = try FeedTestSupport.temporaryFile([0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
    let result = try FeedTestSupport.read(path)
    #expect(result.records.isEmpty)
    let error = try #require(result.inputErrors.first)
    #expect(error.reason.contains("UTF-16") && error.reason.contains("iconv -f UTF-16 -t UTF-8"), "\(error)")
    #expect(result.summary.unusableInputs == 1)
  }

  @Test("bytes before the first declaration are reported, the documents still read")
  func leadingJunk() throws {
    let result = try FeedTestSupport.read(feed: "Content-Type: text/xml\n\n" + numbered(1).text)
    #expect(result.records.count == 1)
    #expect(result.failures.first?.document == 0)
    #expect(result.failures.first?.reason.contains("Content-Type") == true)
  }
}

/// Hostile XML: nothing is loaded, nothing is expanded, every attack fails fast and alone.
@Suite("Hostile XML")
struct HostileXMLTests {
  private func withCanary(_ body: (String) throws -> Void) throws {
    let canary = try FeedTestSupport.temporaryFile("CANARY-SECRET-7f3a9", name: "canary.txt")
    try body(canary)
  }

  @Test("an external entity naming a file on disk is refused and the file is never read")
  func externalEntity() throws {
    try withCanary { canary in
      var document = ApplicationDocument()
      document.doctype = "<!DOCTYPE us-patent-application [ <!ENTITY secret SYSTEM \"file://\(canary)\"> ]>"
      document.title = "Leak &secret; here"
      var good = ApplicationDocument()
      good.number = "20260000002"
      let result = try FeedTestSupport.read(feed: document.text + good.text)
      #expect(result.records.map(\.publicationNumber) == ["US20260000002A1"])
      let failure = try #require(result.failures.first)
      #expect(failure.reason.contains("entity 'secret'"))
      #expect(!"\(result.records)".contains("CANARY"))
      #expect(!failure.description.contains("CANARY"))
    }
  }

  @Test("an external DTD and parameter entities are never loaded")
  func externalSubsetAndParameterEntity() throws {
    try withCanary { canary in
      let dtd = try FeedTestSupport.temporaryFile("<!ENTITY leak SYSTEM \"file://\(canary)\">", name: "evil.dtd")
      var viaSubset = ApplicationDocument()
      viaSubset.doctype = "<!DOCTYPE us-patent-application SYSTEM \"file://\(dtd)\">"
      viaSubset.title = "Title &leak; end"
      let subsetResult = try FeedTestSupport.read(feed: viaSubset.text)
      // The external subset is not loaded, so `leak` is unknown: it stays as written, never resolved.
      #expect(!"\(subsetResult.records)".contains("CANARY"))
      #expect(subsetResult.records.first?.title == "Title &leak; end")

      var viaParameter = ApplicationDocument()
      viaParameter.doctype = "<!DOCTYPE us-patent-application [ <!ENTITY % remote SYSTEM \"file://\(dtd)\"> %remote; ]>"
      let parameterResult = try FeedTestSupport.read(feed: viaParameter.text)
      #expect(parameterResult.records.isEmpty)
      #expect(parameterResult.failures.first?.reason.contains("entity 'remote'") == true)
      #expect(!"\(parameterResult.failures)".contains("CANARY"))
    }
  }

  @Test("named characters the document does not declare come from fixed tables, never from the document")
  func undeclaredNamedCharacters() throws {
    var document = ApplicationDocument()
    document.title = "&ldquo;Smart&rdquo; lens &lgr;&equals;&frac15; f&uuml;r &nosuch;"
    let record = try #require(try FeedTestSupport.read(feed: document.text).records.first)
    #expect(record.title == "“Smart” lens λ=⅕ für &nosuch;")

    // Without a DTD to leave them to, an unknown name is an error, as XML says.
    var bare = ApplicationDocument()
    bare.doctype = ""
    bare.title = "&ldquo;Smart&rdquo;"
    let result = try FeedTestSupport.read(feed: bare.text)
    #expect(result.records.isEmpty)
    #expect(result.failures.first?.reason.contains("ldquo") == true)
  }

  @Test("an unparsed entity (an image file's name, NDATA) is let through: it is never read")
  func unparsedEntity() throws {
    try withCanary { canary in
      var document = ApplicationDocument()
      document.doctype =
        "<!DOCTYPE us-patent-application SYSTEM \"us-patent-application-v46-2022-02-17.dtd\" [ <!ENTITY figure1 SYSTEM \"file://\(canary)\" NDATA TIF> ]>"
      let result = try FeedTestSupport.read(feed: document.text)
      #expect(result.failures.isEmpty, "\(result.failures)")
      #expect(result.records.count == 1)
      #expect(!"\(result.records)".contains("CANARY"))
    }
  }

  @Test("billion laughs fails fast with a clear reason")
  func billionLaughs() throws {
    var entities = "<!ENTITY lol0 \"lol\">"
    for level in 1...9 {
      entities += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">"
    }
    var document = ApplicationDocument()
    document.doctype = "<!DOCTYPE us-patent-application [ \(entities) ]>"
    document.title = "&lol9;"
    let started = ContinuousClock.now
    let result = try FeedTestSupport.read(feed: document.text)
    #expect(ContinuousClock.now - started < FeedTestSupport.hangLimit)
    #expect(result.records.isEmpty)
    #expect(result.failures.first?.reason.contains("never expands entities") == true)
  }

  @Test("10,000-deep nesting fails fast", arguments: ["abstract", "description"])
  func deepNesting(part: String) throws {
    var document = ApplicationDocument()
    let deep = String(repeating: "<b>", count: 10_000) + "x" + String(repeating: "</b>", count: 10_000)
    if part == "abstract" { document.abstract = "<p>\(deep)</p>" } else { document.description = "<p>\(deep)</p>" }
    var good = ApplicationDocument()
    good.number = "20260000002"
    let result = try FeedTestSupport.read(feed: document.text + good.text)
    #expect(result.records.map(\.publicationNumber) == ["US20260000002A1"])
    #expect(result.failures.first?.reason.contains("256") == true)
  }

  @Test("a start tag with 50,000 attributes is refused")
  func wideElement() throws {
    var document = ApplicationDocument()
    let attributes = (0..<50_000).map { "a\($0)=\"v\"" }.joined(separator: " ")
    document.description = "<p \(attributes)>wide</p>"
    let started = ContinuousClock.now
    let result = try FeedTestSupport.read(feed: document.text)
    #expect(ContinuousClock.now - started < FeedTestSupport.hangLimit)
    #expect(result.records.isEmpty)
    #expect(result.failures.first?.reason.contains("start tag longer than") == true)
  }

  @Test("a 20 MB text node is refused")
  func hugeTextNode() throws {
    var document = ApplicationDocument()
    document.description = "<p>" + String(repeating: "a", count: 20_000_000) + "</p>"
    let result = try FeedTestSupport.read(feed: document.text)
    #expect(result.records.isEmpty)
    #expect(result.failures.first?.reason.contains("text node longer than") == true)
  }

  @Test("a document over the size limit is passed over without being kept, and reported")
  func oversizedDocument() throws {
    var big = ApplicationDocument()
    big.description = String(repeating: "<p>filler text for size</p>\n", count: 60_000)
    var good = ApplicationDocument()
    good.number = "20260000002"
    var options = FeedReaderOptions()
    options.maximumDocumentBytes = 1 << 20
    let result = try FeedTestSupport.read(feed: big.text + good.text, options: options)
    #expect(result.records.map(\.publicationNumber) == ["US20260000002A1"])
    #expect(result.failures.first?.kind == .tooLarge)
    #expect(result.failures.first?.publicationNumber == "US20260000001A1")
  }
}
