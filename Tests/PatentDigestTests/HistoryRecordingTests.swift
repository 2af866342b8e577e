import Foundation
import GRDB
import PatentDigest
import PatentDigestTestSupport
import Testing

@testable import PatentDigestHistory

/// How a feed's documents get into the history: the stored abstracts (deflated, read back however
/// they were deflated), and the recording that runs alongside the reading (the queue between the
/// two threads, and a feed that turns out unusable half way, rolled back whole).
@Suite("History: recording a feed")
struct HistoryRecordingTests {
  /// Texts of every kind an abstract may be: empty, short, typical, not ASCII, long, and text
  /// that does not compress (stored blocks).
  static let texts: [String] = {
    var generator = SystemRandomNumberGenerator()
    let noise = String((0..<200_000).map { _ in Character(UnicodeScalar(UInt8.random(in: 33...126, using: &generator))) })
    return [
      "",
      "A ring.",
      String(repeating: "A wearable ring detects a gesture of the hand and sends a command to a paired device. ", count: 8),
      "Un anneau connecté · 指輪型デバイス · кольцо 💍 with a sensor that measures the wearer's pulse (≥ 40 bpm).",
      String(repeating: "The method comprises receiving, by a processor, sensor data; ", count: 20_000),
      noise,
    ]
  }()

  @Test("stored abstracts read back as written")
  func deflatedTextReadsBack() {
    for text in Self.texts {
      let deflated = DeflatedText.deflate(text)
      #expect(DeflatedText.inflate(deflated) == text, "\(text.utf8.count) bytes")
    }
    // Text that does not compress grows by a few bytes a block at most.
    let noise = Self.texts.last!
    #expect(DeflatedText.deflate(noise).count < noise.utf8.count + noise.utf8.count / 100)
  }

  @Test("rows deflated with string matching (as histories were written before) read back too")
  func matchedRowsReadBack() {
    // zlib's default (level 6, 32 KB window) raw deflate of this text, made by Python's zlib.
    let text =
      "A wearable ring detects a gesture of the hand and sends a command to a paired device. A wearable ring detects a gesture."
    let deflated: [UInt8] = [
      0x85, 0x8c, 0xc1, 0x0d, 0x80, 0x20, 0x10, 0x04, 0x5b, 0xd9, 0x0a, 0xe8, 0x81, 0x52, 0x4e, 0x6e, 0x05, 0x12, 0x05,
      0x73, 0x9c, 0xda, 0xbe, 0x50, 0x81, 0x8f, 0x79, 0x4c, 0x26, 0xbb, 0x11, 0x2f, 0xc5, 0x64, 0x3b, 0x08, 0xab, 0x2d,
      0x43, 0xe9, 0x4c, 0x3e, 0x20, 0xc8, 0x1c, 0x7e, 0x1b, 0xd1, 0x77, 0x78, 0x21, 0x8a, 0x34, 0xc5, 0x62, 0xb0, 0xe9,
      0xea, 0xa9, 0x9f, 0xe7, 0x72, 0xef, 0x53, 0x2e, 0xa9, 0x46, 0x9d, 0xeb, 0xa7, 0x26, 0x06, 0xc4, 0xbf, 0xd7, 0xf0,
      0x01,
    ]
    #expect(DeflatedText.inflate(deflated) == text)
    #expect(DeflatedText.inflate(Array(deflated.dropLast(4))) == nil)
  }

  @Test(
    "real abstracts are stored in well under two thirds of their bytes",
    .enabled(if: BigTechFiling.corpusAvailable, Comment(rawValue: BigTechFiling.corpusMissing)))
  func realAbstractsShrink() throws {
    let abstracts = try BigTechFiling.all().map(\.abstract).filter { !$0.isEmpty }
    try #require(abstracts.count >= 100)
    let stored = abstracts.map { DeflatedText.deflate($0).count }.reduce(0, +)
    let plain = abstracts.map(\.utf8.count).reduce(0, +)
    // The ten-year size (under 5 GB) was measured at this ratio: about 0.6.
    #expect(stored < plain * 65 / 100, "stored \(stored) bytes of \(plain)")
  }

  static func prepared(_ number: String) -> PreparedDocument {
    PreparedDocument(
      HistoryBackgroundTests.document(
        number, .application, "2026-01-08", "Smart ring charging case", owner: HistoryBackgroundTests.apple),
      classifier: nil)
  }

