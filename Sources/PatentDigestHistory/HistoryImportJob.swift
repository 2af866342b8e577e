import Foundation
public import PatentDigest

/// `history import`: reads each feed and records it, one file per transaction. A feed that
/// cannot be read whole (missing, truncated, not a feed) is not recorded at all, so the history
/// never holds part of a file; documents that fail on their own are reported and the others
/// recorded.
///
/// With a classifier (the run's watch list), what it makes of each document is worked out on the
/// reader's worker threads and recorded with the document, keeping the history's counts by
/// company and topic current; a history whose facts another watch list made has them all worked
/// out again first.
public struct HistoryImportJob: Sendable {
  /// Feed files, by path (a history key needs a file name, so standard input is not taken).
  public var feeds: [String]
  public var readerOptions: FeedReaderOptions
  /// The watch list's classifier; nil: the documents' facts are made, in the writing
  /// transaction, with the watch list the history's facts were made with (or, when it has none,
  /// left out of date until a recording with a classifier).
  public var classifier: Classifier?

  public init(feeds: [String], readerOptions: FeedReaderOptions = FeedReaderOptions(), classifier: Classifier? = nil) {
    self.feeds = feeds
    self.readerOptions = readerOptions
    self.classifier = classifier
  }

  /// What happened to one feed.
  public struct FileResult: Sendable {
    public enum Outcome: Sendable {
      case recorded(replacing: RecordedFile?)
      case unchanged(recorded: RecordedFile)
      /// The feed could not be read whole; the history does not have it.
      case notRecorded
    }

    public var path: String
    public var name: FeedFileName
    public var outcome: Outcome
    /// Documents recorded (0 unless recorded).
    public var documents: Int
  }

  /// How far the import has come, for a progress line.
  public struct Progress: Sendable {
    public var filesDone: Int
    public var fileCount: Int
    public var documents: Int
    /// Bytes of the feeds finished, and of all of them (as stored, compressed or not).
    public var bytesDone: Int
    public var totalBytes: Int
    public var elapsed: Duration

    /// Documents per second so far.
    public var rate: Double {
      let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
      return seconds > 0 ? Double(documents) / seconds : 0
    }

    /// Seconds left at the pace so far, by bytes; nil before the first file is done.
    public var secondsLeft: Double? {
      guard bytesDone > 0 else { return nil }
      let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
      return seconds * Double(totalBytes - bytesDone) / Double(bytesDone)
    }
  }

  /// Records every feed in turn into `store`. `problem` hears each failed document and unusable
  /// input, `fileDone` each file's result, `progress` the import's progress now and then, and
  /// `rederived` how many stored documents had their facts worked out again because the watch
  /// list changed (before the first file, or with the first recorded).
  public func run(
    into store: HistoryStore, problem: (FeedEvent<StoredDocument>) -> Void, fileDone: (FileResult) -> Void,
    progress: (Progress) -> Void = { _ in }, rederived: (Int) -> Void = { _ in }
  ) throws(HistoryError) -> FeedSummary {
    // A history whose files are all recorded already still gets its facts made current.
    if let classifier, let count = try store.updateDerivedFacts(classifier: classifier), count > 0 { rederived(count) }
    let sizes = feeds.map { (try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int) ?? 0 }
    let started = ContinuousClock.now
    var state = Progress(
      filesDone: 0, fileCount: feeds.count, documents: 0, bytesDone: 0, totalBytes: sizes.reduce(0, +), elapsed: .zero)
    var total = FeedSummary()
    for (index, path) in feeds.enumerated() {
      let name = FeedFileName(path: path)
      if let recorded = try store.recordedFile(for: name), !name.replaces(recordedRevision: recorded.revision) {
        fileDone(FileResult(path: path, name: name, outcome: .unchanged(recorded: recorded), documents: 0))
      } else {
        // The documents are inserted on a thread of their own while the feed is read, in one
        // transaction that a feed which cannot be read whole rolls back.
        let queue = PreparedDocumentQueue(capacity: Self.documentsInHand)
        let writer = RecordingThread { [classifier] () throws(HistoryError) in
          try store.record(name, classifier: classifier, from: queue, at: Date())
        }
        var documentCount = 0
        let summary = read(path) { event in
          switch event {
          case .record(let document):
            queue.put(document)
            documentCount += 1
            if documentCount % 1000 == 0 {
              state.documents += 1000
              state.elapsed = ContinuousClock.now - started
              progress(state)
            }
          case .documentFailed(let failure): problem(.documentFailed(failure))
          case .inputFailed(let error): problem(.inputFailed(error))
          }
        }
        state.documents += documentCount % 1000
        total.add(summary)
        queue.finish(
          summary.unusableInputs > 0 ? .unusable : .complete(failedDocumentCount: summary.failedDocuments))
        let recording = try writer.result()
        if recording.rederived > 0 { rederived(recording.rederived) }
        switch recording.outcome {
        case nil:
          fileDone(FileResult(path: path, name: name, outcome: .notRecorded, documents: 0))
        case .recorded(let replaced):
          fileDone(FileResult(path: path, name: name, outcome: .recorded(replacing: replaced), documents: documentCount))
        case .unchanged(let recorded):
          fileDone(FileResult(path: path, name: name, outcome: .unchanged(recorded: recorded), documents: 0))
        }
      }
      state.filesDone = index + 1
      state.bytesDone += sizes[index]
      state.elapsed = ContinuousClock.now - started
      progress(state)
    }
    return total
  }

  /// Documents read but not yet inserted, at most: enough that neither thread waits on the
  /// other for long, few enough that memory stays flat (a document is a few kilobytes).
  static let documentsInHand = 512

  private func read(_ path: String, handle: (FeedEvent<PreparedDocument>) -> Void) -> FeedSummary {
    let classifier = classifier
    do {
      return try FeedReader(options: readerOptions).read(
        [.file(path)], transform: { PreparedDocument(StoredDocument($0), classifier: classifier) }, handle: handle)
    } catch {
      // `handle` throws nothing, and the reader throws only what `handle` throws.
      preconditionFailure("the feed reader threw \(error) with a handler that does not throw")
    }
  }
}

/// A recording running on a thread of its own; `result()` waits for it to end.
private final class RecordingThread: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  // Both are used by the thread alone until it signals `done`; `outcome` is read only after.
  private var body: (@Sendable () throws(HistoryError) -> HistoryStore.QueuedRecording)?
  private var outcome: Result<HistoryStore.QueuedRecording, HistoryError>?

  init(_ body: @escaping @Sendable () throws(HistoryError) -> HistoryStore.QueuedRecording) {
    self.body = body
    let thread = Thread { [self] in run() }
    thread.name = "history writer"
    thread.start()
  }

  private func run() {
    do throws(HistoryError) {
      outcome = .success(try body!())
    } catch {
      outcome = .failure(error)
    }
    // Lets go of what the body holds (the store) before the caller goes on: a store let go
    // last closes the database, which folds the write-ahead log into the file.
    body = nil
    done.signal()
  }

  func result() throws(HistoryError) -> HistoryStore.QueuedRecording {
    done.wait()
    return try outcome!.get()
  }
}

extension FeedSummary {
  /// Adds another run's counts to these.
  mutating func add(_ other: FeedSummary) {
    inputs += other.inputs
    unusableInputs += other.unusableInputs
    documents += other.documents
    records += other.records
    sequenceListings += other.sequenceListings
    failedDocuments += other.failedDocuments
    strayBytes += other.strayBytes
  }
}
