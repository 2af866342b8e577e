internal import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The weekly job's output folder, switched whole from one complete draft to the next.
///
/// Each run writes all its files into a new version folder, `DIR/.versions/<time>-<pid>/`, flushes
/// them to disk, and only then points the link `DIR/current` at it with one atomic rename. The
/// files readers open, `DIR/draft.md` and the rest, are fixed links into `current/`, so at every
/// instant they all resolve to the same complete version: the previous one until the rename, the
/// new one after it. A kill, a full disk or a read-only folder before the rename leaves the
/// previous version in place; the unfinished version folder is removed (or, after a kill, by the
/// next run).
///
/// The job keeps the version `current` pointed to before the switch (a reader may still be in the
/// middle of it) and removes older ones. Two jobs on the same folder take turns (a `flock` on
/// `DIR/.versions`). Anything else in `DIR`, such as an editor's `edits.yaml`, is never touched.
public struct OutputFolder: Sendable {
  public let path: String

  /// The link to the complete version readers see.
  public static let currentLink = "current"
  static let versionsFolder = ".versions"

  public init(_ path: String) {
    self.path = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
  }

  /// Writes `files` (names without slashes) as the folder's new version and switches to it.
  /// Returns the version folder's path.
  @discardableResult
  public func publish(_ files: [(name: String, bytes: [UInt8])]) throws(OutputError) -> String {
    try AtomicFile.makeFolder(path)
    let currentPath = "\(path)/\(Self.currentLink)"
    if let type = fileType(currentPath), type != S_IFLNK {
      throw OutputError(message: "\(currentPath) is not the job's link; move it away and run the job again")
    }
    let versions = "\(path)/\(Self.versionsFolder)"
    if mkdir(versions, 0o755) != 0 && errno != EEXIST {
      throw AtomicFile.failure("cannot create the folder \(versions)", errno)
    }
    let lock = try lockVersions(versions)
    defer { close(lock) }

    let version = try makeVersionFolder(in: versions)
    let versionPath = "\(versions)/\(version)"
    let previous = readLink(currentPath)
    do throws(OutputError) {
      for file in files {
        let filePath = "\(versionPath)/\(file.name)"
        let descriptor = open(filePath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw AtomicFile.failure("cannot write \(filePath)", errno) }
        if let problem = AtomicFile.writeAndSync(file.bytes, to: descriptor) {
          throw AtomicFile.failure("cannot write \(filePath)", problem)
        }
      }
      AtomicFile.syncFolder(versionPath)
      AtomicFile.syncFolder(versions)
      try replaceWithLink(Self.currentLink, target: "\(Self.versionsFolder)/\(version)")
    } catch {
      // Not switched to: readers still see the previous version.
      try? FileManager.default.removeItem(atPath: versionPath)
      throw error
    }
    // From here on the new draft is what readers see.
    for file in files {
      try replaceWithLink(file.name, target: "\(Self.currentLink)/\(file.name)")
    }
    let keep: Set<String> = [version, previous.map { String($0.split(separator: "/").last ?? "") } ?? ""]
    removeVersions(in: versions, except: keep)
    removeStaleLinks()
    return versionPath
  }

  /// Waits for any other job writing this folder, and holds it until the descriptor is closed.
  private func lockVersions(_ versions: String) throws(OutputError) -> Int32 {
    let descriptor = open(versions, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { throw AtomicFile.failure("cannot open the folder \(versions)", errno) }
    while flock(descriptor, LOCK_EX) != 0 {
      if errno == EINTR { continue }
      let code = errno
      close(descriptor)
      throw AtomicFile.failure("cannot lock \(versions)", code)
    }
    return descriptor
  }

  private func makeVersionFolder(in versions: String) throws(OutputError) -> String {
    var now = time(nil)
    var parts = tm()
    gmtime_r(&now, &parts)
    let stamp = String(
      format: "%04d-%02d-%02dT%02d%02d%02dZ-%d", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday, parts.tm_hour,
      parts.tm_min, parts.tm_sec, getpid())
    var attempt = 0
    while true {
      let name = attempt == 0 ? stamp : "\(stamp)-\(attempt)"
      if mkdir("\(versions)/\(name)", 0o755) == 0 { return name }
      guard errno == EEXIST else { throw AtomicFile.failure("cannot create a version folder in \(versions)", errno) }
      attempt += 1
    }
  }

  /// Makes `DIR/name` a symbolic link to `target`, atomically: a new link renamed over the old
  /// entry. A link that already points there is left alone.
  private func replaceWithLink(_ name: String, target: String) throws(OutputError) {
    let linkPath = "\(path)/\(name)"
    if readLink(linkPath) == target { return }
    if fileType(linkPath) == S_IFDIR {
      throw OutputError(message: "\(linkPath) is a folder, not the job's link; move it away and run the job again")
    }
    let temporary = "\(path)/.\(name).partial-\(getpid())"
    unlink(temporary)
    guard symlink(target, temporary) == 0 else { throw AtomicFile.failure("cannot write in \(path)", errno) }
    if rename(temporary, linkPath) != 0 {
      let code = errno
      unlink(temporary)
      throw AtomicFile.failure("cannot replace \(linkPath)", code)
    }
    AtomicFile.syncFolder(path)
  }

  private func readLink(_ linkPath: String) -> String? {
    try? FileManager.default.destinationOfSymbolicLink(atPath: linkPath)
  }

  /// The entry's type (`S_IFLNK`, `S_IFDIR`, ...) without following a link; nil when it is absent.
  private func fileType(_ entry: String) -> mode_t? {
    var status = stat()
    return lstat(entry, &status) == 0 ? status.st_mode & S_IFMT : nil
  }

  /// Removes the temporary links (`.NAME.partial-PID`) a killed run may have left in the folder.
  /// Only symbolic links are touched, so no one's file is ever removed.
  private func removeStaleLinks() {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
    for name in names where name.hasPrefix(".") && name.contains(".partial-") {
      let entry = "\(path)/\(name)"
      if fileType(entry) == S_IFLNK { unlink(entry) }
    }
  }

  /// Removes unreferenced versions: older drafts and the leftovers of killed runs. Best effort; a
  /// version that cannot be removed now is tried again by the next run.
  private func removeVersions(in versions: String, except keep: Set<String>) {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: versions) else { return }
    for name in names where !keep.contains(name) {
      try? FileManager.default.removeItem(atPath: "\(versions)/\(name)")
    }
  }
}
