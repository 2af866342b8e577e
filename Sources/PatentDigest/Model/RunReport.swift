/// What a run of the weekly job read, what failed and what it picked, with the reasons.
public struct RunReport: Sendable, Hashable, Codable {
  public var inputs: [String]
  public var summary: FeedSummary
  public var failedDocuments: [String]
  public var unusableInputs: [String]
  /// Edits that name a filing not in this week's feeds.
  public var editProblems: [String]
  public var picks: [Pick]
  public var companiesWithoutItems: [String]
  public var watchList: String
  public var templates: String

  /// One pick behind the draft: which filing, in which role, and why.
  public struct Pick: Sendable, Hashable, Codable {
    public var company: String
    public var publicationNumber: String
    public var score: Int
    public var reasons: [String]
    public var role: String
  }

  /// What was picked and why, in the order of the column.
  public static func picks(in draft: Draft) -> [Pick] {
    draft.sections.flatMap { section in
      section.items.enumerated().map { index, item in
        Pick(
          company: section.company, publicationNumber: item.publicationNumber, score: item.score, reasons: item.scoreReasons,
          role: item.publicationNumber == draft.lead?.publicationNumber ? "lead" : (index == 0 ? "first item" : "second item"))
      }
    }
  }
}
