#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes a file so that no half-written version is ever visible: the bytes go to a temporary
/// file in the same folder, are flushed to disk, and the temporary file is renamed over the old
/// one. A job killed at any point leaves either the old file or the new one.
public enum AtomicFile {
  public static func write(_ bytes: [UInt8], to path: String) throws(OutputError) {
    let (folder, temporary) = try writeTemporary(bytes, for: path)
    if rename(temporary, path) != 0 {
      let code = errno
      unlink(temporary)
      throw failure("cannot replace \(path)", code)
    }
    syncFolder(folder)  // Make the rename itself durable.
  }

  /// Writes a new file at `path` only if nothing is there yet, not even a link (dangling or not);
  /// returns false, writing nothing, when something is. Atomic: the complete file gets its name
  /// with one `link`, which fails rather than replace an entry.
  public static func create(_ bytes: [UInt8], at path: String) throws(OutputError) -> Bool {
    let (folder, temporary) = try writeTemporary(bytes, for: path)
    defer { unlink(temporary) }
    if link(temporary, path) != 0 {
      if errno == EEXIST { return false }
      throw failure("cannot write \(path)", errno)
    }
    syncFolder(folder)
    return true
  }

  /// Writes `bytes` to a new temporary file beside `path`, flushed to disk. A leftover of a killed
  /// run under that name is removed first, and the file is created new (`O_EXCL | O_NOFOLLOW`), so
  /// a link planted under the temporary name is never followed.
  private static func writeTemporary(_ bytes: [UInt8], for path: String) throws(OutputError) -> (
    folder: String, temporary: String
  ) {
    let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
    let name = path.split(separator: "/").last.map(String.init) ?? path
    let temporary = "\(folder)/\(temporaryName(for: name))"
    unlink(temporary)
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw failure("cannot write in \(folder)", errno) }
    if let problem = writeAndSync(bytes, to: descriptor) {
      unlink(temporary)
      throw failure("cannot write \(path)", problem)
    }
    return (folder, temporary)
  }

  /// Writes all of `bytes` to `descriptor`, flushes them to disk and closes it; returns the
  /// `errno` of the first failure, or nil.
  static func writeAndSync(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
    var problem = bytes.withUnsafeBytes { FileDescriptorWrite.all($0, to: descriptor) }
    if problem == nil && fsync(descriptor) != 0 { problem = errno }
    close(descriptor)
    return problem
  }

  /// The hidden name a file is written under before it gets `name`: `.draft.md.partial-PID`.
  public static func temporaryName(for name: String) -> String { ".\(name).partial-\(getpid())" }

  /// Flushes a folder's entries (new names, renames) to disk.
  public static func syncFolder(_ folder: String) {
    let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { return }
    fsync(descriptor)
    close(descriptor)
  }

  public static func write(_ text: String, to path: String) throws(OutputError) {
    try write(Array(text.utf8), to: path)
  }

  /// Creates `path` and its parents if they are missing.
  public static func makeFolder(_ path: String) throws(OutputError) {
    var current = path.hasPrefix("/") ? "" : "."
    for part in path.split(separator: "/") {
      current += "/" + part
      if mkdir(current, 0o755) != 0 && errno != EEXIST {
        throw failure("cannot create the folder \(current)", errno)
      }
    }
    var status = stat()
    guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else {
      throw OutputError(message: "\(path) exists and is not a folder")
    }
  }

  static func failure(_ what: String, _ code: Int32) -> OutputError {
    let reason = String(cString: strerror(code))
    let hint: String
    switch code {
    case ENOSPC: hint = "; free some space and run the job again (the previous draft is untouched)"
    case EROFS, EACCES, EPERM: hint = "; check the folder's permissions (the previous draft is untouched)"
    default: hint = ""
    }
    return OutputError(message: "\(what): \(reason)\(hint)")
  }
}
