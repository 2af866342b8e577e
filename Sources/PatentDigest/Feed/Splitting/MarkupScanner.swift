#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Walks one document's markup at `memchr` speed: finds the root element, checks that every tag is
/// closed in order, and marks the regions the digest never reads (the description, drawings,
/// citations) so libxml2 can be spared them.
///
/// Inside those regions it also checks what libxml2 would have: text is valid UTF-8 without
/// control characters, references are well formed, nothing nests deeper than libxml2 allows.
/// So a broken document is still reported as broken, with its line, whichever part is broken.
struct MarkupScanner {
  /// The content of one passed-over element: from after its start tag to the start of its end tag.
  struct Region: Sendable, Hashable {
    var contentStart: Int
    var contentEnd: Int
    var newlines: Int
  }

  struct Failure: Error {
    var offset: Int
    var message: String
  }

  /// Elements whose content the digest does not need.
  static let passedOverElements: [[UInt8]] = [
    "description", "drawings", "us-references-cited", "references-cited", "us-sequence-list-doc",
    "us-megatable-doc", "table-external-doc", "us-chemistry", "us-math", "us-field-of-classification-search",
  ].map { Array($0.utf8) }

  /// libxml2's own nesting limit without `XML_PARSE_HUGE`.
  static let maximumDepth = 256
  static let maximumTagLength = 65_536
  static let maximumTextLength = 10_000_000

  private let base: UnsafePointer<UInt8>
  private let count: Int
  private var position = 0

  private(set) var rootName: String?
  private(set) var doctypeName: String?
  private(set) var doctypeSystemID: String?
  /// The `encoding` of the XML declaration, if it names one.
  private(set) var declaredEncoding: String?
  private(set) var regions: [Region] = []
  /// Offset of the root start tag's `<`.
  private(set) var rootStart = 0

  init(_ document: UnsafeRawBufferPointer) {
    base = document.baseAddress!.assumingMemoryBound(to: UInt8.self)
    count = document.count
  }

  // MARK: Prolog

  /// Reads the XML declaration, comments, processing instructions and the DOCTYPE, and stops at
  /// the root element's start tag.
  mutating func scanProlog() throws(Failure) {
    guard startsWith("<?xml", at: 0) else {
      throw Failure(offset: 0, message: "the document does not start with an XML declaration")
    }
    guard let declarationEnd = find("?>", from: 5) else {
      throw Failure(offset: 0, message: "the XML declaration is not closed")
    }
    declaredEncoding = attributeValue(named: "encoding", in: 5..<declarationEnd)
    position = declarationEnd + 2
    while true {
      skipWhiteSpace()
      guard position < count else { throw Failure(offset: position, message: "the document has no root element") }
      guard base[position] == UInt8(ascii: "<") else {
        throw Failure(offset: position, message: "text before the root element")
      }
      if startsWith("<!--", at: position) {
        try skipPast("-->", what: "comment")
      } else if startsWith("<?", at: position) {
        try skipPast("?>", what: "processing instruction")
      } else if startsWith("<!DOCTYPE", at: position) {
        try scanDoctype()
      } else if startsWith("<!", at: position) {
        throw Failure(offset: position, message: "unexpected markup before the root element")
      } else {
        rootStart = position
        rootName = name(at: position + 1).map { String(decoding: UnsafeBufferPointer(start: base + position + 1, count: $0), as: UTF8.self) }
        guard rootName != nil else { throw Failure(offset: position, message: "a '<' that starts no element") }
        return
      }
    }
  }

  private mutating func scanDoctype() throws(Failure) {
    let start = position
    position += 9
    skipWhiteSpace()
    if let length = name(at: position) {
      doctypeName = String(decoding: UnsafeBufferPointer(start: base + position, count: length), as: UTF8.self)
      position += length
    }
    // External ID and internal subset: quoted strings may hold any of the delimiters.
    var sawSystemKeyword = false
    while position < count {
      let byte = base[position]
      switch byte {
      case UInt8(ascii: "\""), UInt8(ascii: "'"):
        guard let close = memchrIndex(byte, from: position + 1) else {
          throw Failure(offset: start, message: "the DOCTYPE has an unclosed quoted string")
        }
        if sawSystemKeyword && doctypeSystemID == nil {
          doctypeSystemID = String(decoding: UnsafeBufferPointer(start: base + position + 1, count: close - position - 1), as: UTF8.self)
        }
        position = close + 1
      case UInt8(ascii: "S") where startsWith("SYSTEM", at: position), UInt8(ascii: "P") where startsWith("PUBLIC", at: position):
        sawSystemKeyword = true
        position += 6
      case UInt8(ascii: "["):
        try scanInternalSubset(doctypeStart: start)
      case UInt8(ascii: ">"):
        position += 1
        return
      default:
        position += 1
      }
    }
    throw Failure(offset: start, message: "the DOCTYPE is not closed")
  }

