public import Foundation
import GRDB

/// The history database: every week recorded, and what each draft featured. One SQLite file in
/// WAL mode (with its `-wal` and `-shm` beside it while in use), so readers (the preview, `history`)
/// go on while a job writes, and two writers take turns (each waits up to `writerBusyTimeout`
/// for the other's file).
///
/// The file is looked at through a read-only connection before anything may write to it: a file
/// that is not a history, was written by a newer patent-digest, or is damaged is refused with a
/// `HistoryError` and left byte for byte as it was. (GRDB's `DatabasePool` is not used for this
/// reason: opening one writes a throwaway table into the file to make its WAL.)
public final class HistoryStore: Sendable {
  /// How long a reader waits for the file (in WAL mode only while another connection recovers
  /// or makes it) before giving up.
  public static let busyTimeout: TimeInterval = 5
  /// How long a writer waits for another writer's transaction. A week's transaction lasts as
  /// long as reading the week (its documents are inserted as they are read): about a second for
  /// the XML, a few for the zip, longer on a busy machine; and a job that fails because a
  /// backfill held the file is worse than one that waits its turn.
  public static let writerBusyTimeout: TimeInterval = 60
  /// The schema version this build reads and writes.
  public static var schemaVersion: Int { HistorySchema.currentVersion }

  /// The database file as named.
  public let path: String
  let database: DatabaseQueue

  /// What the store is opened for.
  public enum Opening: Sendable {
    /// Recording: a missing file becomes a new, empty history.
    case creatingIfMissing
    /// Reading only, through a read-only connection: the file must be there. (A history of an
    /// older schema is brought up to date first; that is the one write a reader makes.)
    case existingOnly
  }

  /// Opens the history at `path`.
  public init(path: String, opening: Opening) throws(HistoryError) {
    self.path = path
    let exists = try Self.checkHeader(path: path, opening: opening)
    do {
      let version = exists ? try Self.inspect(path: path) : 0
      // Migrating takes the write lock even when there is nothing to do: only a file that needs
      // it is migrated, so opening a current history never waits for another writer.
      if opening == .creatingIfMissing {
        let writer = try Self.connection(path: path, readOnly: false)
        if version < HistorySchema.currentVersion { try Self.migrate(writer) }
        database = writer
        return
      }
      if version < HistorySchema.currentVersion {
        let writer = try Self.connection(path: path, readOnly: false)
        try Self.migrate(writer)
        try writer.close()
      }
      database = try Self.connection(path: path, readOnly: true)
    } catch let error as HistoryError {
      throw error
    } catch {
      throw Self.historyError(error, path: path)
    }
  }

