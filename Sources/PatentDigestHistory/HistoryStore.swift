public import Foundation
import GRDB

/// The history database: every week recorded, and what each draft featured. One SQLite file
/// (with its `-wal` and `-shm` beside it while in use), opened through a pool so readers (the
/// preview) go on while a job writes, and two writers take turns.
///
/// A file that is not a history, was written by a newer patent-digest, or is damaged is refused
/// with a `HistoryError`, never replaced or recreated.
public final class HistoryStore: Sendable {
  /// How long a writer waits for another to finish before giving up.
  public static let busyTimeout: TimeInterval = 5
  /// The schema version this build reads and writes.
  public static var schemaVersion: Int { HistorySchema.currentVersion }

  /// The database file as named.
  public let path: String
  let pool: DatabasePool

  /// Whether a missing file may be created.
  public enum Opening: Sendable {
    /// Recording: a missing file becomes a new, empty history.
    case creatingIfMissing
    /// Reading: the file must be there.
    case existingOnly
  }

  /// Opens the history at `path`, bringing an older schema up to date.
  public init(path: String, opening: Opening) throws(HistoryError) {
    self.path = path
    try Self.checkHeader(path: path, opening: opening)
    var configuration = Configuration()
    configuration.busyMode = .timeout(Self.busyTimeout)
    configuration.label = "history"
    do {
      pool = try DatabasePool(path: path, configuration: configuration)
    } catch {
      throw Self.historyError(error, path: path)
    }
    try checkSchema()
  }

  /// Refuses a file that does not start like an SQLite database before SQLite opens it, so a
  /// file named by mistake is never touched.
  private static func checkHeader(path: String, opening: Opening) throws(HistoryError) {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
        throw isFolder.boolValue
          ? .notADatabase(path: path) : .cannotWrite(path: path, detail: "it cannot be read: permission denied")
      }
      if opening == .existingOnly { throw .missing(path: path) }
      return
    }
    defer { try? handle.close() }
    let header = (try? handle.read(upToCount: 100)) ?? Data()
    // An empty file holds nothing to lose: SQLite makes it a database.
    if header.isEmpty { return }
    if header.count < 100 || !header.starts(with: Array("SQLite format 3\0".utf8)) { throw .notADatabase(path: path) }
  }

  /// Refuses a foreign or newer database, then runs the migrations it lacks.
  private func checkSchema() throws(HistoryError) {
    let migrator = HistorySchema.migrator
    do {
      let (applicationID, version, tableCount, superseded) = try pool.read { db in
        (
          try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
          try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0,
          try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0,
          try db.tableExists("grdb_migrations") ? try migrator.hasBeenSuperseded(db) : false
        )
      }
      if applicationID != HistorySchema.applicationID && tableCount > 0 { throw HistoryError.foreignDatabase(path: path) }
      if version > HistorySchema.currentVersion || superseded {
        throw HistoryError.newerSchema(path: path, found: version, known: HistorySchema.currentVersion)
      }
      if version == HistorySchema.currentVersion { return }
      do {
        try migrator.migrate(pool)
      } catch {
        // Two processes that open a new file at once both try to migrate it; the one that comes
        // second finds the tables made.
        guard try pool.read(migrator.hasCompletedMigrations) else { throw error }
      }
    } catch let error as HistoryError {
      throw error
    } catch {
      throw Self.historyError(error, path: path)
    }
  }

  /// Runs `body` in one immediate write transaction (so a second writer waits its turn rather
  /// than failing half way); SQLite's errors become `HistoryError`s.
  func write<Result>(_ body: (Database) throws -> Result) throws(HistoryError) -> Result {
    do {
      return try pool.writeWithoutTransaction { db in
        var result: Result?
        try db.inTransaction(.immediate) {
          result = try body(db)
          return .commit
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
      return try pool.read(body)
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
      return .cannotWrite(path: path, detail: "another job held it for more than \(Int(busyTimeout)) seconds; try again")
    case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_IOERR, .SQLITE_PERM, .SQLITE_AUTH:
      return .cannotWrite(path: path, detail: detail)
    default: return .unusable(path: path, detail: detail)
    }
  }
}
