import CByteScan

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

  /// Elements whose content the digest does not need: the description, drawings and citations
  /// are most of a document's bytes; agents, examiners and priority data are not news. The same
  /// in the pre-2005 formats: pap's description and drawings; ST.32's description (SDODE),
  /// drawings (SDODR), citations (B560), field of search (B580), agents (B740) and examiners
  /// (B745).
  static let passedOverElements: [[UInt8]] = [
    "description", "drawings", "us-references-cited", "references-cited", "us-sequence-list-doc",
    "us-megatable-doc", "table-external-doc", "us-chemistry", "us-math", "us-field-of-classification-search",
    "agents", "examiners", "priority-claims", "pct-or-regional-filing-data", "pct-or-regional-publishing-data",
    "figures", "us-term-of-grant", "correspondence-address", "subdoc-description", "subdoc-drawings", "SDODE", "SDODR",
    "B560", "B580", "B740", "B745",
  ].map { Array($0.utf8) }

  /// libxml2's own nesting limit without `XML_PARSE_HUGE`.
  static let maximumDepth = 256
  static let maximumTagLength = 65_536
  static let maximumTextLength = 10_000_000

  private let base: UnsafePointer<UInt8>
  private let count: Int
  private var position = 0

  private(set) var rootName: String?
  private(set) var doctypeSystemID: String?
  /// The `encoding` of the XML declaration, if it names one.
  private(set) var declaredEncoding: String?
  private(set) var regions: [Region] = []
  /// Offset of the root start tag's `<`.
  private(set) var rootStart = 0
  /// Where the document ends (valid after `scanElements`): its last byte, or the first byte after
  /// the root element that is not white space, a comment or a processing instruction.
  private(set) var documentEnd: Int

  init(_ document: UnsafeRawBufferPointer) {
    base = document.baseAddress!.assumingMemoryBound(to: UInt8.self)
    count = document.count
    documentEnd = document.count
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
        rootName = name(at: position + 1).map {
          String(decoding: UnsafeBufferPointer(start: base + position + 1, count: $0), as: UTF8.self)
        }
        guard rootName != nil else { throw Failure(offset: position, message: "a '<' that starts no element") }
        return
      }
    }
  }

  private mutating func scanDoctype() throws(Failure) {
    let start = position
    position += 9
    skipWhiteSpace()
    if let length = name(at: position) { position += length }
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
          doctypeSystemID = String(
            decoding: UnsafeBufferPointer(start: base + position + 1, count: close - position - 1), as: UTF8.self)
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

  /// Newlines in the whole document, counted while scanning (valid after `scanElements`).
  private(set) var newlineCount = 0
  /// `<claim>` elements directly inside `<claims>`: the claims after the first are passed over.
  private(set) var claimCount = 0

  private struct OpenElement {
    var nameStart: Int
    var nameLength: Int
  }

  /// Walks from the root start tag to the end of the document.
  mutating func scanElements() throws(Failure) {
    let open = UnsafeMutablePointer<OpenElement>.allocate(capacity: Self.maximumDepth + 1)
    defer { open.deallocate() }
    var depth = 0
    // Level (depth) of the element whose content is being passed over, or 0.
    var passedOverLevel = 0
    var claimsLevel = 0
    var regionStart = 0
    var regionNewlines = 0
    newlineCount = newlines(in: 0..<rootStart)
    position = rootStart
    while true {
      // Here base[position] is '<'.
      let next = position + 1 < count ? base[position + 1] : 0
      if next == UInt8(ascii: "/") {
        let nameStart = position + 2
        guard depth > 0 else {
          throw Failure(offset: position, message: "</\(text(nameStart, name(at: nameStart) ?? 0))> closes no open element")
        }
        // The end tag must name the open element: compare with it first, read the name only to
        // explain a mismatch.
        let element = open[depth - 1]
        var end = nameStart + element.nameLength
        guard end < count, sameBytes(element.nameStart, nameStart, element.nameLength), !isNameCharacter(base[end]) else {
          let length = name(at: nameStart) ?? 0
          throw Failure(
            offset: position,
            message: length == 0
              ? "an end tag without a name"
              : "</\(text(nameStart, length))> does not match the open element <\(text(element.nameStart, element.nameLength))> (line \(line(at: element.nameStart)))"
          )
        }
        while end < count && isWhiteSpace(base[end]) { end += 1 }
        guard end < count, base[end] == UInt8(ascii: ">") else {
          throw Failure(offset: position, message: "the end tag </\(text(nameStart, element.nameLength))> is not closed with '>'")
        }
        if depth == passedOverLevel {
          regions.append(Region(contentStart: regionStart, contentEnd: position, newlines: regionNewlines))
          passedOverLevel = 0
        }
        depth -= 1
        if depth == claimsLevel && claimCount == 1 && passedOverLevel == 0 && claimsLevel > 0 {
          // After the first claim, the rest of the claims only need counting.
          passedOverLevel = claimsLevel
          regionStart = end + 1
          regionNewlines = 0
        }
        if depth < claimsLevel { claimsLevel = 0 }
        position = end + 1
        if depth == 0 { return scanEpilog() }
      } else if next == UInt8(ascii: "!") {
        let start = position
        if startsWith("<!--", at: position) {
          try skipPast("-->", what: "comment")
        } else if startsWith("<![CDATA[", at: position) {
          try skipPast("]]>", what: "CDATA section")
        } else {
          throw Failure(offset: position, message: "unexpected '<!' markup inside an element")
        }
        let inside = newlines(in: start..<position)
        newlineCount += inside
        if passedOverLevel > 0 { regionNewlines += inside }
      } else if next == UInt8(ascii: "?") {
        let start = position
        try skipPast("?>", what: "processing instruction")
        let inside = newlines(in: start..<position)
        newlineCount += inside
        if passedOverLevel > 0 { regionNewlines += inside }
      } else {
        let nameStart = position + 1
        guard let length = name(at: nameStart) else {
          throw Failure(offset: position, message: "a '<' that starts no element (write &lt; for a literal '<')")
        }
        let (tagEnd, inside) = try startTagEnd(from: nameStart + length, tagStart: position)
        newlineCount += inside
        if passedOverLevel > 0 { regionNewlines += inside }
        if base[tagEnd - 1] != UInt8(ascii: "/") {
          guard depth < Self.maximumDepth else {
            throw Failure(
              offset: position, message: "elements nest deeper than \(Self.maximumDepth) levels; refusing the document")
          }
          open[depth] = OpenElement(nameStart: nameStart, nameLength: length)
          depth += 1
          if claimsLevel > 0 && depth == claimsLevel + 1 && length == 5 && startsWith("claim", at: nameStart) {
            claimCount += 1
          }
          if passedOverLevel == 0 {
            if isPassedOver(nameStart, length) {
              passedOverLevel = depth
              regionStart = tagEnd + 1
              regionNewlines = 0
            } else if length == 6 && startsWith("claims", at: nameStart) && claimsLevel == 0 {
              claimsLevel = depth
            }
          }
        }
        position = tagEnd + 1
        if depth == 0 { return scanEpilog() }
      }
      // Character data up to the next '<'.
      let textStart = position
      let (nextTag, lines) = try scanText(from: position, validating: passedOverLevel > 0)
      newlineCount += lines
      if passedOverLevel > 0 {
        regionNewlines += lines
        if nextTag - textStart > Self.maximumTextLength {
          throw Failure(
            offset: textStart, message: "a text node longer than \(Self.maximumTextLength / 1_000_000) MB; refusing the document")
        }
      }
      guard nextTag < count else {
        let element = open[depth - 1]
        throw Failure(
          offset: count,
          message:
            "the document ends inside <\(text(element.nameStart, element.nameLength))> (opened on line \(line(at: element.nameStart))): it is truncated"
        )
      }
      position = nextTag
    }
  }

  /// After the root element only white space, comments and processing instructions may follow.
  /// Anything else is no part of this document (stray bytes, a document that lost its
  /// declaration): the document ends before it, at `documentEnd`, and the caller reports the rest.
  private mutating func scanEpilog() {
    newlineCount += newlines(in: position..<count)
    while true {
      skipWhiteSpace()
      if position >= count { return }
      let start = position
      let closed: Bool
      if startsWith("<!--", at: position) {
        closed = (try? skipPast("-->", what: "comment")) != nil
      } else if startsWith("<?", at: position) {
        closed = (try? skipPast("?>", what: "processing instruction")) != nil
      } else {
        closed = false
      }
      if !closed {
        documentEnd = start
        return
      }
    }
  }

  /// The offset of the `>` that ends a start tag, with quoted attribute values passed over, and
  /// the newlines inside the tag. Sixteen bytes at a time up to the next byte that matters.
  private func startTagEnd(from start: Int, tagStart: Int) throws(Failure) -> (end: Int, newlines: Int) {
    var index = start
    var lines = 0
    // Most tags in a description have no attributes (`<b>`, `<i>`, `<sub>`).
    if index < count && base[index] == UInt8(ascii: ">") { return (index, 0) }
    let limit = min(count, tagStart + Self.maximumTagLength)
    while index < limit {
      if index + 16 <= limit {
        let stops = pd_mask_tag_stop(base + index)
        if stops == 0 {
          index += 16
          continue
        }
        index += stops.trailingZeroBitCount
      }
      let byte = base[index]
      if byte == UInt8(ascii: ">") { return (index, lines) }
      if byte == 0x0A { lines += 1 }
      if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
        var close = index + 1
        while close < limit {
          if close + 16 <= limit {
            let stops = pd_mask_quote_stop(base + close, byte)
            if stops == 0 {
              close += 16
              continue
            }
            close += stops.trailingZeroBitCount
          }
          let inside = base[close]
          if inside == byte { break }
          if inside == UInt8(ascii: "<") { throw Failure(offset: close, message: "an attribute value contains '<'") }
          if inside == 0x0A { lines += 1 }
          close += 1
        }
        guard close < limit else { break }
        index = close + 1
        continue
      }
      if byte == UInt8(ascii: "<") {
        throw Failure(offset: tagStart, message: "a start tag is not closed before the next '<'")
      }
      index += 1
    }
    if limit < count {
      throw Failure(
        offset: tagStart, message: "a start tag longer than \(Self.maximumTagLength / 1024) KB; refusing the document")
    }
    throw Failure(offset: tagStart, message: "the document ends inside a start tag: it is truncated")
  }

  // MARK: Character data

  /// Finds the next `<` from `start`, counting newlines; when `validating`, also checks what
  /// libxml2 would: UTF-8, no control characters, well-formed references. Sixteen bytes at a
  /// time (`pd_text_masks`): newlines are counted from the mask, and only a `<` or a byte that
  /// needs checking stops the wide loop.
  private func scanText(from start: Int, validating: Bool) throws(Failure) -> (next: Int, newlines: Int) {
    var index = start
    var lines = 0
    while true {
      while index + 16 <= count {
        let masks = pd_text_masks(base + index, validating)
        let newlineMask = UInt32(truncatingIfNeeded: masks >> 16) & 0xFFFF
        let stops = UInt32(truncatingIfNeeded: masks) & 0xFFFF | UInt32(truncatingIfNeeded: masks >> 32)
        if stops == 0 {
          lines += newlineMask.nonzeroBitCount
          index += 16
          continue
        }
        let offset = stops.trailingZeroBitCount
        lines += (newlineMask & ((1 << UInt32(offset)) &- 1)).nonzeroBitCount
        index += offset
        break
      }
      guard index < count else { return (count, lines) }
      let byte = base[index]
      if byte == UInt8(ascii: "<") { return (index, lines) }
      if byte == 0x0A {
        lines += 1
        index += 1
      } else if validating && (byte >= 0x80 || byte < 0x20 || byte == UInt8(ascii: "&")) {
        index = try checkCharacter(at: index, end: count)
      } else {
        index += 1
      }
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
    Failure(
      offset: index,
      message:
        "the text is not valid UTF-8 (byte 0x\(String(base[index], radix: 16))); the declared encoding is wrong or the file is damaged"
    )
  }

  private func checkReference(at index: Int, end: Int) throws(Failure) -> Int {
    let searchEnd = min(end, index + 40)
    guard let semicolon = (index + 1..<searchEnd).first(where: { base[$0] == UInt8(ascii: ";") }), semicolon > index + 1 else {
      throw Failure(offset: index, message: "a '&' that starts no reference (write &amp; for a literal '&')")
    }
    if base[index + 1] == UInt8(ascii: "#") {
      let hex = index + 2 < semicolon && base[index + 2] == UInt8(ascii: "x")
      var value: UInt32? = semicolon > index + (hex ? 3 : 2) ? 0 : nil
      for digitIndex in (index + (hex ? 3 : 2))..<semicolon {
        let byte = base[digitIndex]
        let digit: UInt32
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: digit = UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: digit = UInt32(byte - UInt8(ascii: "A") + 10)
        default: digit = 0; value = nil
        }
        guard let current = value, current < 0x110000 else { value = nil; break }
        value = current * (hex ? 16 : 10) + digit
      }
      guard let value,
        value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value)
          || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
      else {
        throw Failure(
          offset: index, message: "the character reference \(text(index, semicolon - index + 1)) is not a valid XML character")
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
    guard !range.isEmpty else { return 0 }
    return DocumentSplitter.countNewlines(UnsafeRawBufferPointer(start: base + range.lowerBound, count: range.count))
  }

  @inline(__always)
  private func sameBytes(_ first: Int, _ second: Int, _ length: Int) -> Bool {
    if length <= 8 && second + 8 <= count && first + 8 <= count {
      let mask: UInt64 = length == 8 ? ~0 : (1 << UInt64(length * 8)) &- 1
      let a = UnsafeRawPointer(base + first).loadUnaligned(as: UInt64.self)
      let b = UnsafeRawPointer(base + second).loadUnaligned(as: UInt64.self)
      return (a ^ b) & mask == 0
    }
    return memcmp(base + first, base + second, length) == 0
  }

  private func isPassedOver(_ start: Int, _ length: Int) -> Bool {
    for candidate in Self.passedOverElements where candidate.count == length {
      if candidate.withUnsafeBufferPointer({ memcmp($0.baseAddress!, base + start, length) }) == 0 { return true }
    }
    return false
  }

  /// The length of the XML name at `offset`, or nil if none starts there.
  @inline(__always)
  private func name(at offset: Int) -> Int? {
    guard offset < count else { return nil }
    let length = pd_name_length(base + offset, count - offset)
    return length == 0 ? nil : length
  }

  @inline(__always)
  private func isNameCharacter(_ byte: UInt8) -> Bool {
    pd_is_name_character(byte)
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
