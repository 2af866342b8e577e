import CIsal
import CZlib

#if canImport(Glibc)
  import Glibc
#endif

/// One inflate stream (raw deflate for zip entries, gzip members for `.gz`), with the limits
/// that keep a zip bomb from running for minutes. The one place that picks the inflater: Intel's
/// ISA-L (igzip, much faster) when the build found it, else zlib; both check the same things.
final class Inflater {
  enum Format {
    case rawDeflate
    case gzip
  }

  /// The library that inflates.
  enum Engine: String, Sendable {
    case isal
    case zlib
  }

  struct Failure: Error {
    var message: String
  }

  /// ISA-L when it is there, unless `PATENT_DIGEST_INFLATER=zlib` asks for zlib (to compare the
  /// two, or to rule ISA-L out).
  static let engine: Engine = {
    let asked = getenv("PATENT_DIGEST_INFLATER").map { String(cString: $0) }
    if asked == Engine.zlib.rawValue || pd_isal_available() == 0 { return .zlib }
    return .isal
  }()

  // zlib keeps a pointer back to the stream and checks it, so the stream lives at a fixed address.
  private let stream: UnsafeMutablePointer<z_stream>?
  private let isal: UnsafeMutableRawPointer?
  private let format: Format
  private(set) var totalOut = 0
  private(set) var totalIn = 0

  init(format: Format) {
    self.format = format
    if Self.engine == .isal {
      guard let state = pd_isal_inflater_new(format == .gzip ? 1 : 0) else {
        preconditionFailure("ISA-L could not allocate an inflate state: out of memory")
      }
      isal = state
      stream = nil
      return
    }
    isal = nil
    let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    stream.initialize(to: z_stream())
    let windowBits: Int32 = format == .rawDeflate ? -15 : 15 + 16
    let status = inflateInit2_(stream, windowBits, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
    precondition(status == Z_OK, "zlib refused to initialise (status \(status)): out of memory")
    self.stream = stream
  }

  deinit {
    if let isal { pd_isal_inflater_free(isal) }
    if let stream {
      inflateEnd(stream)
      stream.deinitialize(count: 1)
      stream.deallocate()
    }
  }

  /// Starts the next gzip member of a multi-member `.gz` file.
  func reset() {
    if let isal { pd_isal_inflater_reset(isal, format == .gzip ? 1 : 0) }
    if let stream { inflateReset(stream) }
  }

  /// Inflates from `input` into `output`; returns how much of each was used and whether the
  /// deflate stream ended (for a gzip member: its trailer read and checked). When the stream
  /// ends, `consumed` can be negative (down to -8): bytes an earlier call took past the end,
  /// which the reader gives back (`ByteReader.consume` keeps them).
  func inflate(
    input: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer
  ) throws(Failure) -> (consumed: Int, produced: Int, finished: Bool) {
    if let isal { return try inflateWithISAL(isal, input: input, output: output) }
    guard let stream else { preconditionFailure("an inflater without an engine") }
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

  private func inflateWithISAL(
    _ state: UnsafeMutableRawPointer, input: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer
  ) throws(Failure) -> (consumed: Int, produced: Int, finished: Bool) {
    // ISA-L counts in 32 bits; the buffers handed here are a few MB at most.
    let inputCount = UInt32(clamping: input.count)
    let outputCount = UInt32(clamping: output.count)
    var taken: UInt32 = 0
    var produced: UInt32 = 0
    var readAhead: UInt32 = 0
    let status = pd_isal_inflate(
      state, input.baseAddress?.assumingMemoryBound(to: UInt8.self), inputCount, &taken,
      output.baseAddress?.assumingMemoryBound(to: UInt8.self), outputCount, &produced, &readAhead)
    let consumed = Int(taken) - Int(readAhead)
    totalIn += consumed
    totalOut += Int(produced)
    switch status {
    case Int32(PD_ISAL_MORE): return (consumed, Int(produced), false)
    case Int32(PD_ISAL_FINISHED): return (consumed, Int(produced), true)
    default: throw Failure(message: "corrupt compressed data (\(Self.isalProblem(status)))")
    }
  }

  /// ISA-L's error codes, in words like zlib's.
  private static func isalProblem(_ status: Int32) -> String {
    switch status {
    case -1: "invalid block"
    case -2: "invalid code"
    case -3: "invalid distance too far back"
    case -4: "incorrect header check"
    case -5: "unknown compression method"
    case -6: "incorrect data check"
    case 6: "needs a preset dictionary"
    default: "ISA-L status \(status)"
    }
  }

  /// CRC-32 of `bytes` continuing from `crc`, as zip entries record it.
  static func crc32(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return crc }
    if engine == .isal { return pd_isal_crc32(crc, base.assumingMemoryBound(to: UInt8.self), UInt64(bytes.count)) }
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
