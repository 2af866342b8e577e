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
/// `DIR/.versions`).
///
/// Nothing the job did not make is ever followed, replaced or removed. Every call below works
/// through descriptors of folders opened without following links (`openat` with `O_NOFOLLOW`,
/// `unlinkat`, `renameat`...), so a link planted as `DIR/.versions`, as a version folder or
/// inside one never leads the clean-up out of `DIR`. A `DIR/.versions` or `DIR/current` that the
/// job did not make stops the run before anything is written. A file an editor saved over one
/// of the job's links (`draft.md` rewritten by hand) is kept under a name that says so, and the
/// run says where. Anything else in `DIR`, such as an editor's `edits.yaml`, is never touched.
public struct OutputFolder: Sendable {
  public let path: String

  /// The link to the complete version readers see.
  public static let currentLink = "current"
  static let versionsFolder = ".versions"

  /// What a run published.
  public struct Publication: Sendable {
    /// The new version folder.
    public var versionPath: String
    /// Entries that were in the way of the job's links (an editor's hand-saved `draft.md`), each
    /// kept under a new name: the path it had, and the path it has now.
    public var keptAside: [(original: String, keptAs: String)]
  }

  public init(_ path: String) {
    self.path = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
  }

  /// Writes `files` (names without slashes) as the folder's new version and switches to it.
  @discardableResult
  public func publish(_ files: [(name: String, bytes: [UInt8])]) throws(OutputError) -> Publication {
    try AtomicFile.makeFolder(path)
    // `DIR` itself is the user's to choose, link or not; everything below it is reached only
    // through this descriptor.
    let folder = try FolderDescriptor(openingFolder: path)
    defer { folder.close() }
    let previous = try currentVersion(in: folder)
    // A folder under a draft's name cannot be kept aside as a file can: stop before writing.
    for file in files where folder.entryType(file.name) == S_IFDIR {
      throw OutputError(
        message: "\(path)/\(file.name) is a folder, not the job's link; move it away and run the job again (nothing was written)")
    }
    let versions = try versionsFolder(in: folder)
    defer { versions.close() }
    try lock(versions)

    let version = try makeVersionFolder(in: versions)
    let versionPath = "\(path)/\(Self.versionsFolder)/\(version)"
    do throws(OutputError) {
      let versionFolder = try FolderDescriptor(opening: version, in: versions, displayPath: versionPath)
      defer { versionFolder.close() }
      for file in files {
        let descriptor = openat(versionFolder.descriptor, file.name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw AtomicFile.failure("cannot write \(versionPath)/\(file.name)", errno) }
        if let problem = AtomicFile.writeAndSync(file.bytes, to: descriptor) {
          throw AtomicFile.failure("cannot write \(versionPath)/\(file.name)", problem)
        }
      }
      fsync(versionFolder.descriptor)
      fsync(versions.descriptor)
      _ = try replaceWithLink(Self.currentLink, target: "\(Self.versionsFolder)/\(version)", in: folder)
    } catch {
      // Not switched to: readers still see the previous version.
      removeTree(named: version, in: versions)
      throw error
    }
    // From here on the new draft is what readers see.
    var keptAside: [(original: String, keptAs: String)] = []
    for file in files {
      if let aside = try replaceWithLink(file.name, target: "\(Self.currentLink)/\(file.name)", in: folder) {
        keptAside.append(("\(path)/\(file.name)", "\(path)/\(aside)"))
      }
    }
    for name in entries(of: versions) where name != version && name != previous && Self.isVersionName(name) {
      removeTree(named: name, in: versions)
    }
    removeStaleLinks(in: folder)
    return Publication(versionPath: versionPath, keptAside: keptAside)
  }

  // MARK: The job's own entries

  /// The version `DIR/current` points at, or nil when there is no `current` yet. Anything else
  /// under that name is not the job's, and stops the run before anything is written.
  private func currentVersion(in folder: FolderDescriptor) throws(OutputError) -> String? {
    let currentPath = "\(path)/\(Self.currentLink)"
    guard let type = folder.entryType(Self.currentLink) else { return nil }
    guard type == S_IFLNK else {
      throw OutputError(message: "\(currentPath) is not the job's link; move it away and run the job again")
    }
    let target = folder.linkTarget(Self.currentLink) ?? ""
    let prefix = "\(Self.versionsFolder)/"
    guard target.hasPrefix(prefix), Self.isVersionName(String(target.dropFirst(prefix.count))) else {
      throw OutputError(
        message:
          "\(currentPath) is a link the job did not make (to \(target)); move it away and run the job again")
    }
    return String(target.dropFirst(prefix.count))
  }