  private mutating func scanInternalSubset(doctypeStart: Int) throws(Failure) {
    position += 1
    while position < count {
      let byte = base[position]
      if byte == UInt8(ascii: "]") {
        position += 1
        return
      }
      if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
        guard let close = memchrIndex(byte, from: position + 1) else {
          throw Failure(offset: position, message: "the DOCTYPE's internal subset has an unclosed quoted string")
        }
        position = close + 1
      } else if startsWith("<!--", at: position) {
        try skipPast("-->", what: "comment")
      } else {
        position += 1
      }
    }
    throw Failure(offset: doctypeStart, message: "the DOCTYPE's internal subset is not closed")
  }

  // MARK: Elements

  /// Walks from the root start tag to the end of the document.
  mutating func scanElements() throws(Failure) {
    var openElements: [(nameStart: Int, nameLength: Int)] = []
    openElements.reserveCapacity(64)
    var passedOverDepth = -1
    var regionStart = 0
    position = rootStart
    while true {
      // Here base[position] is '<'.
      let next = position + 1 < count ? base[position + 1] : 0
      if next == UInt8(ascii: "/") {
        let nameStart = position + 2
        guard let length = name(at: nameStart) else {
          throw Failure(offset: position, message: "an end tag without a name")
        }
        var end = nameStart + length
        while end < count && isWhiteSpace(base[end]) { end += 1 }
        guard end < count, base[end] == UInt8(ascii: ">") else {
          throw Failure(offset: position, message: "the end tag </\(text(nameStart, length))> is not closed with '>'")
        }
        guard let open = openElements.last else {
          throw Failure(offset: position, message: "</\(text(nameStart, length))> closes no open element")
        }
        guard open.nameLength == length, memcmp(base + open.nameStart, base + nameStart, length) == 0 else {
          throw Failure(
            offset: position,
            message: "</\(text(nameStart, length))> does not match the open element <\(text(open.nameStart, open.nameLength))> (line \(line(at: open.nameStart)))")
        }
        openElements.removeLast()
        if openElements.count == passedOverDepth {
          regions.append(Region(contentStart: regionStart, contentEnd: position, newlines: newlines(in: regionStart..<position)))
          passedOverDepth = -1
        }
        position = end + 1
        if openElements.isEmpty { return try scanEpilog() }
      } else if next == UInt8(ascii: "!") {
        if startsWith("<!--", at: position) {
          try skipPast("-->", what: "comment")
        } else if startsWith("<![CDATA[", at: position) {
          try skipPast("]]>", what: "CDATA section")
        } else {
          throw Failure(offset: position, message: "unexpected '<!' markup inside an element")
        }
      } else if next == UInt8(ascii: "?") {
        try skipPast("?>", what: "processing instruction")
      } else {
        let nameStart = position + 1
        guard let length = name(at: nameStart) else {
          throw Failure(offset: position, message: "a '<' that starts no element (write &lt; for a literal '<')")
        }
        let tagEnd = try startTagEnd(from: nameStart + length, tagStart: position)
        let selfClosing = base[tagEnd - 1] == UInt8(ascii: "/")
        if !selfClosing {
          openElements.append((nameStart, length))
          if openElements.count > Self.maximumDepth {
            throw Failure(offset: position, message: "elements nest deeper than \(Self.maximumDepth) levels; refusing the document")
          }
          if passedOverDepth < 0 && isPassedOver(nameStart, length) {
            passedOverDepth = openElements.count - 1
            regionStart = tagEnd + 1
          }
        }
        position = tagEnd + 1
        if openElements.isEmpty { return try scanEpilog() }
      }
      // Character data up to the next '<'.
      guard let nextTag = memchrIndex(UInt8(ascii: "<"), from: position) else {
        let open = openElements.last!
        throw Failure(
          offset: count,
          message: "the document ends inside <\(text(open.nameStart, open.nameLength))> (opened on line \(line(at: open.nameStart))): it is truncated")
      }
      if passedOverDepth >= 0 && nextTag > position {
        try checkText(from: position, to: nextTag)
      }
      position = nextTag
    }
  }

  /// After the root element only white space, comments and processing instructions may follow.
  private mutating func scanEpilog() throws(Failure) {
    while true {
      skipWhiteSpace()
      if position >= count { return }
      if startsWith("<!--", at: position) {
        try skipPast("-->", what: "comment")
      } else if startsWith("<?", at: position) {
        try skipPast("?>", what: "processing instruction")
      } else {
        throw Failure(offset: position, message: "content after the end of the root element")
      }
    }
  }

  /// The offset of the `>` that ends a start tag, with quoted attribute values passed over.
  private func startTagEnd(from start: Int, tagStart: Int) throws(Failure) -> Int {
    var index = start
    let limit = min(count, tagStart + Self.maximumTagLength)
    while index < limit {
      let byte = base[index]
      if byte == UInt8(ascii: ">") { return index }
      if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
        guard let close = memchrIndex(byte, from: index + 1), close < limit else { break }
        if memchr(base + index + 1, Int32(UInt8(ascii: "<")), close - index - 1) != nil {
          throw Failure(offset: index, message: "an attribute value contains '<'")
        }
        index = close + 1
        continue
      }
      if byte == UInt8(ascii: "<") {
        throw Failure(offset: tagStart, message: "a start tag is not closed before the next '<'")
      }
      index += 1
    }
    if limit < count {
      throw Failure(offset: tagStart, message: "a start tag longer than \(Self.maximumTagLength / 1024) KB; refusing the document")
    }
    throw Failure(offset: tagStart, message: "the document ends inside a start tag: it is truncated")
  }

  // MARK: Character data in passed-over regions

  /// Checks what libxml2 would: UTF-8, no control characters, well-formed references.
  private func checkText(from start: Int, to end: Int) throws(Failure) {
    if end - start > Self.maximumTextLength {
      throw Failure(offset: start, message: "a text node longer than \(Self.maximumTextLength / 1_000_000) MB; refusing the document")
    }
    var index = start
    while index < end {
      // Eight plain ASCII bytes at a time; anything special drops to the byte-wise path.
      if index + 8 <= end {
        let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
        let highBit: UInt64 = 0x8080_8080_8080_8080
        let ones: UInt64 = 0x0101_0101_0101_0101
        let belowSpace = (word &- 0x2020_2020_2020_2020) & ~word & highBit
        let ampersandBits = word ^ 0x2626_2626_2626_2626
        let ampersand = (ampersandBits &- ones) & ~ampersandBits & highBit
        if (word & highBit) | belowSpace | ampersand == 0 {
          index += 8
          continue
        }
      }
      index = try checkCharacter(at: index, end: end)
    }
  }

  /// Checks one character (a byte, a UTF-8 sequence or a reference); returns where the next starts.
  private func checkCharacter(at index: Int, end: Int) throws(Failure) -> Int {
    let byte = base[index]
    if byte < 0x80 {
      if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D {
        throw Failure(offset: index, message: "control character 0x\(String(byte, radix: 16)) is not allowed in XML")
      }
      if byte == UInt8(ascii: "&") { return try checkReference(at: index, end: end) }
      return index + 1
    }
    let length: Int
    let minimum: UInt32
    var scalar: UInt32
    switch byte {
    case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(byte & 0x1F)
    case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(byte & 0x0F)
    case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(byte & 0x07)
    default: throw invalidUTF8(at: index)
    }
    guard index + length <= end else { throw invalidUTF8(at: index) }
    for offset in 1..<length {
      let continuation = base[index + offset]
      guard continuation & 0xC0 == 0x80 else { throw invalidUTF8(at: index) }
      scalar = scalar << 6 | UInt32(continuation & 0x3F)
    }
    guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar), scalar != 0xFFFE, scalar != 0xFFFF else {
      throw invalidUTF8(at: index)
    }
    return index + length
  }

  private func invalidUTF8(at index: Int) -> Failure {
    Failure(offset: index, message: "the text is not valid UTF-8 (byte 0x\(String(base[index], radix: 16))); the declared encoding is wrong or the file is damaged")
  }

  private func checkReference(at index: Int, end: Int) throws(Failure) -> Int {
    let searchEnd = min(end, index + 40)
    guard let semicolon = (index + 1..<searchEnd).first(where: { base[$0] == UInt8(ascii: ";") }), semicolon > index + 1 else {
      throw Failure(offset: index, message: "a '&' that starts no reference (write &amp; for a literal '&')")
    }
    if base[index + 1] == UInt8(ascii: "#") {
      let hex = index + 2 < semicolon && base[index + 2] == UInt8(ascii: "x")
      let digits = String(decoding: UnsafeBufferPointer(start: base + index + (hex ? 3 : 2), count: semicolon - index - (hex ? 3 : 2)), as: UTF8.self)
      guard let value = UInt32(digits, radix: hex ? 16 : 10),
        value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value)
          || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
      else {
        throw Failure(offset: index, message: "the character reference \(text(index, semicolon - index + 1)) is not a valid XML character")
      }
    } else {
      guard name(at: index + 1) == semicolon - index - 1 else {
        throw Failure(offset: index, message: "a '&' that starts no reference (write &amp; for a literal '&')")
      }
    }
    return semicolon + 1
  }

  // MARK: Helpers

  /// One-based line of `offset` in the document, counted only when a message needs it.
  func line(at offset: Int) -> Int {
    newlines(in: 0..<min(offset, count)) + 1
  }

  func newlines(in range: Range<Int>) -> Int {
    var total = 0
    for index in range where base[index] == 0x0A { total += 1 }
    return total
  }

  private func isPassedOver(_ start: Int, _ length: Int) -> Bool {
    for candidate in Self.passedOverElements where candidate.count == length {
      if candidate.withUnsafeBufferPointer({ memcmp($0.baseAddress!, base + start, length) }) == 0 { return true }
    }
    return false
  }

  /// The length of the XML name at `offset`, or nil if none starts there.
  private func name(at offset: Int) -> Int? {
    guard offset < count, isNameStart(base[offset]) else { return nil }
    var end = offset + 1
    while end < count, isNameCharacter(base[end]) { end += 1 }
    return end - offset
  }

  private func isNameStart(_ byte: UInt8) -> Bool {
    (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || byte == UInt8(ascii: "_")
      || byte == UInt8(ascii: ":") || byte >= 0x80
  }

  private func isNameCharacter(_ byte: UInt8) -> Bool {
    isNameStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
      || byte == UInt8(ascii: ".")
  }

  private func isWhiteSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
  }

  private mutating func skipWhiteSpace() {
    while position < count && isWhiteSpace(base[position]) { position += 1 }
  }

  private func startsWith(_ literal: StaticString, at offset: Int) -> Bool {
    let length = literal.utf8CodeUnitCount
    guard offset + length <= count else { return false }
    return memcmp(base + offset, literal.utf8Start, length) == 0
  }

  private func find(_ literal: StaticString, from offset: Int) -> Int? {
    ByteSearch.find(literal, in: UnsafeRawPointer(base), from: offset, to: count)
  }

  private mutating func skipPast(_ terminator: StaticString, what: String) throws(Failure) {
    guard let end = find(terminator, from: position + 2) else {
      throw Failure(offset: position, message: "a \(what) is not closed: the document is truncated")
    }
    position = end + terminator.utf8CodeUnitCount
  }

  private func memchrIndex(_ byte: UInt8, from offset: Int) -> Int? {
    guard offset < count, let found = memchr(base + offset, Int32(byte), count - offset) else { return nil }
    return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
  }

  private func text(_ start: Int, _ length: Int) -> String {
    String(decoding: UnsafeBufferPointer(start: base + start, count: max(0, min(length, count - start))), as: UTF8.self)
  }

  private func attributeValue(named attribute: StaticString, in range: Range<Int>) -> String? {
    guard let found = find(attribute, from: range.lowerBound), found < range.upperBound else { return nil }
    var index = found + attribute.utf8CodeUnitCount
    while index < range.upperBound && (isWhiteSpace(base[index]) || base[index] == UInt8(ascii: "=")) { index += 1 }
    guard index < range.upperBound, base[index] == UInt8(ascii: "\"") || base[index] == UInt8(ascii: "'") else { return nil }
    let quote = base[index]
    var end = index + 1
    while end < range.upperBound && base[end] != quote { end += 1 }
    return text(index + 1, end - index - 1)
  }
}
