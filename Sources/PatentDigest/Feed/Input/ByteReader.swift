#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a file descriptor through one fixed buffer, so that the zip and gzip readers can look at
/// bytes before deciding what they are, and hand zlib what has been read without copying.
final class ByteReader {
  private let descriptor: Int32
  private let ownsDescriptor: Bool
  private let storage: UnsafeMutableRawBufferPointer
  private var start = 0
  private var end = 0
  private var reachedEnd = false
  /// How many bytes have been consumed from the stream so far.
  private(set) var consumedCount = 0

  /// A quarter of a megabyte: reads stay a small cost (a few thousand a week), and the buffer
  /// is resident for the whole run.
  static let bufferSize = 1 << 18

  /// Opens `path` for reading; throws a message a person can act on.
  init(path: String) throws(FeedInputError) {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    if descriptor < 0 {
      let code = errno
      throw FeedInputError(input: path, reason: Self.openFailureReason(errno: code))
    }
    var status = stat()
    if fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR {
      close(descriptor)
      throw FeedInputError(input: path, reason: "is a folder, not a feed file; name the .xml, .zip or .gz files in it")
    }
    self.descriptor = descriptor
    self.ownsDescriptor = true
    storage = .allocate(byteCount: Self.bufferSize, alignment: 16)
  }

  /// Reads a descriptor the caller opened (a pipe); closed with the reader when `owned`.
  init(descriptor: Int32, owned: Bool) {
    self.descriptor = descriptor
    ownsDescriptor = owned
    storage = .allocate(byteCount: Self.bufferSize, alignment: 16)
  }

  /// Reads standard input.
  init(standardInput: ()) {
    descriptor = 0
    ownsDescriptor = false
    storage = .allocate(byteCount: Self.bufferSize, alignment: 16)
  }

  deinit {
    storage.deallocate()
    if ownsDescriptor { close(descriptor) }
  }

  private static func openFailureReason(errno code: Int32) -> String {
    switch code {
    case ENOENT: return "no such file"
    case EACCES: return "permission denied; check the file's read permission"
    default: return "cannot be opened (\(String(cString: strerror(code))))"
    }
  }

  /// The bytes read but not yet consumed.
  var available: UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(rebasing: storage[start..<end])
  }

  /// Marks `count` available bytes as used. A negative count gives back bytes just used, up to
  /// `retainedBehind` of them: an inflater that read past the end of its stream returns them.
  func consume(_ count: Int) {
    precondition(count <= end - start, "consumed more than available")
    precondition(start + count >= 0, "gave back more than the reader keeps")
    start += count
    consumedCount += count
  }

  /// How many used bytes stay in the buffer, before `available`, when it is refilled.
  static let retainedBehind = 16

  /// Reads more from the descriptor, keeping what is still available. Returns false at the end
  /// of the stream.
  @discardableResult
  func fill() throws(ReadFailure) -> Bool {
    if reachedEnd { return false }
    if start > Self.retainedBehind {
      let kept = Self.retainedBehind
      let remaining = end - start
      if let base = storage.baseAddress {
        memmove(base, base + start - kept, remaining + kept)
      }
      start = kept
      end = kept + remaining
    }
    if end == storage.count { return true }
    while true {
      let count = read(descriptor, storage.baseAddress! + end, storage.count - end)
      if count > 0 {
        end += count
        return true
      }
      if count == 0 {
        reachedEnd = true
        return false
      }
      if errno == EINTR { continue }
      throw ReadFailure(message: String(cString: strerror(errno)))
    }
  }

  /// Makes at least `count` bytes available, unless the stream ends first.
  func ensureAvailable(_ count: Int) throws(ReadFailure) -> Bool {
    precondition(count <= storage.count - Self.retainedBehind, "asked for more than the buffer holds")
    while end - start < count {
      if try !fill() { return false }
    }
    return true
  }

  struct ReadFailure: Error {
    var message: String
  }
}
