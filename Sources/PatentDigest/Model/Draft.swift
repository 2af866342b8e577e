/// The weekly column draft: the data every output format is made from, and the JSON the
/// newsletter pipeline reads (schema version `Draft.schemaVersion`, documented in the README).
public struct Draft: Sendable, Hashable, Codable {
  /// Bumped when a field changes meaning or goes away, or when fields are added that the
  /// newsletter pipeline must know to read the draft right. 2: items have `context`, counts have
  /// `trend`, and companies' counts `recentWeeks` (see the README).
  public static let schemaVersion = 2

  public var schemaVersion: Int
  /// The latest publication date among the week's documents (ISO 8601), and the same in words.
  public var weekOf: String?
  public var weekOfText: String
  public var headline: String
  public var dek: String
  /// Paragraphs of the intro: the first-person opening with a clause per company, then the reminder.
  public var intro: [String]
  /// The headline's patent; it is also the first item of its company's section.
  public var lead: DraftItem?
  /// One section per watched company with something this week, in alphabetical order.
  public var sections: [DraftSection]
  /// Watched companies with nothing this week (left out of the sections).
  public var companiesWithoutItems: [String]
  /// Grants of the week whose applications the column featured in an earlier week (empty without
  /// a history), by company, then publication number.
  public var followUps: [FollowUp]
  /// Every other watched-company filing, by company.
  public var restOfWeek: [RestOfWeekGroup]
  public var byTheNumbers: ByTheNumbers

  public init(
    weekOf: String?, weekOfText: String, headline: String, dek: String, intro: [String], lead: DraftItem?,
    sections: [DraftSection], companiesWithoutItems: [String], followUps: [FollowUp] = [], restOfWeek: [RestOfWeekGroup],
    byTheNumbers: ByTheNumbers
  ) {
    schemaVersion = Self.schemaVersion
    self.weekOf = weekOf
    self.weekOfText = weekOfText
    self.headline = headline
    self.dek = dek
    self.intro = intro
    self.lead = lead
    self.sections = sections
    self.companiesWithoutItems = companiesWithoutItems
    self.followUps = followUps
    self.restOfWeek = restOfWeek
    self.byTheNumbers = byTheNumbers
  }
}

/// A company's section of the column.
public struct DraftSection: Sendable, Hashable, Codable {
  public var company: String
  public var items: [DraftItem]

  public init(company: String, items: [DraftItem]) {
    self.company = company
    self.items = items
  }
}

/// One sentence of a blurb, and the sentence of the filing it was written from, so an editor can
/// check a claim against the filing at a glance.
public struct BlurbSentence: Sendable, Hashable, Codable {
  public struct Source: Sendable, Hashable, Codable {
    public enum Part: String, Sendable, Hashable, Codable {
      case title, abstract
    }

    public var part: Part
    /// The sentence's number in the abstract, from 1; nil for the title.
    public var sentence: Int?
    /// The filing's own words.
    public var text: String

    public init(part: Part, sentence: Int?, text: String) {
      self.part = part
      self.sentence = sentence
      self.text = text
    }
  }

  public var text: String
  /// Where it came from; nil for words an editor wrote.
  public var source: Source?

  public init(text: String, source: Source?) {
    self.text = text
    self.source = source
  }
}

/// One patent written up for readers.
public struct DraftItem: Sendable, Hashable, Codable {
  /// Sentence-case subhead of at most 8 words (templates can ask for title case).
  public var subhead: String
  /// Plain-English blurb, up to 130 words, no claim language: `blurbSentences` joined.
  public var blurb: String
  /// The blurb sentence by sentence, each with its source in the filing.
  public var blurbSentences: [BlurbSentence]
  public var publicationNumber: String
  public var publicationDate: String?
  public var type: PatentRecord.DocumentType
  public var applicationType: String?
  public var company: String
  /// The assignee name as the document gives it.
  public var assignee: String
  public var topics: [String]
  public var link: String
  public var score: Int
  public var scoreReasons: [String]
  /// The title as filed.
  public var title: String
  /// The application's number (an application and its later grant share it); nil when the
  /// feed gives none.
  public var applicationNumber: String?
  /// What the history says about the filing, when it is true and notable ("Apple's third
  /// application in wearables this year"); empty without a history. See `ContextLine`.
  public var context: [ContextLine]

