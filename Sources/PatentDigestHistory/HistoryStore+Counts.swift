import Foundation
import GRDB
public import PatentDigest

extension HistoryStore {
  /// The counts of the latest `weekCount` publishing weeks (counted back from the latest week
  /// recorded), split by `dimension` as `classifier`'s watch list sees the stored documents now:
  /// from the derived tallies when they were made with that watch list, else worked out from the
  /// stored documents.
  public func weeklyCounts(
    weeks weekCount: Int, by dimension: WeeklyCounts.Dimension?, classifier: Classifier
  ) throws(HistoryError) -> WeeklyCounts {
    try read { db in
      let names: [String] =
        switch dimension {
        case .company: classifier.watchList.watchedCompanies.map(\.name)
        case .topic: classifier.watchList.topics.map(\.name)
        case nil: []
        }
      guard let latest = try String.fetchOne(db, sql: "SELECT max(week) FROM document"), weekCount > 0 else {
        return WeeklyCounts(dimension: dimension, names: names, weeks: [])
      }
      let weeks = Self.weeks(endingWith: latest, count: weekCount)
      let first = weeks[0]
      var totals: [String: (documents: Int, applications: Int, grants: Int)] = [:]
      let split: [String: [String: Int]]
      if try Self.derivedFingerprint(db) == ClassifierFingerprint(classifier).text {
        // The derived tallies: a few rows a week, however many documents.
        let tallies = try Self.weekTallies(db, from: first, through: latest)
        for (week, tally) in tallies {
          totals[week] = (
            tally.documents, tally.types[PatentRecord.DocumentType.application.rawValue] ?? 0,
            tally.types[PatentRecord.DocumentType.grant.rawValue] ?? 0
          )
        }
        split =
          switch dimension {
          case .company: tallies.mapValues(\.companies)
          case .topic: tallies.mapValues(\.topics)
          case nil: [:]
          }
      } else {
        let rows = try Row.fetchCursor(
          db,
          sql: """
            SELECT week, count(*) AS documents, sum(type = 'application') AS applications, sum(type = 'grant') AS grants
            FROM document WHERE week >= ? AND week <= ? GROUP BY week
            """, arguments: [first, latest])
        while let row = try rows.next() { totals[row["week"]] = (row["documents"], row["applications"], row["grants"]) }
        split =
          switch dimension {
          case .company: try Self.companyCounts(db, from: first, to: latest, classifier: classifier)
          case .topic: try Self.topicCounts(db, from: first, to: latest, classifier: classifier)
          case nil: [:]
          }
      }
      return WeeklyCounts(
        dimension: dimension, names: names,
        weeks: weeks.map { week in
          let total = totals[week] ?? (0, 0, 0)
          return WeeklyCounts.Week(
            week: week, documents: total.documents, applications: total.applications, grants: total.grants,
            counts: dimension == nil ? [] : names.map { .init(name: $0, count: split[week]?[$0] ?? 0) })
        })
    }
  }

  /// The `count` Sundays up to `latest` (a Sunday), oldest first.
  static func weeks(endingWith latest: String, count: Int) -> [String] {
    guard let end = PublishingWeek(containing: latest) else { return [latest] }
    return (0..<count).reversed().map { end.adding(weeks: -$0).sunday }
  }

