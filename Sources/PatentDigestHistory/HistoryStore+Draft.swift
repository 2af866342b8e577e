public import PatentDigest

extension FeaturedFiling {
  /// The week a draft is filed under: the Sunday that starts the publishing week of its
  /// `weekOf` (the latest publication date of its feeds), as the history's documents are. Nil
  /// for a draft of feeds with no dated document.
  public static func week(of draft: Draft) -> String? {
    draft.weekOf.flatMap(PublishingWeek.init(containing:))?.sunday
  }

  /// What `draft` features, as the editor left it: the lead and every item of every section,
  /// once each by application number (the lead is also an item of its section). An item whose
  /// feed gives no application number cannot be matched in a later week and is left out.
  public static func filings(in draft: Draft) -> [FeaturedFiling] {
    guard let week = week(of: draft) else { return [] }
    var seen: Set<String> = []
    var filings: [FeaturedFiling] = []
    for item in [draft.lead].compactMap({ $0 }) + draft.sections.flatMap(\.items) {
      guard let number = item.applicationNumber, !number.isEmpty, seen.insert(number).inserted else { continue }
      filings.append(
        FeaturedFiling(applicationNumber: number, week: week, publicationNumber: item.publicationNumber, company: item.company))
    }
    return filings
  }
}

extension HistoryStore {
  /// Records what a published `draft` featured under its week (`FeaturedFiling.week(of:)`);
  /// nothing for a draft with no week. Returns how many filings were recorded.
  @discardableResult
  public func recordFeatured(in draft: Draft) throws(HistoryError) -> Int {
    guard let week = FeaturedFiling.week(of: draft) else { return 0 }
    let filings = FeaturedFiling.filings(in: draft)
    try recordFeatured(filings, week: week)
    return filings.count
  }

  /// For each of `applicationNumbers` that a draft featured in a week before `week` (a Sunday),
  /// the first such feature: what the draft of `week` does not feature again. Only reads.
  public func earlierFeatures(applicationNumbers: [String], before week: String) throws(HistoryError) -> [String:
    EarlierFeature]
  {
    var earlier: [String: EarlierFeature] = [:]
    // Oldest week first: the first feature of an application is the one kept.
    for filing in try featured(applicationNumbers: applicationNumbers)
    where filing.week < week && earlier[filing.applicationNumber] == nil {
      earlier[filing.applicationNumber] = EarlierFeature(week: filing.week, publicationNumber: filing.publicationNumber)
    }
    return earlier
  }
}
