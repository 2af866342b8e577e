#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where output bytes go: standard output in the tool, a buffer in tests.
public protocol ByteSink {
  mutating func write(_ bytes: [UInt8]) throws(OutputError)
  mutating func flush() throws(OutputError)
}

/// Output could not be written (a closed pipe, a full disk).
public struct OutputError: Error, Sendable, CustomStringConvertible {
  public var message: String
  public var description: String { message }

  public init(message: String) {
    self.message = message
  }
}

/// Writes to a file descriptor through a buffer of 256 KB.
public struct FileDescriptorSink: ByteSink {
  private let descriptor: Int32
  private var buffer: [UInt8] = []
  private static let bufferSize = 1 << 18

  /// Standard output.
  public static var standardOutput: FileDescriptorSink { FileDescriptorSink(descriptor: 1) }

  public init(descriptor: Int32) {
    self.descriptor = descriptor
    buffer.reserveCapacity(Self.bufferSize)
  }

  public mutating func write(_ bytes: [UInt8]) throws(OutputError) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= Self.bufferSize { try flush() }
  }

  public mutating func flush() throws(OutputError) {
    let descriptor = self.descriptor
    let failure = buffer.withUnsafeBytes { FileDescriptorWrite.all($0, to: descriptor) }
    buffer.removeAll(keepingCapacity: true)
    if let failure {
      throw OutputError(message: "cannot write the output: \(String(cString: strerror(failure)))")
    }
  }
}

/// Collects output in memory (for tests and for callers that post-process it).
public struct MemorySink: ByteSink {
  public private(set) var bytes: [UInt8] = []
  public init() {}
  public mutating func write(_ bytes: [UInt8]) throws(OutputError) { self.bytes.append(contentsOf: bytes) }
  public mutating func flush() throws(OutputError) {}
  public var text: String { String(decoding: bytes, as: UTF8.self) }
}