  /// Per week, documents per watched company: each distinct owner name is matched once per
  /// publication date, from the stored parties alone (the feeds are not needed).
  private static func companyCounts(
    _ db: Database, from first: String, to last: String, classifier: Classifier
  ) throws -> [String: [String: Int]] {
    let rows = try Row.fetchCursor(
      db,
      sql: """
        SELECT d.id, d.week, d.publicationDate, p.role, n.name
        FROM document d JOIN documentParty p ON p.documentId = d.id JOIN partyName n ON n.id = p.nameId
        WHERE d.week >= ? AND d.week <= ?
        ORDER BY d.id, p.role DESC, p.position
        """, arguments: [first, last])
    var counts: [String: [String: Int]] = [:]
    var matches: [String: String?] = [:]
    var current: (id: Int64, week: String, date: String?, owners: [String], hasAssignee: Bool)?
    func finish() {
      guard let document = current else { return }
      // As the classifier reads owners: the assignees, or the applicants when there is none.
      for name in document.owners {
        let key = (document.date ?? "") + "\u{0}" + name
        let company: String?
        if let known = matches[key] {
          company = known
        } else {
          company = classifier.parentCompany(of: name, publishedOn: document.date)
          matches[key] = company
        }
        if let company {
          counts[document.week, default: [:]][company, default: 0] += 1
          return
        }
      }
    }
    while let row = try rows.next() {
      let id: Int64 = row["id"]
      if current?.id != id {
        finish()
        current = (id, row["week"], row["publicationDate"], [], false)
      }
      let role: String = row["role"]
      if role == StoredDocument.StoredParty.Role.assignee.rawValue {
        current?.owners.append(row["name"])
        current?.hasAssignee = true
      } else if current?.hasAssignee == false {
        current?.owners.append(row["name"])
      }
    }
    finish()
    return counts
  }

  /// Per week, documents per topic, from the stored title, abstract and CPC.
  private static func topicCounts(
    _ db: Database, from first: String, to last: String, classifier: Classifier
  ) throws -> [String: [String: Int]] {
    var counts: [String: [String: Int]] = [:]
    try forEachDocument(db, sql: "d.week >= ? AND d.week <= ?", arguments: [first, last]) { stored in
      guard let week = stored.week else { return }
      for topic in DerivedFacts(stored.document, classifier: classifier).topics {
        counts[week, default: [:]][topic, default: 0] += 1
      }
    }
    return counts
  }

  /// A stored document with its row's id and week.
  struct StoredRow {
    var id: Int64
    /// The Sunday that starts its publishing week; nil for a document with no date.
    var week: String?
    var document: StoredDocument
  }

  /// Calls `body` with every document that `condition` (on `document d`) selects, parties
  /// included, in the order they were recorded.
  static func forEachDocument(
    _ db: Database, sql condition: String, arguments: StatementArguments, _ body: (StoredRow) throws -> Void
  ) throws {
    var parties: [Int64: [StoredDocument.StoredParty]] = [:]
    let partyRows = try Row.fetchCursor(
      db,
      sql: """
        SELECT p.documentId, p.role, p.kind, n.name
        FROM document d JOIN documentParty p ON p.documentId = d.id JOIN partyName n ON n.id = p.nameId
        WHERE \(condition) ORDER BY p.documentId, p.role DESC, p.position
        """, arguments: arguments)
    while let row = try partyRows.next() {
      guard let role = StoredDocument.StoredParty.Role(rawValue: row["role"]),
        let kind = Party.Kind(rawValue: row["kind"])
      else { continue }
      parties[row["documentId"], default: []].append(.init(role: role, name: row["name"], kind: kind))
    }
    let rows = try Row.fetchCursor(db, sql: "SELECT d.* FROM document d WHERE \(condition) ORDER BY d.id", arguments: arguments)
    while let row = try rows.next() {
      func list(_ column: String) -> [String] {
        let text: String = row[column] ?? ""
        return text.isEmpty ? [] : text.components(separatedBy: StoredDocument.listSeparator)
      }
      let document = StoredDocument(
        type: PatentRecord.DocumentType(rawValue: row["type"]) ?? .application, publicationNumber: row["publicationNumber"],
        kind: row["kind"], publicationDate: row["publicationDate"], filingDate: row["filingDate"],
        applicationNumber: row["applicationNumber"], applicationType: row["applicationType"], title: row["title"],
        abstract: (row["abstractDeflated"] as Data?).flatMap { DeflatedText.inflate(Array($0)) },
        parties: parties[row["id"]] ?? [], cpcMain: row["cpcMain"], cpcFurther: list("cpcFurther"),
        relatedDocuments: list("relatedDocuments"))
      try body(StoredRow(id: row["id"], week: row["week"], document: document))
    }
  }
}
