import CZlib

/// One zlib inflate stream (raw deflate for zip entries, gzip members for `.gz`), with the
/// limits that keep a zip bomb from running for minutes.
final class Inflater {
  enum Format {
    case rawDeflate
    case gzip
  }

  struct Failure: Error {
    var message: String
  }

  // zlib keeps a pointer back to the stream and checks it, so the stream lives at a fixed address.
  private let stream: UnsafeMutablePointer<z_stream>
  private let format: Format
  private(set) var totalOut = 0
  private(set) var totalIn = 0

  init(format: Format) {
    self.format = format
    stream = .allocate(capacity: 1)
    stream.initialize(to: z_stream())
    let windowBits: Int32 = format == .rawDeflate ? -15 : 15 + 16
    let status = inflateInit2_(stream, windowBits, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
    precondition(status == Z_OK, "zlib refused to initialise (status \(status)): out of memory")
  }

  deinit {
    inflateEnd(stream)
    stream.deinitialize(count: 1)
    stream.deallocate()
  }

  /// Starts the next gzip member of a multi-member `.gz` file.
  func reset() {
    inflateReset(stream)
  }

  /// Inflates from `input` into `output`; returns how much of each was used and whether the
  /// deflate stream ended.
  func inflate(
    input: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer
  ) throws(Failure) -> (consumed: Int, produced: Int, finished: Bool) {
    stream.pointee.next_in = UnsafeMutablePointer(
      mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
    stream.pointee.avail_in = uInt(input.count)
    stream.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
    stream.pointee.avail_out = uInt(output.count)
    let status = CZlib.inflate(stream, Z_NO_FLUSH)
    let consumed = input.count - Int(stream.pointee.avail_in)
    let produced = output.count - Int(stream.pointee.avail_out)
    totalIn += consumed
    totalOut += produced
    switch status {
    case Z_OK, Z_BUF_ERROR:
      return (consumed, produced, false)
    case Z_STREAM_END:
      return (consumed, produced, true)
    case Z_DATA_ERROR:
      let detail = stream.pointee.msg.map { String(cString: $0) } ?? "invalid compressed data"
      throw Failure(message: "corrupt compressed data (\(detail))")
    case Z_MEM_ERROR:
      throw Failure(message: "out of memory while inflating")
    default:
      throw Failure(message: "inflate failed (zlib status \(status))")
    }
  }

  /// CRC-32 of `bytes` continuing from `crc`, as zip entries record it.
  static func crc32(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return crc }
    return UInt32(CZlib.crc32(uLong(crc), base.assumingMemoryBound(to: Bytef.self), uInt(bytes.count)))
  }
}

/// Limits on what one compressed stream may inflate to: real weekly files inflate about 7:1 to
/// under 2 GB, a zip bomb to thousands of times its size.
public struct InflationLimits: Sendable, Hashable {
  /// Most bytes one entry or `.gz` file may inflate to.
  public var maximumInflatedBytes: Int
  /// Most inflated bytes per compressed byte, checked once `ratioCheckAfter` bytes came out.
  public var maximumRatio: Int
  public var ratioCheckAfter: Int

  public init(maximumInflatedBytes: Int = 8 << 30, maximumRatio: Int = 200, ratioCheckAfter: Int = 64 << 20) {
    self.maximumInflatedBytes = maximumInflatedBytes
    self.maximumRatio = maximumRatio
    self.ratioCheckAfter = ratioCheckAfter
  }

  func check(inflated: Int, compressed: Int) -> String? {
    if inflated > maximumInflatedBytes {
      return "inflates to more than \(maximumInflatedBytes >> 20) MB; refusing it (a zip bomb, or raise --max-inflated-mb)"
    }
    if inflated > ratioCheckAfter && inflated / max(compressed, 1) > maximumRatio {
      return "inflates more than \(maximumRatio) times its compressed size; refusing it as a zip bomb"
    }
    return nil
  }
}
