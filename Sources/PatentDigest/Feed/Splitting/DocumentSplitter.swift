import CByteScan

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Cuts a weekly file into its documents on the raw bytes of each `<?xml` declaration (also one
/// that starts in the middle of a line), as chunks stream in.
///
/// It looks for the rare `?` with `memchr` and checks the bytes around it, which keeps the cut
/// well under a tenth of the parse time; a sequence listing or an oversized document is passed
/// over without being kept, so memory stays flat whatever the feed holds: a document is never
/// buffered past `maximumDocumentBytes`, and a stream with no declaration in its first
/// `maximumLeadingBytes` is given up.
final class DocumentSplitter {
  private let inputName: String
  private let stream: Int
  private let maximumDocumentBytes: Int
  /// How far a stream is read looking for its first declaration before it is called no feed.
  let maximumLeadingBytes: Int
  /// 16 MB: before the first declaration there is at most a header, a byte-order mark or a
  /// document that lost its declaration (which is reported, not read), so more than that is no
  /// feed, and an endless stream (`/dev/zero`) ends in a tenth of a second.
  static let leadingBytesLimit = 16 << 20
  /// How far a document passed over unread (too large, a sequence listing) may run without the
  /// next declaration before the rest of the stream is called no feed: four times the document
  /// limit, and at least 2 GB, more than a whole weekly file. A real document ends long before;
  /// an endless stream after a document (`cat week.xml /dev/zero`) ends within seconds.
  let maximumPassedOverBytes: Int
  private let emit: (RawDocument) throws -> Void

  /// The document being collected; its first byte is at `documentOffset`.
  private var current: [UInt8] = []
  private var documentOffset = 0
  private var documentIndex = 0
  private var mode = Mode.collecting
  private var passedOverBytes = 0
  private var passedOverNewlines = 0
  /// Bytes seen before the first declaration.
  private var leadingBytes = 0
  /// The last bytes of the previous chunk: a declaration may straddle two chunks.
  private var carry: [UInt8] = []
  /// Stream offset of the first byte of `carry`.
  private var carryOffset = 0
  private(set) var documentCount = 0
  private(set) var totalBytes = 0
  /// The first bytes of a stream that held no declaration at all, to say what it was instead.
  private(set) var undeclaredBytes: [UInt8] = []

  private enum Mode {
    case collecting
    case passingOverSequenceListing
    case passingOverTooLarge
  }

  private static let declarationLength = 6  // "<?xml" and one white-space byte

  private let pool: DocumentBufferPool

  init(
    inputName: String, stream: Int = 0, maximumDocumentBytes: Int, pool: DocumentBufferPool,
    emit: @escaping (RawDocument) throws -> Void
  ) {
    self.inputName = inputName
    self.stream = stream
    self.maximumDocumentBytes = maximumDocumentBytes
    maximumLeadingBytes = min(maximumDocumentBytes, Self.leadingBytesLimit)
    maximumPassedOverBytes = max(2 << 30, maximumDocumentBytes.multipliedReportingOverflow(by: 4).partialValue)
    self.pool = pool
    self.emit = emit
    current = pool.take()
  }

  /// Small reads (a pipe may hand over a few bytes at a time) gather here until they are worth a scan.
  private var smallReads: [UInt8] = []
  private static let smallestScannedChunk = 64

  /// Takes the next chunk of the stream.
  func consume(_ chunk: UnsafeRawBufferPointer) throws {
    guard !chunk.isEmpty else { return }
    if chunk.count < Self.smallestScannedChunk || !smallReads.isEmpty {
      smallReads.append(contentsOf: chunk)
      if smallReads.count >= Self.smallestScannedChunk { try scanSmallReads() }
      return
    }
    try scan(chunk)
  }

  private func scanSmallReads() throws {
    let gathered = smallReads
    smallReads = []
    try gathered.withUnsafeBytes { try scan($0) }
  }

  /// Cuts one chunk; a declaration may start in the bytes carried from the previous one.
  private func scan(_ chunk: UnsafeRawBufferPointer) throws {
    guard !chunk.isEmpty else { return }
    let chunkOffset = totalBytes
    totalBytes += chunk.count
    let keep = Self.declarationLength - 1

    // Declarations that start in the carried bytes and end in this chunk.
    var straddling: [Int] = []
    if !carry.isEmpty {
      var window = carry
      window.append(contentsOf: chunk.prefix(Self.declarationLength))
      window.withUnsafeBytes { bytes in
        for start in 0..<carry.count where Self.isDeclaration(bytes, at: start) {
          straddling.append(carryOffset + start)
        }
      }
    }
    let carried = carry
    let carriedOffset = carryOffset
    var position = carriedOffset
    // The carried bytes go first; a cut inside them splits them.
    for cut in straddling {
      try carried.withUnsafeBytes {
        try append(UnsafeRawBufferPointer(rebasing: $0[(position - carriedOffset)..<(cut - carriedOffset)]))
      }
      try startDocument(at: cut)
      position = cut
    }
    try carried.withUnsafeBytes { try append(UnsafeRawBufferPointer(rebasing: $0[(position - carriedOffset)...])) }
    position = chunkOffset

    // Declarations wholly inside this chunk; the last few bytes wait for the next one.
    let scanEnd = max(chunk.count - keep, 0)
    var searchFrom = 1
    let base = chunk.baseAddress!
    while searchFrom < chunk.count {
      guard let found = memchr(base + searchFrom, Int32(UInt8(ascii: "?")), chunk.count - searchFrom) else { break }
      let question = base.distance(to: UnsafeRawPointer(found))
      let start = question - 1
      if start >= scanEnd { break }
      if Self.isDeclaration(chunk, at: start) {
        try append(UnsafeRawBufferPointer(rebasing: chunk[(position - chunkOffset)..<start]))
        try startDocument(at: chunkOffset + start)
        position = chunkOffset + start
      }
      searchFrom = question + 1
    }
    try append(UnsafeRawBufferPointer(rebasing: chunk[(position - chunkOffset)..<scanEnd]))
    carry = Array(chunk[scanEnd...])
    carryOffset = chunkOffset + scanEnd
  }

  /// Ends the stream: the last document is complete.
  func finish() throws {
    if !smallReads.isEmpty { try scanSmallReads() }
    let carried = carry
    carry = []
    try carried.withUnsafeBytes { try append($0) }
    if documentIndex == 0 {
      undeclaredBytes = current
      current.removeAll()
      return
    }
    try endDocument()
  }

  static func isDeclaration(_ bytes: UnsafeRawBufferPointer, at start: Int) -> Bool {
    guard start >= 0, start + declarationLength <= bytes.count else { return false }
    guard bytes[start] == UInt8(ascii: "<"), bytes[start + 1] == UInt8(ascii: "?"),
      bytes[start + 2] == UInt8(ascii: "x"), bytes[start + 3] == UInt8(ascii: "m"),
      bytes[start + 4] == UInt8(ascii: "l")
    else { return false }
    let next = bytes[start + 5]
    return next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D
  }

  private func startDocument(at offset: Int) throws {
    try endDocument()
    documentIndex += 1
    documentOffset = offset
  }

  private func append(_ bytes: UnsafeRawBufferPointer) throws {
    guard !bytes.isEmpty else { return }
    switch mode {
    case .collecting where documentIndex == 0:
      // Bytes before the first declaration: keep enough to say what they are.
      current.append(contentsOf: bytes.prefix(max(0, 65_536 - current.count)))
      leadingBytes += bytes.count
      if leadingBytes > maximumLeadingBytes {
        throw FeedInputError(
          input: inputName,
          reason: FeedReader.notAFeedReason(head: current, totalBytes: maximumLeadingBytes, stoppedEarly: true))
      }
    case .collecting:
      let total = current.count + bytes.count
      if total > maximumDocumentBytes {
        passOverTooLarge(bytes)
        return
      }
      if total > current.capacity { growCurrent(toHold: total) }
      current.append(contentsOf: bytes)
      if current.count >= 1024 && current.count - bytes.count < 1024 && Self.isSequenceListing(current) {
        mode = .passingOverSequenceListing
        passedOverNewlines = Self.countNewlines(current)
        current.removeAll(keepingCapacity: true)
      }
    case .passingOverSequenceListing, .passingOverTooLarge:
      passedOverBytes += bytes.count
      passedOverNewlines += Self.countNewlines(bytes)
      if passedOverBytes > maximumPassedOverBytes {
        throw FeedInputError(
          input: inputName,
          reason:
            "byte \(documentOffset): no <?xml declaration in the \(maximumPassedOverBytes >> 20) MB from document "
            + "\(documentIndex) on, so this is no feed past that point and the rest was not read")
      }
    }
  }

  /// Doubles the buffer as an array would, but never past the limit, and straight to the limit
  /// once the next doubling would pass it: while it grows, the old buffer and the copy of its
  /// bytes are both resident, so it grows from at most half the limit, and memory never holds
  /// more than the limit (an array doubling on its own held twice as much).
  private func growCurrent(toHold total: Int) {
    let doubled = max(total, 2 * current.capacity)
    current.reserveCapacity(2 * doubled > maximumDocumentBytes ? maximumDocumentBytes : doubled)
  }

  /// The document outgrew the limit with `bytes`: only its head is kept (to name it), and the
  /// grown buffer is let go at once, so memory never holds more than the limit.
  private func passOverTooLarge(_ bytes: UnsafeRawBufferPointer) {
    mode = .passingOverTooLarge
    passedOverBytes = current.count + bytes.count
    passedOverNewlines = Self.countNewlines(current) + Self.countNewlines(bytes)
    var head = Array(current.prefix(65_536))
    head.append(contentsOf: bytes.prefix(65_536 - head.count))
    current = head
  }

  private func endDocument() throws {
    defer {
      mode = .collecting
      passedOverBytes = 0
      passedOverNewlines = 0
      current.removeAll(keepingCapacity: true)
    }
    let content: RawDocument.Content
    switch mode {
    case .collecting:
      if documentIndex == 0 {
        // Bytes before the first declaration: a byte-order mark and white space are fine.
        if current.withUnsafeBytes({ StrayBytes.isBlank($0) }) { return }
        content = .leadingJunk(Array(current.prefix(65_536)))
      } else {
        if Self.isSequenceListing(current) {
          content = .sequenceListing(newlines: Self.countNewlines(current))
        } else {
          content = .bytes(current)
          current = pool.take()
        }
      }
    case .passingOverSequenceListing:
      content = .sequenceListing(newlines: passedOverNewlines)
    case .passingOverTooLarge:
      content = .tooLarge(byteCount: passedOverBytes, limit: maximumDocumentBytes, newlines: passedOverNewlines, head: current)
    }
    if documentIndex > 0 { documentCount += 1 }
    try emit(
      RawDocument(input: inputName, stream: stream, index: documentIndex, byteOffset: documentOffset, content: content))
  }

  /// True when the document's DOCTYPE or root element is `sequence-cwu`.
  static func isSequenceListing(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBytes { raw in
      let head = UnsafeRawBufferPointer(rebasing: raw.prefix(1024))
      return head.firstRange(of: "<!DOCTYPE sequence-cwu") != nil || head.firstRange(of: "<sequence-cwu") != nil
    }
  }

  /// Counts newline bytes eight at a time.
  static func countNewlines(_ bytes: UnsafeRawBufferPointer) -> Int {
    guard let base = bytes.baseAddress else { return 0 }
    return pd_count_byte(base.assumingMemoryBound(to: UInt8.self), bytes.count, 0x0A)
  }

  static func countNewlines(_ bytes: [UInt8]) -> Int {
    bytes.withUnsafeBytes { countNewlines($0) }
  }
}

extension UnsafeRawBufferPointer {
  /// Where `needle` first occurs at or after `start`.
  func firstRange(of needle: StaticString, from start: Int = 0) -> Range<Int>? {
    guard let base = baseAddress else { return nil }
    guard let offset = ByteSearch.find(needle, in: base, from: start, to: count) else { return nil }
    return offset..<(offset + needle.utf8CodeUnitCount)
  }
}

/// Finds a short literal in raw bytes: `memchr` for its first byte, then `memcmp` for the rest.
/// (glibc's `memmem` is not visible to Swift without `_GNU_SOURCE`.)
enum ByteSearch {
  static func find(_ needle: StaticString, in base: UnsafeRawPointer, from start: Int, to end: Int) -> Int? {
    let length = needle.utf8CodeUnitCount
    guard length > 0 else { return start }
    let first = Int32(needle.utf8Start.pointee)
    var position = start
    while position + length <= end {
      guard let found = memchr(base + position, first, end - position - length + 1) else { return nil }
      let offset = base.distance(to: UnsafeRawPointer(found))
      if memcmp(base + offset, needle.utf8Start, length) == 0 { return offset }
      position = offset + 1
    }
    return nil
  }
}
