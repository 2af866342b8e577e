/// The picks by score alone, before an editor's edits: which filings of a company become items,
/// and which item leads the column.
public enum DraftRanking {
  /// A second item needs at least this score; one item is always taken when there is one.
  public static let secondItemMinimumScore = 3

  /// Higher score first; the publication number breaks ties, so the order never depends on input order.
  static func ranking(_ a: ClassifiedRecord, _ b: ClassifiedRecord) -> Bool {
    if a.score.value != b.score.value { return a.score.value > b.score.value }
    return a.record.publicationNumber < b.record.publicationNumber
  }

  /// Design and plant patents have nothing to write a headline about.
  static func canLead(_ classified: ClassifiedRecord) -> Bool {
    classified.record.applicationType != "design" && classified.record.applicationType != "plant"
      && classified.record.abstract != nil
  }

  /// A company's items from its filings in ranking order: the best, and the next when it scores
  /// enough.
  static func items(from ranked: [ClassifiedRecord]) -> [ClassifiedRecord] {
    guard let top = ranked.first else { return [] }
    var chosen = [top]
    if ranked.count > 1 && ranked[1].score.value >= secondItemMinimumScore { chosen.append(ranked[1]) }
    return chosen
  }

  /// The best item that can lead, over every section; failing that, the first section's first
  /// item. `sections` are in column order.
  static func lead(among sections: [(company: String, items: [ClassifiedRecord])]) -> (
    record: ClassifiedRecord, company: String
  )? {
    var lead: (record: ClassifiedRecord, company: String)?
    for (company, items) in sections.sorted(by: { $0.company < $1.company }) {
      guard let best = items.filter(canLead).sorted(by: ranking).first else { continue }
      if lead == nil || ranking(best, lead!.record) { lead = (best, company) }
    }
    if lead == nil, let first = sections.first, let record = first.items.first { lead = (record, first.company) }
    return lead
  }
}
