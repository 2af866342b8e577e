/// A line of context on an item, computed from the history ("Apple's third application in
/// wearables this year"), with the query that produced it and the figures it rests on, so the
/// newsletter pipeline and an editor can check it. `ContextLines` decides when one is written.
public struct ContextLine: Sendable, Hashable, Codable {
  /// Which question of the history the line answers.
  public enum Query: String, Sendable, Hashable, Codable {
    /// How many filings of the company, topic and type were published earlier in the year
    /// (`HistoryBackground.KeyHistory.earlierThisYear`, plus the week's own before this one).
    case companyTopicYearCount
    /// The latest filing of the company, topic and type before this one
    /// (`HistoryBackground.KeyHistory.latestBefore`), or none since the history begins.
    case companyTopicLatestBefore
  }

  /// The line as readers see it, a sentence without its full stop.
  public var text: String
  public var query: Query
  /// The key the query counted: the item's company, one of its topics (as the watch list names
  /// it) and its type.
  public var company: String
  public var topic: String
  public var type: PatentRecord.DocumentType
  /// Filings of the key this week published before this one (lower publication numbers).
  public var earlierThisWeek: Int
  /// `companyTopicYearCount`: the calendar year counted, the filings of the key the history
  /// holds in it before this week, and this filing's place in the year (from 1).
  public var year: Int?
  public var earlierInHistory: Int?
  public var ordinal: Int?
  /// `companyTopicLatestBefore`: the previous filing of the key (nil: none since the history
  /// begins), and how many days before this one it was published.
  public var latestBefore: HistoryBackground.LatestFiling?
  public var daysSinceLatest: Int?
  /// The first week the history holds: how far back any claim can reach.
  public var firstRecordedWeek: String?

  public init(
    text: String, query: Query, company: String, topic: String, type: PatentRecord.DocumentType, earlierThisWeek: Int,
    year: Int? = nil, earlierInHistory: Int? = nil, ordinal: Int? = nil, latestBefore: HistoryBackground.LatestFiling? = nil,
    daysSinceLatest: Int? = nil, firstRecordedWeek: String?
  ) {
    self.text = text
    self.query = query
    self.company = company
    self.topic = topic
    self.type = type
    self.earlierThisWeek = earlierThisWeek
    self.year = year
    self.earlierInHistory = earlierInHistory
    self.ordinal = ordinal
    self.latestBefore = latestBefore
    self.daysSinceLatest = daysSinceLatest
    self.firstRecordedWeek = firstRecordedWeek
  }
}
