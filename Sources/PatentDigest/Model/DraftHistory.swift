/// What the history knows that a week's draft uses, as plain values: the core never reads the
/// history itself. `PatentDigestHistory` provides it from its database; tests may provide it
/// from memory. Everything a draft says about earlier weeks comes from here, never guessed.
public protocol DraftHistory: Sendable {
  /// For each of `applicationNumbers` that a draft of a week before `week` (a Sunday) featured,
  /// the first such feature.
  func earlierFeatures(applicationNumbers: [String], before week: String) throws -> [String: EarlierFeature]

  /// The background of the week `request.week`: counts of the weeks before it, and the earlier
  /// filings of each company and topic the week's watched filings have.
  func background(for request: HistoryBackgroundRequest) throws -> HistoryBackground
}

/// One company, one topic and one document type: what a context line counts ("Apple's third
/// smart-ring application this year").
public struct CompanyTopicKey: Sendable, Hashable, Codable, Comparable {
  /// A watched parent company, as the watch list names it.
  public var company: String
  /// A topic, as the watch list names it.
  public var topic: String
  public var type: PatentRecord.DocumentType

  public init(company: String, topic: String, type: PatentRecord.DocumentType) {
    self.company = company
    self.topic = topic
    self.type = type
  }

  public static func < (lhs: Self, rhs: Self) -> Bool {
    (lhs.company, lhs.topic, lhs.type.rawValue) < (rhs.company, rhs.topic, rhs.type.rawValue)
  }
}

/// What the weekly job asks the history, once per run, after reading the feeds.
public struct HistoryBackgroundRequest: Sendable, Hashable {
  /// The Sunday that starts the week being drafted (YYYY-MM-DD).
  public var week: String
  /// How many weeks before `week` to count (the trends and the chart).
  public var weeksBefore: Int
  /// The company, topic and type of each of the week's watched filings, each once.
  public var keys: [CompanyTopicKey]

  public init(week: String, weeksBefore: Int, keys: [CompanyTopicKey]) {
    self.week = week
    self.weeksBefore = weeksBefore
    self.keys = keys
  }
}

/// The history's answer to a `HistoryBackgroundRequest`.
public struct HistoryBackground: Sendable, Hashable, Codable {
  /// One earlier week the history holds feeds of.
  public struct Week: Sendable, Hashable, Codable {
    /// The Sunday that starts it.
    public var week: String
    /// Documents recorded for it (applications and grants).
    public var documents: Int
    /// Documents per watched company (a company with none is absent).
    public var perCompany: [String: Int]
    /// Documents per topic (a topic with none is absent).
    public var perTopic: [String: Int]

    public init(week: String, documents: Int, perCompany: [String: Int], perTopic: [String: Int]) {
      self.week = week
      self.documents = documents
      self.perCompany = perCompany
      self.perTopic = perTopic
    }
  }

  /// The earlier filings of one `CompanyTopicKey`.
  public struct KeyHistory: Sendable, Hashable, Codable {
    /// Filings of the key published in the calendar year of the week's Sunday, before that
    /// Sunday.
    public var earlierThisYear: Int
    /// The latest filing of the key published before the week's Sunday, if the history holds one.
    public var latestBefore: LatestFiling?

    public init(earlierThisYear: Int, latestBefore: LatestFiling?) {
      self.earlierThisYear = earlierThisYear
      self.latestBefore = latestBefore
    }
  }

  /// A filing the history holds.
  public struct LatestFiling: Sendable, Hashable, Codable {
    public var publicationNumber: String
    public var publicationDate: String

    public init(publicationNumber: String, publicationDate: String) {
      self.publicationNumber = publicationNumber
      self.publicationDate = publicationDate
    }
  }

  /// The first week the history holds feeds of (nil: none): a claim such as "the first since"
  /// can only reach back this far.
  public var firstRecordedWeek: String?
  /// The `weeksBefore` weeks before the request's week that the history holds feeds of, oldest
  /// first. A week it holds no feeds of is absent, not zero.
  public var weeks: [Week]
  /// For each key asked for.
  public var keys: [CompanyTopicKey: KeyHistory]

  public init(firstRecordedWeek: String?, weeks: [Week], keys: [CompanyTopicKey: KeyHistory]) {
    self.firstRecordedWeek = firstRecordedWeek
    self.weeks = weeks
    self.keys = keys
  }
}
