import Foundation

/// Documents on their way from the thread that reads a feed to the one that records it, so the
/// inserting runs alongside the reading rather than after it. It holds at most `capacity`
/// documents: a reader that gets ahead waits, so a week never sits in memory whole.
///
/// One thread puts, one takes. The writer abandons the queue when its transaction fails, after
/// which what is put is dropped, so the reader never waits for a writer that is gone.
final class PreparedDocumentQueue: @unchecked Sendable {
  /// How the feed ended, once it has.
  enum End: Sendable {
    /// Read to its end; `failedDocumentCount` documents could not be read (they are not in the
    /// queue).
    case complete(failedDocumentCount: Int)
    /// The feed could not be read whole: nothing of it may be recorded.
    case unusable
  }

  // Every stored property below is read and written only with `condition` locked.
  private let condition = NSCondition()
  private var waiting: [PreparedDocument] = []
  private var end: End?
  private var abandoned = false
  private let capacity: Int

  init(capacity: Int) {
    precondition(capacity > 0, "a queue must hold at least one document")
    self.capacity = capacity
  }

  /// A queue that already holds the whole feed.
  convenience init(_ documents: [PreparedDocument], end: End) {
    self.init(capacity: max(1, documents.count))
    waiting = documents
    self.end = end
  }

  /// Adds a document, waiting while the queue is full; dropped once the writer has abandoned it.
  func put(_ document: PreparedDocument) {
    condition.lock()
    defer { condition.unlock() }
    while waiting.count >= capacity && !abandoned { condition.wait() }
    guard !abandoned else { return }
    waiting.append(document)
    // The writer is woken for a batch, not for each document: a wake-up costs more than
    // inserting a document.
    if waiting.count == min(Self.batch, capacity) { condition.broadcast() }
  }

  /// Documents the writer waits for before it takes them (unless the feed has ended).
  static let batch = 64

  /// The feed has ended: no more documents come.
  func finish(_ end: End) {
    condition.lock()
    self.end = end
    condition.broadcast()
    condition.unlock()
  }

  /// The documents waiting, in feed order, once there is a batch of them (or the feed has
  /// ended); `.end` once the feed has ended and every document was taken.
  func take() -> Taken {
    condition.lock()
    defer { condition.unlock() }
    while waiting.count < min(Self.batch, capacity) && end == nil && !abandoned { condition.wait() }
    // An abandoned queue ends here too, as if unusable: its writer has stopped.
    guard !waiting.isEmpty else { return .end(end ?? .unusable) }
    let taken = waiting
    waiting = []
    condition.broadcast()
    return .documents(taken)
  }

  enum Taken {
    case documents([PreparedDocument])
    case end(End)
  }

  /// The writer stops taking: what is waiting and what comes is dropped.
  func abandon() {
    condition.lock()
    abandoned = true
    waiting = []
    condition.broadcast()
    condition.unlock()
  }
}
