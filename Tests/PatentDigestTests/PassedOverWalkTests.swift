import Testing

@testable import PatentDigest

/// The markup scanner walks passed-over regions in C (`pd_walk_passed_over`), which stops at
/// anything it cannot vouch for and leaves that step to the Swift walk. These tests put each kind
/// of problem at every offset of a stretch wider than the walk's 64-byte blocks, so that it falls
/// before, on and after block edges, and check that the scanner still reports it where it is.
@Suite("Markup scanner: the passed-over walk")
struct PassedOverWalkTests {
  /// A document whose description is plain inline markup, `filler` bytes of it, then `inserted`,
  /// then more markup; returns the document and the offset of `inserted`.
  private static func document(filler: Int, inserted: String) -> (bytes: [UInt8], offset: Int) {
    var head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<us-patent-grant>\n<description id=\"d\">\n<p id=\"p-1\">"
    let unit = "a<b>bc</b> d&amp;e <sub>2</sub>, caf\u{E9}\t<figref idref=\"D\">F</figref><br/>"
    // Plain text of `filler % unit` bytes, then whole units: well formed at every length.
    let unitLength = unit.utf8.count
    let body = String(repeating: "t", count: filler % unitLength) + String(repeating: unit, count: filler / unitLength)
    head += body
    let offset = head.utf8.count
    let tail = " x<i>y</i>" + String(repeating: "<b>z</b> text ", count: 20) + "</p>\n</description>\n</us-patent-grant>\n"
    return (Array(head.utf8) + Array(inserted.utf8) + Array(tail.utf8), offset)
  }

  private static func scan(_ bytes: [UInt8]) -> MarkupScanner.Failure? {
    bytes.withUnsafeBytes { raw -> MarkupScanner.Failure? in
      var scanner = MarkupScanner(raw)
      do throws(MarkupScanner.Failure) {
        try scanner.scanProlog()
        try scanner.scanElements()
        return nil
      } catch {
        return error
      }
    }
  }

  @Test("plain passed-over markup is accepted, whatever its length")
  func plainMarkup() {
    for filler in stride(from: 0, through: 600, by: 7) {
      let (bytes, _) = Self.document(filler: filler, inserted: "")
      #expect(Self.scan(bytes) == nil, "filler \(filler)")
    }
  }

  @Test(
    "a problem in passed-over markup is reported at its offset, with the message it always had",
    arguments: [
      ("\u{01}", 0, "control character 0x1 is not allowed in XML"),
      ("&amp", 0, "a '&' that starts no reference (write &amp; for a literal '&')"),
      ("&#0;", 0, "the character reference &#0; is not a valid XML character"),
      ("&#xFFFE;", 0, "the character reference &#xFFFE; is not a valid XML character"),
      ("<b x=\"<\">", 6, "an attribute value contains '<'"),
      ("<b x", 0, "a start tag is not closed before the next '<'"),
      ("< b", 0, "a '<' that starts no element (write &lt; for a literal '<')"),
      ("</>", 0, "an end tag without a name"),
    ])
  func problem(inserted: String, offsetInInserted: Int, message: String) {
    for filler in stride(from: 0, through: 300, by: 1) {
      let (bytes, offset) = Self.document(filler: filler, inserted: inserted)
      let failure = Self.scan(bytes)
      #expect(failure?.message == message, "filler \(filler): \(String(describing: failure))")
      #expect(failure?.offset == offset + offsetInInserted, "filler \(filler)")
    }
  }

  @Test("invalid UTF-8 in passed-over text is reported at its first byte")
  func invalidUTF8() {
    for sequence: [UInt8] in [[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBE], [0xF4, 0x90, 0x80, 0x80]] {
      for filler in stride(from: 0, through: 200, by: 1) {
        let (plain, offset) = Self.document(filler: filler, inserted: "")
        var bytes = plain
        bytes.insert(contentsOf: sequence, at: offset)
        let failure = Self.scan(bytes)
        #expect(failure?.offset == offset, "\(sequence) filler \(filler)")
        #expect(failure?.message.hasPrefix("the text is not valid UTF-8") == true, "\(String(describing: failure))")
      }
    }
  }

  @Test("an end tag that does not match names the open element and its line")
  func mismatchedEndTag() {
    for filler in stride(from: 0, through: 200, by: 3) {
      let (bytes, offset) = Self.document(filler: filler, inserted: "<i>q</b>")
      let failure = Self.scan(bytes)
      #expect(failure?.offset == offset + 4, "filler \(filler)")
      #expect(failure?.message == "</b> does not match the open element <i> (line 4)", "\(String(describing: failure))")
    }
  }
}