  /// `DIR/.versions`, made when missing; a link or a file under that name stops the run.
  private func versionsFolder(in folder: FolderDescriptor) throws(OutputError) -> FolderDescriptor {
    let versionsPath = "\(path)/\(Self.versionsFolder)"
    if mkdirat(folder.descriptor, Self.versionsFolder, 0o755) != 0 && errno != EEXIST {
      throw AtomicFile.failure("cannot create the folder \(versionsPath)", errno)
    }
    if let type = folder.entryType(Self.versionsFolder), type != S_IFDIR {
      let what = type == S_IFLNK ? "a link" : "not a folder"
      throw OutputError(
        message: "\(versionsPath) is \(what), not the job's folder; move it away and run the job again (nothing was written)")
    }
    return try FolderDescriptor(opening: Self.versionsFolder, in: folder, displayPath: versionsPath)
  }

  /// Waits for any other job writing this folder, and holds it until the descriptor is closed.
  private func lock(_ versions: FolderDescriptor) throws(OutputError) {
    while flock(versions.descriptor, LOCK_EX) != 0 {
      if errno == EINTR { continue }
      throw AtomicFile.failure("cannot lock \(path)/\(Self.versionsFolder)", errno)
    }
  }

  private func makeVersionFolder(in versions: FolderDescriptor) throws(OutputError) -> String {
    let stamp = "\(Self.timestamp())-\(getpid())"
    var attempt = 0
    while true {
      let name = attempt == 0 ? stamp : "\(stamp)-\(attempt)"
      if mkdirat(versions.descriptor, name, 0o755) == 0 { return name }
      guard errno == EEXIST else {
        throw AtomicFile.failure("cannot create a version folder in \(path)/\(Self.versionsFolder)", errno)
      }
      attempt += 1
    }
  }

  /// `2026-11-29T180312Z`: UTC, sortable, no characters a file name or a shell dislikes.
  private static func timestamp() -> String {
    var now = time(nil)
    var parts = tm()
    gmtime_r(&now, &parts)
    return String(
      format: "%04d-%02d-%02dT%02d%02d%02dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday, parts.tm_hour,
      parts.tm_min, parts.tm_sec)
  }

