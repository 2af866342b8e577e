import CZlib

/// Abstracts are stored deflated: they are most of a document's bytes, and raw deflate takes a
/// typical one (613 bytes on a generated week) to 366, which keeps ten years of weeks well under
/// 5 GB. The only file of this target that calls zlib.
enum DeflatedText {
  /// Raw deflate (no header) of the text's UTF-8: Huffman codes only, no matching of repeated
  /// strings, and small tables. Matching takes an abstract to 330 bytes rather than 366, in
  /// twice the time: recording a week deflates thousands of abstracts while the feed is read,
  /// and the time shows there, the bytes do not. (Intel's ISA-L matches faster, but its larger
  /// state slowed the reading threads around it by more than it saved.) `inflate` reads any raw
  /// deflate, so rows written with matching, as before, read the same.
  static func deflate(_ text: String) -> [UInt8] {
    var input = Array(text.utf8)
    var stream = z_stream()
    let status = deflateInit2_(
      &stream, Z_BEST_SPEED, Z_DEFLATED, -11, 4, Z_HUFFMAN_ONLY, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
    precondition(status == Z_OK, "zlib refused to initialise (status \(status)): out of memory")
    defer { deflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))))
    let produced = input.withUnsafeMutableBufferPointer { inputBuffer in
      output.withUnsafeMutableBufferPointer { outputBuffer in
        stream.next_in = inputBuffer.baseAddress
        stream.avail_in = uInt(inputBuffer.count)
        stream.next_out = outputBuffer.baseAddress
        stream.avail_out = uInt(outputBuffer.count)
        // deflateBound leaves room for the whole stream, so one call finishes it.
        let finished = CZlib.deflate(&stream, Z_FINISH)
        precondition(finished == Z_STREAM_END, "deflate did not finish within deflateBound (status \(finished))")
        return outputBuffer.count - Int(stream.avail_out)
      }
    }
    return Array(output[0..<produced])
  }

  /// The text back; nil when the bytes are not a complete raw deflate stream (a damaged row).
  static func inflate(_ bytes: [UInt8]) -> String? {
    var input = bytes
    var stream = z_stream()
    guard inflateInit2_(&stream, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
    defer { inflateEnd(&stream) }
    var result: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    return input.withUnsafeMutableBufferPointer { inputBuffer -> String? in
      stream.next_in = inputBuffer.baseAddress
      stream.avail_in = uInt(inputBuffer.count)
      while true {
        let (status, produced) = chunk.withUnsafeMutableBufferPointer { chunkBuffer in
          stream.next_out = chunkBuffer.baseAddress
          stream.avail_out = uInt(chunkBuffer.count)
          let status = CZlib.inflate(&stream, Z_NO_FLUSH)
          return (status, chunkBuffer.count - Int(stream.avail_out))
        }
        result.append(contentsOf: chunk[0..<produced])
        if status == Z_STREAM_END { return String(decoding: result, as: UTF8.self) }
        // Z_BUF_ERROR with input left means no progress: the stream is cut short.
        if status != Z_OK || (produced == 0 && stream.avail_in == 0) { return nil }
      }
    }
  }
}
