/// The companies the column follows and the topics it sorts stories into, as read from a watch
/// list file (YAML). The default one is built in (`WatchList.default`).
public struct WatchList: Sendable, Hashable {
  /// A parent company: the name a section of the column carries, and every name it files under.
  public struct Company: Sendable, Hashable {
    public var name: String
    /// The name readers know, for headlines ("Google" for Alphabet); a filed name may have its own.
    public var brand: String
    /// Watched companies get a section; the others are listed but off.
    public var watched: Bool
    public var why: String
    public var names: [CompanyName]
    /// Misspellings seen in filings that the one-slip rule does not catch.
    public var misspellings: [String]

    public init(name: String, brand: String? = nil, watched: Bool, why: String, names: [CompanyName], misspellings: [String] = [])
    {
      self.name = name
      self.brand = brand ?? name
      self.watched = watched
      self.why = why
      self.names = names
      self.misspellings = misspellings
    }
  }

  /// One name a company files under, and when it belonged to the company.
  public struct CompanyName: Sendable, Hashable {
    public var name: String
    /// First and last publication dates (ISO 8601, inclusive) at which the name means the parent.
    public var from: String?
    public var until: String?
    public var why: String
    /// The name readers know for filings under this name ("Waymo"), when not the company's brand.
    public var brand: String?

    public init(name: String, from: String? = nil, until: String? = nil, why: String, brand: String? = nil) {
      self.name = name
      self.from = from
      self.until = until
      self.why = why
      self.brand = brand
    }

    /// True when a document published on `date` (ISO 8601) falls within the name's period.
    /// A document without a date is given the benefit of the doubt.
    public func covers(_ date: String?) -> Bool {
      guard let date else { return true }
      if let from, date < from { return false }
      if let until, date > until { return false }
      return true
    }
  }

  /// An editorial topic, defined by CPC groups and by keywords.
  public struct Topic: Sendable, Hashable {
    public struct CPCGroup: Sendable, Hashable {
      /// A CPC subclass (`G06V`), main group (`G06N 3`) or group (`G02B 27/01`).
      public var group: String
      /// The official CPC title, for people reading the reasons.
      public var title: String

      public init(group: String, title: String) {
        self.group = group
        self.title = title
      }
    }

    public var name: String
    /// How the dek says it ("smarter wearables"); the name when not given.
    public var phrase: String
    /// Topics readers come for; they count up in the ranking.
    public var consumer: Bool
    /// Why readers skip the topic ("data-centre internals readers never see"), for the plumbing
    /// topics that count down in the ranking when they outweigh every consumer topic of a record.
    public var plumbing: String?
    public var cpc: [CPCGroup]
    public var keywords: [String]

    public init(
      name: String, phrase: String? = nil, consumer: Bool, plumbing: String? = nil, cpc: [CPCGroup], keywords: [String]
    ) {
      self.name = name
      self.phrase = phrase ?? name
      self.consumer = consumer
      self.plumbing = plumbing
      self.cpc = cpc
      self.keywords = keywords
    }
  }

  public var companies: [Company]
  public var topics: [Topic]

  public init(companies: [Company], topics: [Topic]) {
    self.companies = companies
    self.topics = topics
  }

  /// The companies with a section in the column, in the order the file lists them.
  public var watchedCompanies: [Company] { companies.filter(\.watched) }
}

/// A watch list file that cannot be used: which file, which line, what is wrong.
public struct WatchListError: LocatedFileProblem {
  public var file: String
  public var line: Int?
  public var column: Int?
  public var message: String

  /// `message` is kept on one line: its control characters are shown escaped.
  public init(file: String, line: Int?, column: Int? = nil, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message.withVisibleControlCharacters
  }
}