  /// Whether `name` has the shape of the version folders the job makes:
  /// `2026-11-29T180312Z-4242` or `2026-11-29T180312Z-4242-1`.
  static func isVersionName(_ name: String) -> Bool {
    let bytes = Array(name.utf8)
    let stamp = Array("0000-00-00T000000Z".utf8)
    guard bytes.count > stamp.count + 1, bytes[stamp.count] == UInt8(ascii: "-") else { return false }
    for (byte, shape) in zip(bytes, stamp) {
      let matches = shape == UInt8(ascii: "0") ? (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) : byte == shape
      if !matches { return false }
    }
    let rest = bytes[(stamp.count + 1)...]
    return rest.allSatisfy { $0 == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
      && rest.first != UInt8(ascii: "-") && rest.last != UInt8(ascii: "-")
  }

  /// Makes `DIR/name` a symbolic link to `target`, atomically: a new link renamed over the old
  /// entry. A link that already points there is left alone. Anything else under that name (an
  /// editor's hand-saved file, a link of someone else's) is first given a second name, so it is
  /// never lost; that name is returned.
  private func replaceWithLink(_ name: String, target: String, in folder: FolderDescriptor) throws(OutputError) -> String? {
    let linkPath = "\(path)/\(name)"
    let type = folder.entryType(name)
    if type == S_IFLNK && folder.linkTarget(name) == target { return nil }
    if type == S_IFDIR {
      throw OutputError(message: "\(linkPath) is a folder, not the job's link; move it away and run the job again")
    }
    let temporary = ".\(name).partial-\(getpid())"
    unlinkat(folder.descriptor, temporary, 0)
    guard symlinkat(target, folder.descriptor, temporary) == 0 else { throw AtomicFile.failure("cannot write in \(path)", errno) }
    // The job's own link to the previous `current` is simply replaced; anything else is kept.
    let ours = type == S_IFLNK && (name == Self.currentLink || folder.linkTarget(name) == "\(Self.currentLink)/\(name)")
    var aside: String?
    if type != nil && !ours {
      do throws(OutputError) {
        aside = try keepAside(name, in: folder)
      } catch {
        unlinkat(folder.descriptor, temporary, 0)
        throw error
      }
    }
    if renameat(folder.descriptor, temporary, folder.descriptor, name) != 0 {
      let code = errno
      unlinkat(folder.descriptor, temporary, 0)
      throw AtomicFile.failure("cannot replace \(linkPath)", code)
    }
    fsync(folder.descriptor)
    return aside
  }

  /// Gives the entry `name` a second name, `draft.hand-edited-<time>.md`, before the job's link
  /// takes its place. A hard link, so at no instant is the entry without a name; where the file
  /// system has none, a rename (the entry is then briefly only under its new name).
  private func keepAside(_ name: String, in folder: FolderDescriptor) throws(OutputError) -> String {
    let dot = name.lastIndex(of: ".").flatMap { $0 == name.startIndex ? nil : $0 }
    let base = dot.map { String(name[..<$0]) } ?? name
    let suffix = dot.map { String(name[$0...]) } ?? ""
    let stamp = Self.timestamp()
    var attempt = 0
    while true {
      let candidate = "\(base).hand-edited-\(stamp)\(attempt == 0 ? "" : "-\(attempt)")\(suffix)"
      if linkat(folder.descriptor, name, folder.descriptor, candidate, 0) == 0 {
        fsync(folder.descriptor)
        return candidate
      }
      switch errno {
      case EEXIST: attempt += 1
      case EPERM, EXDEV, EMLINK, ENOTSUP:
        guard folder.entryType(candidate) == nil else {
          attempt += 1
          continue
        }
        if renameat(folder.descriptor, name, folder.descriptor, candidate) == 0 { return candidate }
        throw AtomicFile.failure("cannot keep \(path)/\(name) aside as \(candidate)", errno)
      default:
        throw AtomicFile.failure("cannot keep \(path)/\(name) aside as \(candidate)", errno)
      }
    }
  }

  // MARK: Clean-up, never following a link

  /// Removes the temporary links (`.NAME.partial-PID`) a killed run may have left in the folder.
  /// Only symbolic links are touched, so no one's file is ever removed.
  private func removeStaleLinks(in folder: FolderDescriptor) {
    for name in entries(of: folder) where name.hasPrefix(".") && name.contains(".partial-") {
      if folder.entryType(name) == S_IFLNK { unlinkat(folder.descriptor, name, 0) }
    }
  }

  /// Removes `name` from `parent` and, when it is a real folder, everything in it. A link is
  /// removed as a link; nothing it points at is reached. Best effort: what cannot be removed now
  /// is tried again by the next run.
  private func removeTree(named name: String, in parent: FolderDescriptor, depth: Int = 0) {
    if parent.entryType(name) == S_IFDIR, depth < 16,
      let child = try? FolderDescriptor(opening: name, in: parent, displayPath: name)
    {
      for entry in entries(of: child) { removeTree(named: entry, in: child, depth: depth + 1) }
      child.close()
      unlinkat(parent.descriptor, name, AT_REMOVEDIR)
    } else {
      unlinkat(parent.descriptor, name, 0)
    }
  }

  /// The names in a folder, read through its descriptor.
  private func entries(of folder: FolderDescriptor) -> [String] {
    let copy = dup(folder.descriptor)
    guard copy >= 0 else { return [] }
    guard let stream = fdopendir(copy) else {
      closeDescriptor(copy)
      return []
    }
    defer { closedir(stream) }
    rewinddir(stream)
    var names: [String] = []
    while let entry = readdir(stream) {
      let name = withUnsafePointer(to: &entry.pointee.d_name) {
        String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names
  }
}

/// An open folder, reached without following a link; every path below it goes through it.
private struct FolderDescriptor {
  let descriptor: Int32

  /// The user's output folder itself, which may be reached through a link of theirs.
  init(openingFolder path: String) throws(OutputError) {
    descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { throw AtomicFile.failure("cannot open the folder \(path)", errno) }
  }

  /// The folder `name` in `parent`; a link under that name is refused, not followed.
  init(opening name: String, in parent: FolderDescriptor, displayPath: String) throws(OutputError) {
    descriptor = openat(parent.descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
    guard descriptor >= 0 else {
      if errno == ELOOP || errno == ENOTDIR {
        throw OutputError(message: "\(displayPath) is not the job's folder; move it away and run the job again")
      }
      throw AtomicFile.failure("cannot open the folder \(displayPath)", errno)
    }
  }

  func close() {
    closeDescriptor(descriptor)
  }

  /// The entry's type (`S_IFLNK`, `S_IFDIR`, ...) without following a link; nil when it is absent.
  func entryType(_ name: String) -> mode_t? {
    var status = stat()
    return fstatat(descriptor, name, &status, AT_SYMLINK_NOFOLLOW) == 0 ? status.st_mode & S_IFMT : nil
  }

  /// Where the link `name` points, as written; nil when it is not a link.
  func linkTarget(_ name: String) -> String? {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let count = readlinkat(descriptor, name, &buffer, buffer.count - 1)
    guard count >= 0 else { return nil }
    return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}

private func closeDescriptor(_ descriptor: Int32) {
  _ = close(descriptor)
}
