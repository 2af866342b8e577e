import CZlib

/// The CRC-32 of a run of bytes, with its length, so that runs checksummed on different threads
/// can be joined in stream order (`crc32_combine`) into the CRC-32 a zip entry records.
struct ChecksumPart: Sendable, Hashable {
  var crc: UInt32 = 0
  var length = 0

  init() {}

  init(of bytes: UnsafeRawBufferPointer) {
    add(bytes)
  }

  mutating func add(_ bytes: UnsafeRawBufferPointer) {
    crc = Inflater.crc32(crc, bytes)
    length += bytes.count
  }

  /// Appends the run `next`, which follows this one in the stream.
  mutating func append(_ next: ChecksumPart) {
    guard next.length > 0 else { return }
    crc = UInt32(truncatingIfNeeded: crc32_combine(uLong(crc), uLong(next.crc), off_t(next.length)))
    length += next.length
  }
}