  public init(
    subhead: String, blurb: String, blurbSentences: [BlurbSentence], publicationNumber: String, publicationDate: String?,
    type: PatentRecord.DocumentType,
    applicationType: String?, company: String, assignee: String, topics: [String], link: String, score: Int,
    scoreReasons: [String], title: String, applicationNumber: String? = nil, context: [ContextLine] = []
  ) {
    self.subhead = subhead
    self.blurb = blurb
    self.blurbSentences = blurbSentences
    self.publicationNumber = publicationNumber
    self.publicationDate = publicationDate
    self.type = type
    self.applicationType = applicationType
    self.company = company
    self.assignee = assignee
    self.topics = topics
    self.link = link
    self.score = score
    self.scoreReasons = scoreReasons
    self.title = title
    self.applicationNumber = applicationNumber
    self.context = context
  }
}

/// A company's other filings of the week, listed.
public struct RestOfWeekGroup: Sendable, Hashable, Codable {
  public struct Entry: Sendable, Hashable, Codable {
    public var publicationNumber: String
    public var title: String
    public var link: String
    /// The Sunday of the week whose draft featured this filing's application (nil: never
    /// featured, or no history): it is listed here rather than featured again.
    public var featuredWeek: String?

    public init(publicationNumber: String, title: String, link: String, featuredWeek: String? = nil) {
      self.publicationNumber = publicationNumber
      self.title = title
      self.link = link
      self.featuredWeek = featuredWeek
    }
  }

  public var company: String
  public var entries: [Entry]

  public init(company: String, entries: [Entry]) {
    self.company = company
    self.entries = entries
  }
}

/// The week in figures.
public struct ByTheNumbers: Sendable, Hashable, Codable {
  public struct Count: Sendable, Hashable, Codable {
    public var name: String
    public var count: Int
    /// This week against the previous four; nil unless the history holds all four weeks.
    public var trend: Trend?
    /// A company's count in each of the last twelve weeks, oldest first, this week last (the
    /// chart); nil without a history that holds any of the eleven weeks before this one, and
    /// for topics.
    public var recentWeeks: [WeekCount]?

    public init(name: String, count: Int, trend: Trend? = nil, recentWeeks: [WeekCount]? = nil) {
      self.name = name
      self.count = count
      self.trend = trend
      self.recentWeeks = recentWeeks
    }
  }

  /// A count against its average over the four weeks before this one, all four held by the
  /// history (a week it does not hold is never taken as zero).
  public struct Trend: Sendable, Hashable, Codable {
    public enum Direction: String, Sendable, Hashable, Codable {
      case up, down, same
    }

    /// The four weeks' Sundays, oldest first, and the count in each.
    public var previousWeeks: [String]
    public var previousCounts: [Int]
    /// Their mean.
    public var average: Double
    /// This week's count against `average`.
    public var direction: Direction

    public init(previousWeeks: [String], previousCounts: [Int], average: Double, direction: Direction) {
      self.previousWeeks = previousWeeks
      self.previousCounts = previousCounts
      self.average = average
      self.direction = direction
    }
  }

  /// One week of a chart.
  public struct WeekCount: Sendable, Hashable, Codable {
    /// The week's Sunday.
    public var week: String
    /// Nil: the history holds no feeds of that week (a gap, not a zero).
    public var count: Int?

    public init(week: String, count: Int?) {
      self.week = week
      self.count = count
    }
  }

  /// Documents in the feeds (records, sequence listings and those that could not be read).
  public var documents: Int
  public var applications: Int
  public var grants: Int
  /// Filings per watched company, in alphabetical order.
  public var perCompany: [Count]
  /// Records per topic across the whole feed, most first.
  public var perTopic: [Count]

  public init(documents: Int, applications: Int, grants: Int, perCompany: [Count], perTopic: [Count]) {
    self.documents = documents
    self.applications = applications
    self.grants = grants
    self.perCompany = perCompany
    self.perTopic = perTopic
  }
}
