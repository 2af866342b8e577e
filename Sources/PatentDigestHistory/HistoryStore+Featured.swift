public import Foundation
import GRDB

/// A filing a published draft featured: keyed by its application number, so the application
/// and its later grant are the same story.
public struct FeaturedFiling: Sendable, Hashable {
  public var applicationNumber: String
  /// The draft's week: the Sunday that starts its publishing week (YYYY-MM-DD).
  public var week: String
  /// The publication the draft featured (the application's or the grant's).
  public var publicationNumber: String
  /// The watched company whose section it ran in.
  public var company: String?

  public init(applicationNumber: String, week: String, publicationNumber: String, company: String?) {
    self.applicationNumber = applicationNumber
    self.week = week
    self.publicationNumber = publicationNumber
    self.company = company
  }
}

extension HistoryStore {
  /// Records what the draft of `week` featured, replacing what an earlier run for the same week
  /// recorded (the editor's edits may have changed the picks), in one transaction. The same
  /// filings again change nothing, not even the time they were recorded.
  public func recordFeatured(_ filings: [FeaturedFiling], week: String, at date: Date = Date()) throws(HistoryError) {
    let recordedAt = Self.timestamp(date)
    try write { db in
      let recorded = try Row.fetchAll(db, sql: "SELECT * FROM featured WHERE week = ?", arguments: [week])
        .map(Self.featuredFiling(from:))
      if Set(recorded)
        == Set(
          filings.map {
            FeaturedFiling(
              applicationNumber: $0.applicationNumber, week: week, publicationNumber: $0.publicationNumber, company: $0.company)
          })
      {
        return
      }
      try db.execute(sql: "DELETE FROM featured WHERE week = ?", arguments: [week])
      let insert = try db.cachedStatement(
        sql:
          "INSERT OR REPLACE INTO featured (applicationNumber, week, publicationNumber, company, recordedAt) VALUES (?, ?, ?, ?, ?)"
      )
      for filing in filings {
        try insert.execute(arguments: [filing.applicationNumber, week, filing.publicationNumber, filing.company, recordedAt])
      }
    }
  }

  /// Every time a draft featured one of `applicationNumbers`, oldest week first.
  public func featured(applicationNumbers: [String]) throws(HistoryError) -> [FeaturedFiling] {
    guard !applicationNumbers.isEmpty else { return [] }
    return try read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT * FROM featured WHERE applicationNumber IN (SELECT value FROM json_each(?))
          ORDER BY week, applicationNumber
          """,
        arguments: [String(decoding: try JSONEncoder().encode(applicationNumbers), as: UTF8.self)]
      ).map(Self.featuredFiling(from:))
    }
  }

  /// What the draft of `week` featured.
  public func featured(week: String) throws(HistoryError) -> [FeaturedFiling] {
    try read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM featured WHERE week = ? ORDER BY applicationNumber", arguments: [week])
        .map(Self.featuredFiling(from:))
    }
  }

  private static func featuredFiling(from row: Row) -> FeaturedFiling {
    FeaturedFiling(
      applicationNumber: row["applicationNumber"], week: row["week"], publicationNumber: row["publicationNumber"],
      company: row["company"])
  }
}
