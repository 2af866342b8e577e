#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The one place the library writes bytes to a file descriptor: every byte, through short writes
/// and interruptions (`EINTR`). Standard output, standard error, and the files of the weekly job
/// all go through it.
public enum FileDescriptorWrite {
  /// Writes all of `bytes`; returns the `errno` of the first failure, or nil.
  public static func all(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32? {
    guard let base = bytes.baseAddress else { return nil }
    var offset = 0
    while offset < bytes.count {
      let written = write(descriptor, base + offset, bytes.count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        return errno
      }
      offset += written
    }
    return nil
  }
}
