/// Takes the documents' results on the reading thread, in feed order: keeps the summary, numbers
/// a failure's line within its stream, and hands each event to the caller.
final class FeedResultCollector<Output: Sendable> {
  private(set) var summary = FeedSummary()
  private let handle: (FeedEvent<Output>) throws -> Void
  /// Lines are counted per stream (a file, or one zip entry: two entries may have the same
  /// name), not per name.
  private var currentStream = -1
  /// The line of the stream on which the next document starts.
  private var nextDocumentLine = 1

  init(handle: @escaping (FeedEvent<Output>) throws -> Void) {
    self.handle = handle
  }

  func countInput() {
    summary.inputs += 1
  }

  /// One document's result, in feed order.
  func deliver(_ processed: ProcessedDocument<Output>) throws {
    if processed.stream != currentStream {
      currentStream = processed.stream
      nextDocumentLine = 1
    }
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

  /// An input, or one stream of it, that could not be read (further); the caller has delivered
  /// the documents before the problem.
  func inputFailed(_ error: FeedInputError) throws {
    summary.unusableInputs += 1
    try handle(.inputFailed(error))
  }

  private func report(_ failure: DocumentFailure) throws {
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
}

/// A document's result on its way from a worker back to the reading thread.
struct ProcessedDocument<Output: Sendable>: Sendable {
  enum Outcome: Sendable {
    case output(Output)
    case sequenceListing
    case failure(DocumentFailure)
  }

  /// Which stream of the run (a file, or one zip entry) the document came from.
  var stream: Int
  var newlines: Int
  var outcome: Outcome
  /// What followed the document's root element, when it was not white space.
  var trailing: DocumentFailure?

  /// Reads `raw` on a worker thread with one of `parsers`, gives its buffer back to `pool`, and
  /// transforms the record.
  init(
    _ raw: RawDocument, parsers: ParserPool, pool: DocumentBufferPool,
    transform: @Sendable (PatentRecord) -> Output
  ) {
    let parser = parsers.take()
    let (outcome, newlines, trailing) = DocumentReader.read(raw, parser: parser)
    parsers.recycle(parser)
    if case .bytes(let bytes) = raw.content { pool.recycle(bytes) }
    switch outcome {
    case .record(let record): self.outcome = .output(transform(record))
    case .sequenceListing: self.outcome = .sequenceListing
    case .failure(let failure): self.outcome = .failure(failure)
    }
    stream = raw.stream
    self.newlines = newlines
    self.trailing = trailing
  }
}
