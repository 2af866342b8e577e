import Foundation
import PatentDigest

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The folder the week's files go to (`--into DIR`), held by one fetch at a time: a second fetch
/// into the same folder waits for the first, then finds its files there.
final class DownloadFolder {
  let path: String
  private var lock: Int32

  /// The lock file's name; the only file of ours in the folder besides the feeds.
  static let lockName = ".patent-digest-fetch.lock"

  /// Creates the folder if needed and takes its lock; `waiting` hears it when another fetch holds
  /// it.
  init(_ path: String, waiting: (String) -> Void) throws(FetchError) {
    self.path = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    do {
      try AtomicFile.makeFolder(self.path)
    } catch {
      throw FetchError(.cannotWrite, error.message)
    }
    lock = open("\(self.path)/\(Self.lockName)", O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
    guard lock >= 0 else { throw Self.writeFailure("cannot write in \(self.path)", errno) }
    if flock(lock, LOCK_EX | LOCK_NB) != 0 {
      waiting("another fetch is writing to \(self.path); waiting for it to finish")
      while flock(lock, LOCK_EX) != 0 && errno == EINTR {}
    }
  }

  deinit { close(lock) }

  /// Removes what killed downloads left behind; returns their names.
  func removeLeftovers() -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    return names.filter(PartialDownload.isTemporaryName).filter { unlink("\(path)/\($0)") == 0 }
  }

  /// The size of the regular file `name` in the folder, or nil when there is none.
  func size(of name: String) -> Int? {
    var status = stat()
    guard lstat("\(path)/\(name)", &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
    return Int(status.st_size)
  }

  /// Reads the folder's file `name` through as a zip: every entry's CRC-32 and size.
  func checkZip(_ name: String) -> Result<ZipIntegrity.Summary, FeedInputError> {
    let descriptor = open("\(path)/\(name)", O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
    guard descriptor >= 0 else { return .failure(FeedInputError(input: name, reason: "cannot be opened")) }
    defer { close(descriptor) }
    return Result { () throws(FeedInputError) in try ZipIntegrity.check(readingFrom: descriptor, archiveName: name) }
  }

  /// The weekly feeds in the folder, by file name.
  func weeklyFeeds() -> [String: PortalListing.WeeklyFeed] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    var feeds: [String: PortalListing.WeeklyFeed] = [:]
    for name in names {
      if let feed = PortalListing.WeeklyFeed(fileName: name), feed.canonicalFileName == name, size(of: name) != nil {
        feeds[name] = feed
      }
    }
    return feeds
  }

  /// Bytes that can still be written in the folder, when the system says.
  func freeBytes() -> Int? {
    var status = statvfs()
    guard statvfs(path, &status) == 0 else { return nil }
    return Int(status.f_bavail) * Int(status.f_frsize)
  }

  static func writeFailure(_ what: String, _ code: Int32) -> FetchError {
    let reason = String(cString: strerror(code))
    let hint: String
    switch code {
    case ENOSPC, EDQUOT, EFBIG: hint = "; free some space and run again (the files already there are untouched)"
    case EROFS, EACCES, EPERM: hint = "; check the folder's permissions, or name another with --into"
    default: hint = ""
    }
    return FetchError(.cannotWrite, "\(what): \(reason)\(hint)")
  }
}
