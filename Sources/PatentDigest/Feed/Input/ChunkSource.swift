/// A stream of feed bytes handed out a chunk at a time, whatever it is stored in.
protocol ChunkSource: AnyObject {
  /// The next bytes of the stream, valid until the next call; nil at the end.
  func nextChunk() throws(FeedInputError) -> UnsafeRawBufferPointer?
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
