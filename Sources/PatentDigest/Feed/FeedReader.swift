import Foundation

/// How the reader works: how many threads parse, and the limits that keep hostile input cheap.
public struct FeedReaderOptions: Sendable, Hashable {
  /// Threads that parse documents (default: one per core); the reading thread cuts and inflates
  /// meanwhile.
  public var workerCount: Int
  /// The largest single document accepted; a larger one is reported and passed over unread.
  public var maximumDocumentBytes: Int
  public var inflationLimits: InflationLimits

  /// The most parsing threads a reader starts: 64, or one per core on a machine with more. More
  /// only cost memory (each has its stack and its parser) and the threads' start-up.
  public static let maximumWorkerCount = max(64, ProcessInfo.processInfo.activeProcessorCount)

  public init(
    workerCount: Int? = nil,
    maximumDocumentBytes: Int = 256 << 20,
    inflationLimits: InflationLimits = InflationLimits()
  ) {
    self.workerCount = workerCount ?? ProcessInfo.processInfo.activeProcessorCount
    self.maximumDocumentBytes = maximumDocumentBytes
    self.inflationLimits = inflationLimits
  }
}

/// What one run read: every document is counted in exactly one of records, sequence listings or
/// failed.
public struct FeedSummary: Sendable, Hashable, Codable {
  public var inputs = 0
  /// Inputs that could not be read (further), and zip entries that could not: each is reported.
  public var unusableInputs = 0
  public var documents = 0
  public var records = 0
  public var sequenceListings = 0
  public var failedDocuments = 0
  /// Stretches of bytes outside any document that are not white space (before the first
  /// declaration, or between a document's end and the next declaration): each is reported.
  public var strayBytes = 0

  public init() {}

  /// True when every document became a record or was a sequence listing, every input was read,
  /// and nothing lay outside the documents.
  public var isComplete: Bool { unusableInputs == 0 && failedDocuments == 0 && strayBytes == 0 }
}

/// One thing the reader has to say, in feed order.
public enum FeedEvent<Output: Sendable>: Sendable {
  /// A document became a record (transformed on a worker thread).
  case record(Output)
  /// A document could not become a record; the others go on.
  case documentFailed(DocumentFailure)
  /// An input could not be read (further); the documents before the problem were delivered.
  case inputFailed(FeedInputError)
}

/// Reads USPTO weekly feeds (plain XML, `.zip`, `.gz`, or standard input) into records: cuts each
/// file into its documents, parses them on all cores, and hands back results in feed order.
public struct FeedReader: Sendable {
  public var options: FeedReaderOptions

  public init(options: FeedReaderOptions = FeedReaderOptions()) {
    self.options = options
  }

  /// Reads every input in turn and calls `handle` for each record, failed document and unusable
  /// input, in feed order, on the calling thread. `transform` runs on the worker threads, so the
  /// per-record work (encoding, classifying) is spread over the cores too.
  ///
  /// Throws only what `handle` throws (for example, standard output closed).
  public func read<Output: Sendable>(
    _ inputs: [FeedInput],
    transform: @escaping @Sendable (PatentRecord) -> Output,
    handle: (FeedEvent<Output>) throws -> Void
  ) throws -> FeedSummary {
    try withoutActuallyEscaping(handle) { handle in
      try read(inputs, transform: transform, escapingHandle: handle)
    }
  }