  /// Runs `body` on a thread of its own (not the tests' shared pool, which a waiting queue
  /// would block); the semaphore is signalled when it is done.
  static func onThread(_ body: @escaping @Sendable () -> Void) -> DispatchSemaphore {
    let done = DispatchSemaphore(value: 0)
    Thread {
      body()
      done.signal()
    }.start()
    return done
  }

  @Test("a reader ahead of the writer waits once the queue is full, and goes on as soon as the writer takes")
  func fullQueueWaits() throws {
    let queue = PreparedDocumentQueue(capacity: 2)
    queue.put(Self.prepared("US1"))
    queue.put(Self.prepared("US2"))
    let third = Self.onThread {
      queue.put(Self.prepared("US3"))
      queue.finish(.complete(failedDocumentCount: 0))
    }
    // The third document waits for room.
    #expect(third.wait(timeout: .now() + .milliseconds(300)) == .timedOut)
    guard case .documents(let first) = queue.take() else { throw Unexpected.taken }
    #expect(first.map(\.document.publicationNumber) == ["US1", "US2"])
    #expect(third.wait(timeout: .now() + .seconds(10)) == .success)
    guard case .documents(let second) = queue.take() else { throw Unexpected.taken }
    #expect(second.map(\.document.publicationNumber) == ["US3"])
    guard case .end(.complete(let failed)) = queue.take() else { throw Unexpected.taken }
    #expect(failed == 0)
  }

  enum Unexpected: Error {
    case taken
  }

  @Test("a writer that gives up never leaves the reader waiting: what it puts after is dropped")
  func abandonedQueueDrops() throws {
    let queue = PreparedDocumentQueue(capacity: 1)
    queue.put(Self.prepared("US1"))
    let reader = Self.onThread {
      for number in 2...100 { queue.put(Self.prepared("US\(number)")) }
      queue.finish(.complete(failedDocumentCount: 0))
    }
    #expect(reader.wait(timeout: .now() + .milliseconds(200)) == .timedOut)
    queue.abandon()
    // Would wait for ever on a full queue if abandoning did not wake it.
    #expect(reader.wait(timeout: .now() + .seconds(10)) == .success)
    guard case .end = queue.take() else { throw Unexpected.taken }
  }

  @Test("a revision found unusable half way is rolled back whole: the original stays, and nothing of the revision")
  func unusableRevisionRolledBack() throws {
    let folder = try TestPaths.newTemporaryFolder("history-recording")
    let store = try HistoryStore(path: folder.appendingPathComponent("history.sqlite").path, opening: .creatingIfMissing)
    let classifier = HistoryBackgroundTests.classifier
    let original = RecordedFeed(
      name: FeedFileName(path: "ipa260108.zip"), documents: [Self.prepared("US20260000001A1").document],
      failedDocumentCount: 0, classifiedBy: classifier)
    #expect(try store.record(original) == .recorded(replacing: nil))

    // The revision's documents arrive from another thread, then its feed turns out unusable.
    let queue = PreparedDocumentQueue(capacity: 4)
    let reader = Self.onThread {
      for number in 1...50 {
        queue.put(
          PreparedDocument(
            HistoryBackgroundTests.document(
              "US2026000\(1000 + number)A1", .application, "2026-01-08", "Smart ring \(number)",
              owner: HistoryBackgroundTests.apple), classifier: classifier))
      }
      queue.finish(.unusable)
    }
    let recording = try store.record(
      FeedFileName(path: "ipa260108_r1.zip"), classifier: classifier, from: queue, at: Date())
    #expect(recording.outcome == nil)
    #expect(reader.wait(timeout: .now() + .seconds(10)) == .success)
    #expect(try store.recordedFile(for: FeedFileName(path: "ipa260108.zip"))?.fileName == "ipa260108.zip")
    #expect(try store.recordedFile(for: FeedFileName(path: "ipa260108.zip"))?.documentCount == 1)
    let counts = try store.read { db in
      (
        try Int.fetchOne(db, sql: "SELECT count(*) FROM document") ?? -1,
        try Int.fetchOne(db, sql: "SELECT count(*) FROM watchedFiling") ?? -1
      )
    }
    #expect(counts == (1, 1))
  }
}