  private static func connection(path: String, readOnly: Bool) throws -> DatabaseQueue {
    var configuration = Configuration()
    configuration.busyMode = .timeout(readOnly ? busyTimeout : writerBusyTimeout)
    configuration.readonly = readOnly
    configuration.label = "history"
    if !readOnly {
      // A no-op on a history already in WAL mode: only a new file is changed by it.
      // NORMAL, as SQLite advises for WAL: a commit is atomic whatever happens to the process,
      // and only a power cut can lose the last one. 32 MB of page cache keeps the indexes of a
      // large history from being read again for each insert.
      configuration.prepareDatabase { db in
        // Switching a new file to WAL needs the file to itself, and SQLite does not wait for
        // that: when two jobs make the same new history at once, the second tries again.
        let deadline = Date().addingTimeInterval(busyTimeout)
        while true {
          do {
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            break
          } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
          }
        }
        try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768")
      }
    }
    return try DatabaseQueue(path: path, configuration: configuration)
  }

  /// Refuses a file that does not start like an SQLite database before SQLite opens it, so a
  /// file named by mistake is never touched. True when there is a database to look at.
  private static func checkHeader(path: String, opening: Opening, again: Bool = false) throws(HistoryError) -> Bool {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
        if isFolder.boolValue { throw .notADatabase(path: path) }
        // Another job may have made the file since it was looked for: look again, once.
        if !again && FileManager.default.isReadableFile(atPath: path) {
          return try checkHeader(path: path, opening: opening, again: true)
        }
        throw .cannotWrite(path: path, detail: "it cannot be read: permission denied")
      }
      if opening == .existingOnly { throw .missing(path: path) }
      return false
    }
    defer { try? handle.close() }
    let header = (try? handle.read(upToCount: 100)) ?? Data()
    // An empty file holds nothing to lose: SQLite makes it a database.
    if header.isEmpty { return false }
    if header.count < 100 || !header.starts(with: Array("SQLite format 3\0".utf8)) { throw .notADatabase(path: path) }
    return true
  }

  /// Looks at the file through a read-only connection; refuses a foreign, newer or damaged
  /// database, and returns its schema version.
  private static func inspect(path: String) throws -> Int {
    // A file at rest (no `-wal` beside it: no one has it open, nothing waits to be checkpointed)
    // is read as immutable, so looking at it leaves no `-wal` or `-shm` behind. A file in use is
    // read like any other reader reads it; if it came into use while it was looked at, it is
    // looked at again that way.
    if !FileManager.default.fileExists(atPath: path + "-wal") {
      do {
        return try inspect(path: path, through: try atRestConnection(path: path))
      } catch {
        guard FileManager.default.fileExists(atPath: path + "-wal") else { throw error }
      }
    }
    return try inspect(path: path, through: try connection(path: path, readOnly: true))
  }

  /// A read-only connection that takes the file as immutable: no locks, no `-wal`, no `-shm`.
  private static func atRestConnection(path: String) throws -> DatabaseQueue {
    var configuration = Configuration()
    configuration.readonly = true
    configuration.label = "history"
    let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    var allowed = CharacterSet.urlPathAllowed
    allowed.remove(charactersIn: "?#%")
    let encoded = absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute
    return try DatabaseQueue(path: "file:\(encoded)?immutable=1", configuration: configuration)
  }

  private static func inspect(path: String, through reader: DatabaseQueue) throws -> Int {
    defer { try? reader.close() }
    let migrator = HistorySchema.migrator
    let (applicationID, version, tables, superseded) = try reader.read { db in
      (
        try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
        try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0,
        try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"),
        try db.tableExists("grdb_migrations") ? try migrator.hasBeenSuperseded(db) : false
      )
    }
    // A history another job is making right now may have the migrations' own table before the
    // first migration writes its header: that is not another program's database.
    if applicationID != HistorySchema.applicationID && tables.contains(where: { $0 != "grdb_migrations" }) {
      throw HistoryError.foreignDatabase(path: path)
    }
    if version > HistorySchema.currentVersion || superseded {
      throw HistoryError.newerSchema(path: path, found: version, known: HistorySchema.currentVersion)
    }
    // Damage in the pages of the tables themselves shows when their first rows are read.
    try reader.read { db in
      for table in tables where table != "sqlite_sequence" {
        _ = try Row.fetchOne(db, sql: "SELECT * FROM \"\(table)\" LIMIT 1")
      }
    }
    return version
  }

  /// Runs the migrations the file lacks.
  private static func migrate(_ writer: DatabaseQueue) throws {
    let migrator = HistorySchema.migrator
    let deadline = Date().addingTimeInterval(writerBusyTimeout)
    while true {
      // Nothing applied yet may mean no migrations table yet.
      let applied = (try? writer.read(migrator.appliedIdentifiers)) ?? []
      do {
        try migrator.migrate(writer)
        return
      } catch {
        // Two processes that open a new file at once both try to migrate it; the one that comes
        // second finds the tables made, all of them or (when the other is still at it) some:
        // it goes on from there.
        if try writer.read(migrator.hasCompletedMigrations) { return }
        guard (try? writer.read(migrator.appliedIdentifiers)) ?? [] != applied, Date() < deadline else { throw error }
      }
    }
  }

  /// Runs `body` in one immediate write transaction (so a second writer waits its turn rather
  /// than failing half way); SQLite's errors become `HistoryError`s.
  func write<Result>(_ body: (Database) throws -> Result) throws(HistoryError) -> Result {
    try write(deciding: { db in (try body(db), .commit) })
  }

  /// Runs `body` in one immediate write transaction that it commits or rolls back, by what it
  /// returns.
  func write<Result>(
    deciding body: (Database) throws -> (Result, Database.TransactionCompletion)
  ) throws(HistoryError) -> Result {
    do {
      return try database.writeWithoutTransaction { db in
        var result: Result?
        try db.inTransaction(.immediate) {
          let (value, completion) = try body(db)
          result = value
          return completion
        }
        return result!
      }
    } catch let error as HistoryError {
      throw error
    } catch {
      throw Self.historyError(error, path: path)
    }
  }

  /// Runs `body` on a reader; SQLite's errors become `HistoryError`s.
  func read<Result>(_ body: (Database) throws -> Result) throws(HistoryError) -> Result {
    do {
      return try database.read(body)
    } catch let error as HistoryError {
      throw error
    } catch {
      throw Self.historyError(error, path: path)
    }
  }

  static func historyError(_ error: any Error, path: String) -> HistoryError {
    guard let error = error as? DatabaseError else { return .unusable(path: path, detail: "\(error)") }
    let detail = error.message ?? "SQLite error \(error.resultCode.rawValue)"
    switch error.resultCode {
    case .SQLITE_NOTADB: return .notADatabase(path: path)
    case .SQLITE_CORRUPT: return .corrupt(path: path, detail: detail)
    case .SQLITE_FULL: return .cannotWrite(path: path, detail: "the disk is full")
    case .SQLITE_BUSY, .SQLITE_LOCKED:
      return .cannotWrite(
        path: path,
        detail:
          "another job held it for too long (\(Int(busyTimeout)) seconds to read, \(Int(writerBusyTimeout)) to write); try again")
    case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_IOERR, .SQLITE_PERM, .SQLITE_AUTH:
      return .cannotWrite(path: path, detail: detail)
    default: return .unusable(path: path, detail: detail)
    }
  }
}