  private func read<Output: Sendable>(
    _ inputs: [FeedInput],
    transform: @escaping @Sendable (PatentRecord) -> Output,
    escapingHandle handle: @escaping (FeedEvent<Output>) throws -> Void
  ) throws -> FeedSummary {
    var summary = FeedSummary()
    let workerCount = min(max(1, options.workerCount), FeedReaderOptions.maximumWorkerCount)
    let maximumJobsInFlight = 4 * workerCount
    let pool = DocumentBufferPool(capacity: maximumJobsInFlight + 2)
    let parsers = ParserPool()
    let map = OrderedParallelMap<RawDocument, ProcessedDocument<Output>>(
      workers: workerCount,
      maximumJobsInFlight: maximumJobsInFlight,
      maximumCostInFlight: 16 << 20
    ) { raw in
      let parser = parsers.take()
      let (outcome, newlines, trailing) = DocumentReader.read(raw, parser: parser)
      parsers.recycle(parser)
      var checksum = raw.unbufferedChecksum
      if case .bytes(let bytes) = raw.content {
        if checksum != nil { bytes.withUnsafeBytes { checksum!.append(ChecksumPart(of: $0)) } }
        pool.recycle(bytes)
      }
      let processed: ProcessedDocument<Output>.Outcome
      switch outcome {
      case .record(let record): processed = .output(transform(record))
      case .sequenceListing: processed = .sequenceListing
      case .failure(let failure): processed = .failure(failure)
      }
      return ProcessedDocument(
        input: raw.input, stream: raw.stream, newlines: newlines, checksum: checksum, outcome: processed, trailing: trailing)
    }
    defer { map.shutDown() }

    // Lines and checksums are counted per stream (a file, or one zip entry: two entries may
    // have the same name), not per name.
    var currentStream = -1
    var nextDocumentLine = 1
    var inputChecksum = ChecksumPart()
    let report = { (failure: DocumentFailure) throws in
      var failure = failure
      if failure.kind == .strayBytes {
        summary.strayBytes += 1
      } else {
        summary.documents += 1
        summary.failedDocuments += 1
      }
      if let line = failure.line { failure.line = nextDocumentLine + line - 1 }
      try handle(.documentFailed(failure))
    }
    let deliver = { (processed: ProcessedDocument<Output>) throws in
      if processed.stream != currentStream {
        currentStream = processed.stream
        nextDocumentLine = 1
        inputChecksum = ChecksumPart()
      }
      if let checksum = processed.checksum { inputChecksum.append(checksum) }
      switch processed.outcome {
      case .output(let output):
        summary.documents += 1
        summary.records += 1
        try handle(.record(output))
      case .sequenceListing:
        summary.documents += 1
        summary.sequenceListings += 1
      case .failure(let failure):
        try report(failure)
      }
      if let trailing = processed.trailing { try report(trailing) }
      nextDocumentLine += processed.newlines
    }

    var streamCount = 0
    let unusable = { (error: FeedInputError) throws in
      try map.drain(deliver: deliver)
      summary.unusableInputs += 1
      try handle(.inputFailed(error))
    }
    for input in inputs {
      summary.inputs += 1
      do {
        try read(input) { source, name in
          // A zip entry's CRC-32 is computed on the workers, a document at a time.
          let zipEntry = source as? ZipEntryChunkSource
          zipEntry?.checksumDeferred = true
          let stream = streamCount
          streamCount += 1
          do {
            let splitter = DocumentSplitter(
              inputName: name, stream: stream, maximumDocumentBytes: options.maximumDocumentBytes, pool: pool,
              checksumming: zipEntry != nil
            ) { raw in
              try map.submit(raw, cost: raw.cost, deliver: deliver)
            }
            while let chunk = try source.nextChunk() {
              try splitter.consume(chunk)
            }
            try splitter.finish()
            try map.drain(deliver: deliver)
            if let zipEntry {
              if currentStream != stream { inputChecksum = ChecksumPart() }
              inputChecksum.append(splitter.trailingChecksum)
              try zipEntry.verify(checksum: inputChecksum)
            }
            if splitter.documentCount == 0 {
              throw FeedInputError(
                input: name,
                reason: Self.notAFeedReason(head: splitter.undeclaredBytes, totalBytes: splitter.totalBytes, stoppedEarly: false))
            }
          } catch let error as FeedInputError {
            // A zip entry is judged on its own: when its data is sound, the archive's next entry
            // can still be found, so only this one is lost.
            guard let zipEntry, try zipEntry.skipToEnd() else { throw error }
            try unusable(error)
          }
        }
      } catch let error as FeedInputError {
        try unusable(error)
      }
    }
    return summary
  }

