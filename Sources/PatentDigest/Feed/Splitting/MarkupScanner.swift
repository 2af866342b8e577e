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

  /// The document's bytes and what reads them (a two-word value, so the walk's hot calls take it
  /// in registers rather than a copy of the whole scanner).
  private let bytes: MarkupBytes
  private var base: UnsafePointer<UInt8> { bytes.base }
  private var count: Int { bytes.count }
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
    bytes = MarkupBytes(base: document.baseAddress!.assumingMemoryBound(to: UInt8.self), count: document.count)
    documentEnd = document.count
  }

  // MARK: Prolog

  /// Reads the XML declaration, comments, processing instructions and the DOCTYPE, and stops at
  /// the root element's start tag.
  mutating func scanProlog() throws(Failure) {
    guard bytes.startsWith("<?xml", at: 0) else {
      throw Failure(offset: 0, message: "the document does not start with an XML declaration")
    }
    guard let declarationEnd = bytes.find("?>", from: 5) else {
      throw Failure(offset: 0, message: "the XML declaration is not closed")
    }
    declaredEncoding = bytes.attributeValue(named: "encoding", in: 5..<declarationEnd)
    position = declarationEnd + 2
    while true {
      skipWhiteSpace()
      guard position < count else { throw Failure(offset: position, message: "the document has no root element") }
      guard base[position] == UInt8(ascii: "<") else {
        throw Failure(offset: position, message: "text before the root element")
      }
      if bytes.startsWith("<!--", at: position) {
        try skipPast("-->", what: "comment")
      } else if bytes.startsWith("<?", at: position) {
        try skipPast("?>", what: "processing instruction")
      } else if bytes.startsWith("<!DOCTYPE", at: position) {
        try scanDoctype()
      } else if bytes.startsWith("<!", at: position) {
        throw Failure(offset: position, message: "unexpected markup before the root element")
      } else {
        rootStart = position
        rootName = bytes.name(at: position + 1).map {
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
    if let length = bytes.name(at: position) { position += length }
    // External ID and internal subset: quoted strings may hold any of the delimiters.
    var sawSystemKeyword = false
    while position < count {
      let byte = base[position]
      switch byte {
      case UInt8(ascii: "\""), UInt8(ascii: "'"):
        guard let close = bytes.memchrIndex(byte, from: position + 1) else {
          throw Failure(offset: start, message: "the DOCTYPE has an unclosed quoted string")
        }
        if sawSystemKeyword && doctypeSystemID == nil {
          doctypeSystemID = String(
            decoding: UnsafeBufferPointer(start: base + position + 1, count: close - position - 1), as: UTF8.self)
        }
        position = close + 1
      case UInt8(ascii: "S") where bytes.startsWith("SYSTEM", at: position),
        UInt8(ascii: "P") where bytes.startsWith("PUBLIC", at: position):
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
        guard let close = bytes.memchrIndex(byte, from: position + 1) else {
          throw Failure(offset: position, message: "the DOCTYPE's internal subset has an unclosed quoted string")
        }
        position = close + 1
      } else if bytes.startsWith("<!--", at: position) {
        try skipPast("-->", what: "comment")
      } else {
        position += 1
      }
    }
    throw Failure(offset: doctypeStart, message: "the DOCTYPE's internal subset is not closed")
  }

  // MARK: Elements

  /// Newlines in the whole document (valid after `scanElements`): counted once the walk is done,
  /// region by region, with `pd_count_byte`, rather than in the walk's loops.
  private(set) var newlineCount = 0
  /// `<claim>` elements directly inside `<claims>`: the claims after the first are passed over.
  private(set) var claimCount = 0

  /// An open element's name, where `pd_walk_passed_over` reads it too.
  private typealias OpenElement = pd_open_element

  /// Walks from the root start tag to the end of the document.
  mutating func scanElements() throws(Failure) {
    // Locals, so the walk keeps them in registers.
    let bytes = self.bytes
    let base = bytes.base
    let count = bytes.count
    let open = UnsafeMutablePointer<OpenElement>.allocate(capacity: Self.maximumDepth + 1)
    defer { open.deallocate() }
    var depth = 0
    // Level (depth) of the element whose content is being passed over, or 0.
    var passedOverLevel = 0
    var claimsLevel = 0
    var regionStart = 0
    position = rootStart
    while true {
      // Here base[position] is '<'.
      if passedOverLevel > 0 {
        // Most of the passed-over content is plain tags and text: C walks it, and stops, changing
        // nothing, at the first step it cannot vouch for. This loop takes that step.
        var state = pd_walk_state(
          open: open, depth: depth, passedOverLevel: passedOverLevel, claimsLevel: claimsLevel, claimCount: claimCount,
          maximumDepth: Self.maximumDepth, maximumTagLength: Self.maximumTagLength,
          maximumTextLength: Self.maximumTextLength)
        position = pd_walk_passed_over(base, count, position, &state)
        depth = state.depth
        claimCount = state.claimCount
      }
      let next = position + 1 < count ? base[position + 1] : 0
      if next == UInt8(ascii: "/") {
        let nameStart = position + 2
        guard depth > 0 else {
          throw Failure(
            offset: position, message: "</\(bytes.text(nameStart, bytes.name(at: nameStart) ?? 0))> closes no open element")
        }
        // The end tag must name the open element: compare with it first, read the name only to
        // explain a mismatch.
        let element = open[depth - 1]
        var end = nameStart + element.nameLength
        guard end < count, bytes.sameBytes(element.nameStart, nameStart, element.nameLength), !bytes.isNameCharacter(base[end])
        else {
          let length = bytes.name(at: nameStart) ?? 0
          throw Failure(
            offset: position,
            message: length == 0
              ? "an end tag without a name"
              : "</\(bytes.text(nameStart, length))> does not match the open element <\(bytes.text(element.nameStart, element.nameLength))> (line \(bytes.line(at: element.nameStart)))"
          )
        }
        while end < count && bytes.isWhiteSpace(base[end]) { end += 1 }
        guard end < count, base[end] == UInt8(ascii: ">") else {
          throw Failure(
            offset: position, message: "the end tag </\(bytes.text(nameStart, element.nameLength))> is not closed with '>'")
        }
        if depth == passedOverLevel {
          regions.append(
            Region(contentStart: regionStart, contentEnd: position, newlines: bytes.newlines(in: regionStart..<position)))
          passedOverLevel = 0
        }
        depth -= 1
        if depth == claimsLevel && claimCount == 1 && passedOverLevel == 0 && claimsLevel > 0 {
          // After the first claim, the rest of the claims only need counting.
          passedOverLevel = claimsLevel
          regionStart = end + 1
        }
        if depth < claimsLevel { claimsLevel = 0 }
        position = end + 1
        if depth == 0 { return scanEpilog() }
      } else if next == UInt8(ascii: "!") {
        if bytes.startsWith("<!--", at: position) {
          try skipPast("-->", what: "comment")
        } else if bytes.startsWith("<![CDATA[", at: position) {
          try skipPast("]]>", what: "CDATA section")
        } else {
          throw Failure(offset: position, message: "unexpected '<!' markup inside an element")
        }
      } else if next == UInt8(ascii: "?") {
        try skipPast("?>", what: "processing instruction")
      } else {
        let nameStart = position + 1
        guard let length = bytes.name(at: nameStart) else {
          throw Failure(offset: position, message: "a '<' that starts no element (write &lt; for a literal '<')")
        }
        let tagEnd = try bytes.startTagEnd(from: nameStart + length, tagStart: position)
        if base[tagEnd - 1] != UInt8(ascii: "/") {
          guard depth < Self.maximumDepth else {
            throw Failure(
              offset: position, message: "elements nest deeper than \(Self.maximumDepth) levels; refusing the document")
          }
          open[depth] = OpenElement(nameStart: nameStart, nameLength: length)
          depth += 1
          if claimsLevel > 0 && depth == claimsLevel + 1 && length == 5 && bytes.startsWith("claim", at: nameStart) {
            claimCount += 1
          }
          if passedOverLevel == 0 {
            if bytes.isPassedOver(nameStart, length) {
              passedOverLevel = depth
              regionStart = tagEnd + 1
            } else if length == 6 && bytes.startsWith("claims", at: nameStart) && claimsLevel == 0 {
              claimsLevel = depth
            }
          }
        }
        position = tagEnd + 1
        if depth == 0 { return scanEpilog() }
      }
      // Character data up to the next '<'.
      let textStart = position
      let nextTag = try bytes.scanText(from: position, validating: passedOverLevel > 0)
      if passedOverLevel > 0 {
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
            "the document ends inside <\(bytes.text(element.nameStart, element.nameLength))> (opened on line \(bytes.line(at: element.nameStart))): it is truncated"
        )
      }
      position = nextTag
    }
  }

  /// After the root element only white space, comments and processing instructions may follow.
  /// Anything else is no part of this document (stray bytes, a document that lost its
  /// declaration): the document ends before it, at `documentEnd`, and the caller reports the rest.
  private mutating func scanEpilog() {
    // The regions' newlines are counted already; the rest of the document's once here.
    var outside = 0
    for region in regions {
      newlineCount += region.newlines + bytes.newlines(in: outside..<region.contentStart)
      outside = region.contentEnd
    }
    newlineCount += bytes.newlines(in: outside..<count)
    while true {
      skipWhiteSpace()
      if position >= count { return }
      let start = position
      let closed: Bool
      if bytes.startsWith("<!--", at: position) {
        closed = (try? skipPast("-->", what: "comment")) != nil
      } else if bytes.startsWith("<?", at: position) {
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

  // MARK: Helpers

  private mutating func skipWhiteSpace() {
    while position < count && bytes.isWhiteSpace(base[position]) { position += 1 }
  }

  private mutating func skipPast(_ terminator: StaticString, what: String) throws(Failure) {
    guard let end = bytes.find(terminator, from: position + 2) else {
      throw Failure(offset: position, message: "a \(what) is not closed: the document is truncated")
    }
    position = end + terminator.utf8CodeUnitCount
  }

  /// One-based line of `offset` in the document, counted only when a message needs it.
  func line(at offset: Int) -> Int {
    bytes.line(at: offset)
  }
}
