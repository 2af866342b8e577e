/// A stream of feed bytes handed out a chunk at a time, whatever it is stored in.
protocol ChunkSource: AnyObject {
  /// The next bytes of the stream, valid until the next call; nil at the end.
  func nextChunk() throws(FeedInputError) -> UnsafeRawBufferPointer?

  /// Called once the stream has ended and its documents have been delivered: a check of the
  /// stream as a whole (a zip entry's CRC-32), thrown after its documents rather than instead of
  /// the last one.
  func finishStream() throws(FeedInputError)

  /// After a problem with the stream's content, reads what is left of it to nowhere so that the
  /// input's next stream can be read; false when there is no next stream to reach (or it cannot
  /// be found), and the problem ends the input.
  func skipToEnd() throws(FeedInputError) -> Bool
}

extension ChunkSource {
  func finishStream() throws(FeedInputError) {}

  func skipToEnd() throws(FeedInputError) -> Bool { false }
}

/// The bytes of a plain (uncompressed) feed, straight from the reader's buffer.
final class PlainChunkSource: ChunkSource {
  private let reader: ByteReader
  private let inputName: String

  init(reader: ByteReader, inputName: String) {
    self.reader = reader
    self.inputName = inputName
  }

  func nextChunk() throws(FeedInputError) -> UnsafeRawBufferPointer? {
    if reader.available.isEmpty {
      do {
        if try !reader.fill() { return nil }
      } catch {
        throw FeedInputError(input: inputName, reason: "read failed: \(error.message)")
      }
    }
    let chunk = reader.available
    reader.consume(chunk.count)
    return chunk.isEmpty ? nil : chunk
  }
}
