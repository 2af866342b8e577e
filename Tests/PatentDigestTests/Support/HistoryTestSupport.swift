import Foundation
import GRDB
import PatentDigestTestSupport

/// Feeds and databases for the history tests: sample documents put together into feeds of any
/// size and name, and the database's rows read back for comparison.
enum HistoryTestSupport {
  /// The documents of a sample week's XML, each from its `<?xml` declaration.
  static func sampleDocuments(_ name: String) throws -> [String] {
    let text = try String(contentsOfFile: TestPaths.sample(name), encoding: .utf8)
    return text.components(separatedBy: "<?xml").dropFirst().map { "<?xml" + $0 }
  }

  /// Writes `xml` to `folder/name`: a zip with one entry when the name ends in `.zip`, as the
  /// USPTO ships the weekly files.
  @discardableResult
  static func writeFeed(_ xml: String, named name: String, in folder: URL) throws -> String {
    let path = folder.appendingPathComponent(name).path
    if name.hasSuffix(".zip") {
      let entry = ZipWriter.Entry(name: name.replacingOccurrences(of: ".zip", with: ".xml"), data: Array(xml.utf8))
      try Data(ZipWriter.archive([entry])).write(to: URL(fileURLWithPath: path))
    } else {
      try Data(xml.utf8).write(to: URL(fileURLWithPath: path))
    }
    return path
  }

  /// Every row of the history's tables, as text: two states of a database compare equal when
  /// they hold the same.
  static func dump(_ path: String) throws -> String {
    try DatabaseQueue(path: path).read { db in
      var lines: [String] = []
      let orders = [
        "feedFile": "id", "document": "id", "partyName": "id", "documentParty": "documentId, role, position",
        "featured": "applicationNumber, week", "derivation": "id", "weekTally": "week, dimension, name, fileId",
        "watchedFiling": "company, topic, type, publicationDate, publicationNumber, documentId",
      ]
      for (table, order) in orders.sorted(by: { $0.key < $1.key }) where try db.tableExists(table) {
        for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY \(order)") {
          lines.append("\(table): \(row.description)")
        }
      }
      return lines.joined(separator: "\n")
    }
  }

  /// One value of the database (a count, a pragma).
  static func value<Value: DatabaseValueConvertible>(_ sql: String, in path: String) throws -> Value? {
    try DatabaseQueue(path: path).read { db in try Value.fetchOne(db, sql: sql) }
  }

  /// The bytes of a file, or nil when it is not there.
  static func bytes(_ path: String) -> Data? {
    FileManager.default.contents(atPath: path)
  }
}