  /// Why a stream is not a feed, from its first bytes: `stoppedEarly` when the reader gave up
  /// looking for a declaration after `totalBytes`.
  static func notAFeedReason(head: [UInt8], totalBytes: Int, stoppedEarly: Bool) -> String {
    let preview = head.prefix(200)
    if !stoppedEarly && preview.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
      return totalBytes == 0 ? "is empty" : "holds only white space"
    }
    let text = String(decoding: preview, as: UTF8.self).trimmingWhiteSpace()
    let kind: String
    if preview.allSatisfy({ $0 == 0 }) {
      kind = " (it holds only zero bytes)"
    } else if head.withUnsafeBytes({ StrayBytes.isUTF16($0) }) {
      kind = " (it looks like UTF-16 text; patent-digest reads UTF-8: convert it with iconv -f UTF-16 -t UTF-8)"
    } else if text.hasPrefix("{") || text.hasPrefix("[") {
      kind = " (it looks like JSON)"
    } else if text.lowercased().hasPrefix("<!doctype html") || text.lowercased().hasPrefix("<html") {
      kind = " (it looks like an HTML page, perhaps an error page saved instead of the file)"
    } else if text.hasPrefix("HHHHHT") || text.hasPrefix("PATN") {
      kind = " (it looks like the USPTO's 1976-2001 APS text format, which patent-digest does not read)"
    } else {
      kind = ""
    }
    if stoppedEarly {
      return
        "not a USPTO feed: no <?xml declaration in its first \(totalBytes >> 20) MB, so the rest was not read\(kind)"
    }
    return "not a USPTO feed: no <?xml declaration in its \(totalBytes) bytes\(kind)"
  }

  /// Opens one input and hands each stream of XML in it (one per `.xml` entry of a zip) to `body`.
  private func read(_ input: FeedInput, body: (any ChunkSource, String) throws -> Void) throws {
    let name = input.displayName
    let reader: ByteReader
    switch input {
    case .file(let path): reader = try ByteReader(path: path)
    case .standardInput: reader = ByteReader(standardInput: ())
    }
    let magic: [UInt8]
    do {
      _ = try reader.ensureAvailable(4)
      magic = Array(reader.available.prefix(4))
    } catch {
      throw FeedInputError(input: name, reason: "read failed: \(error.message)")
    }
    if magic.count >= 2 && magic[0] == 0x50 && magic[1] == 0x4B {
      guard magic.count == 4, magic[2] == 0x03 && magic[3] == 0x04 else {
        throw FeedInputError(input: name, reason: "the zip holds no files")
      }
      let archive = ZipArchiveReader(reader: reader, archiveName: name, limits: options.inflationLimits)
      var entries = 0
      while let entry = try archive.nextFeedEntry() {
        entries += 1
        try body(entry, entry.displayName)
      }
      if !archive.refusedNames.isEmpty {
        throw FeedInputError(
          input: name,
          reason: "entries whose names leave the archive were not read: \(archive.refusedNames.joined(separator: ", "))")
      }
      if entries == 0 { throw FeedInputError(input: name, reason: "the zip holds no .xml file") }
    } else if magic.count >= 2 && magic[0] == 0x1F && magic[1] == 0x8B {
      try body(GzipChunkSource(reader: reader, inputName: name, limits: options.inflationLimits), name)
    } else {
      try body(PlainChunkSource(reader: reader, inputName: name), name)
    }
  }
}

/// A document's result on its way from a worker back to the reading thread.
struct ProcessedDocument<Output: Sendable>: Sendable {
  enum Outcome: Sendable {
    case output(Output)
    case sequenceListing
    case failure(DocumentFailure)
  }

  var input: String
  /// Which stream of the run (a file, or one zip entry) the document came from.
  var stream: Int
  var newlines: Int
  /// For zip entries: the checksum of every byte of the document, and of the bytes before it
  /// that no document holds.
  var checksum: ChecksumPart?
  var outcome: Outcome
  /// What followed the document's root element, when it was not white space.
  var trailing: DocumentFailure?
}

extension RawDocument {
  /// What the document weighs in the in-flight window.
  var cost: Int {
    switch content {
    case .bytes(let bytes), .leadingJunk(let bytes): return bytes.count
    case .sequenceListing, .tooLarge: return 0
    }
  }
}
