/// Why the history database cannot be used: one line with the file, what is wrong with it and
/// what to do. The file itself is left as it was.
public enum HistoryError: Error, Sendable, Hashable, CustomStringConvertible {
  /// A newer patent-digest wrote the file: its schema is past what this one knows.
  case newerSchema(path: String, found: Int, known: Int)
  /// The file is not an SQLite database at all.
  case notADatabase(path: String)
  /// An SQLite database, but not a patent-digest history.
  case foreignDatabase(path: String)
  /// SQLite found damage in the file.
  case corrupt(path: String, detail: String)
  /// Reading the history needs a file that is there.
  case missing(path: String)
  /// SQLite refused the file for another reason (a table changed by hand, say).
  case unusable(path: String, detail: String)
  /// The file (or its folder, or the disk) cannot be written or read.
  case cannotWrite(path: String, detail: String)

  public var description: String {
    switch self {
    case .newerSchema(let path, let found, let known):
      "\(path): written by a newer patent-digest (history schema \(found); this one knows up to \(known)); use that version, or name another file with --history"
    case .notADatabase(let path):
      "\(path): not a history database (not SQLite); name another file with --history, or move this one away to start a new history"
    case .foreignDatabase(let path):
      "\(path): an SQLite database, but not a patent-digest history; name another file with --history"
    case .corrupt(let path, let detail):
      "\(path): the history database is damaged (\(detail)); restore it from a backup, or move it away to start a new history"
    case .missing(let path):
      "\(path): no history yet; record weeks with `patent-digest history import FEED...` first"
    case .unusable(let path, let detail):
      "\(path): the history database cannot be used (\(detail)); restore it from a backup, or name another file with --history"
    case .cannotWrite(let path, let detail):
      "\(path): the history cannot be written (\(detail))"
    }
  }

  /// True for the errors that say the file is not a usable history (exit code 2), false for
  /// failures to write it (exit code 74).
  public var isUnusableFile: Bool {
    if case .cannotWrite = self { return false }
    return true
  }
}
