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
    let collector = FeedResultCollector(handle: handle)
    let workerCount = min(max(1, options.workerCount), FeedReaderOptions.maximumWorkerCount)
    // Two documents a worker: one parsing, one waiting. More bought no speed on two cores, and
    // each is a buffer of up to half a megabyte held (peak memory is a target: issue 15).
    let maximumJobsInFlight = 2 * workerCount
    let pool = DocumentBufferPool(capacity: maximumJobsInFlight + 2)
    let parsers = ParserPool()
    let map = OrderedParallelMap<RawDocument, ProcessedDocument<Output>>(
      workers: workerCount,
      maximumJobsInFlight: maximumJobsInFlight,
      maximumCostInFlight: 16 << 20
    ) { raw in
      ProcessedDocument(raw, parsers: parsers, pool: pool, transform: transform)
    }
    defer { map.shutDown() }

    var streamCount = 0
    for input in inputs {
      collector.countInput()
      do {
        try input.openStreams(limits: options.inflationLimits) { source, name in
          defer { streamCount += 1 }
          do {
            try read(source, name: name, stream: streamCount, pool: pool, map: map, collector: collector)
          } catch let error as FeedInputError {
            // A stream that can be passed over (a zip entry whose data is sound) is judged on its
            // own: only it is lost, and the input's next stream is still read.
            guard try source.skipToEnd() else { throw error }
            try map.drain(deliver: collector.deliver)
            try collector.inputFailed(error)
          }
        }
      } catch let error as FeedInputError {
        try map.drain(deliver: collector.deliver)
        try collector.inputFailed(error)
      }
    }
    return collector.summary
  }

  /// Cuts one stream into documents, hands them to the workers and delivers their results; throws
  /// what makes the stream unusable (the caller then delivers the documents before the problem
  /// and reports it).
  private func read<Output: Sendable>(
    _ source: any ChunkSource, name: String, stream: Int, pool: DocumentBufferPool,
    map: OrderedParallelMap<RawDocument, ProcessedDocument<Output>>, collector: FeedResultCollector<Output>
  ) throws {
    let splitter = DocumentSplitter(
      inputName: name, stream: stream, maximumDocumentBytes: options.maximumDocumentBytes, pool: pool
    ) { raw in
      try map.submit(raw, cost: raw.cost, deliver: collector.deliver)
    }
    while let chunk = try source.nextChunk() {
      try splitter.consume(chunk)
    }
    try splitter.finish()
    try map.drain(deliver: collector.deliver)
    try source.finishStream()
    if splitter.documentCount == 0 {
      throw FeedInputError(
        input: name,
        reason: Self.notAFeedReason(head: splitter.undeclaredBytes, totalBytes: splitter.totalBytes, stoppedEarly: false))
    }
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
