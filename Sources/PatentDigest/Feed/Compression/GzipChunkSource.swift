/// The inflated bytes of a `.gz` feed, member after member, as `gzip` writes concatenated files.
final class GzipChunkSource: ChunkSource {
  private let reader: ByteReader
  private let inputName: String
  private let limits: InflationLimits
  private let inflater = Inflater(format: .gzip)
  private let output: UnsafeMutableRawBufferPointer
  private var finished = false

  init(reader: ByteReader, inputName: String, limits: InflationLimits) {
    self.reader = reader
    self.inputName = inputName
    self.limits = limits
    output = .allocate(byteCount: 1 << 20, alignment: 16)
  }

  deinit { output.deallocate() }

  func nextChunk() throws(FeedInputError) -> UnsafeRawBufferPointer? {
    if finished { return nil }
    do {
      while true {
        if reader.available.isEmpty, try !reader.fill() {
          throw FeedInputError(input: inputName, reason: "the gzip data ends early: the file is truncated; download it again")
        }
        let step = try inflater.inflate(input: reader.available, output: output)
        reader.consume(step.consumed)
        if let problem = limits.check(inflated: inflater.totalOut, compressed: inflater.totalIn) {
          throw FeedInputError(input: inputName, reason: problem)
        }
        if step.finished {
          // Another member may follow; anything else after the last member is an error.
          if reader.available.isEmpty, try !reader.fill() {
            finished = true
          } else if reader.available.first == 0x1f {
            inflater.reset()
          } else {
            throw FeedInputError(input: inputName, reason: "unexpected bytes after the end of the gzip data")
          }
        }
        if step.produced > 0 { return UnsafeRawBufferPointer(rebasing: output[0..<step.produced]) }
        if finished { return nil }
      }
    } catch let failure as Inflater.Failure {
      throw FeedInputError(input: inputName, reason: "gzip: \(failure.message)")
    } catch let failure as ByteReader.ReadFailure {
      throw FeedInputError(input: inputName, reason: "read failed: \(failure.message)")
    } catch let error as FeedInputError {
      throw error
    } catch {
      throw FeedInputError(input: inputName, reason: "\(error)")
    }
  }
}
