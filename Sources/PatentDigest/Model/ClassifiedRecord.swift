/// A record with what the classify step found: its watched parent companies, its topics and how
/// good a story it is, each with the reasons an editor can check.
public struct ClassifiedRecord: Sendable, Hashable, Codable {
  public var record: PatentRecord
  /// Watched parent companies, in the order of the assignees that matched; the first is the
  /// section the record belongs to.
  public var companies: [String]
  /// The raw assignee (or applicant) name that matched first.
  public var matchedAssignee: String?
  /// How the matched name was recognised: `exact`, `listed misspelling` or `one typing slip`.
  public var matchedBy: String?
  /// The name readers know for the matched filer ("Waymo", "Google"), from the watch list; nil
  /// when no watched company filed it. Drafting writes it, so it never matches names again.
  public var brand: String?
  /// Topics, strongest first.
  public var topics: [TopicMatch]
  public var score: Newsworthiness

  public init(
    record: PatentRecord, companies: [String], matchedAssignee: String?, matchedBy: String?, brand: String? = nil,
    topics: [TopicMatch], score: Newsworthiness
  ) {
    self.record = record
    self.companies = companies
    self.matchedAssignee = matchedAssignee
    self.matchedBy = matchedBy
    self.brand = brand
    self.topics = topics
    self.score = score
  }

  /// The section the record belongs to, if a watched company filed it.
  public var company: String? { companies.first }

  // The JSON is flat: the parse record's keys, then the classification's. `brand` is for
  // drafting: `classify` does not print it, so it is optional here.
  private enum CodingKeys: String, CodingKey {
    case companies, matchedAssignee, matchedBy, brand, topics, score
  }

  public init(from decoder: any Decoder) throws {
    record = try PatentRecord(from: decoder)
    let container = try decoder.container(keyedBy: CodingKeys.self)
    companies = try container.decode([String].self, forKey: .companies)
    matchedAssignee = try container.decodeIfPresent(String.self, forKey: .matchedAssignee)
    matchedBy = try container.decodeIfPresent(String.self, forKey: .matchedBy)
    brand = try container.decodeIfPresent(String.self, forKey: .brand)
    topics = try container.decode([TopicMatch].self, forKey: .topics)
    score = try container.decode(Newsworthiness.self, forKey: .score)
  }

  public func encode(to encoder: any Encoder) throws {
    try record.encode(to: encoder)
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(companies, forKey: .companies)
    try container.encode(matchedAssignee, forKey: .matchedAssignee)
    try container.encode(matchedBy, forKey: .matchedBy)
    try container.encodeIfPresent(brand, forKey: .brand)
    try container.encode(topics, forKey: .topics)
    try container.encode(score, forKey: .score)
  }
}

/// One editorial topic of a record, and the evidence for it.
public struct TopicMatch: Sendable, Hashable, Codable {
  public var name: String
  /// The words the column uses for the topic ("self-driving cars"), from the watch list; nil
  /// only in records read back from `classify`'s JSON, which does not print it.
  public var phrase: String?
  public var consumer: Bool
  /// Why readers skip the topic, for topics that count down ("data-centre internals readers never
  /// see"), from the watch list; nil for the others, and in records read back from `classify`'s
  /// JSON, which says it in the score's reasons instead.
  public var plumbing: String?
  /// Main CPC 3, further CPC 1, title keyword 2, a keyword in the first sentence of an abstract
  /// without a title 2, each further mention in the abstract 1 (two at most); a topic needs 2.
  public var weight: Int
  public var reasons: [String]

  public init(name: String, phrase: String? = nil, consumer: Bool, plumbing: String? = nil, weight: Int, reasons: [String]) {
    self.name = name
    self.phrase = phrase
    self.consumer = consumer
    self.plumbing = plumbing
    self.weight = weight
    self.reasons = reasons
  }
}

/// How good a story a record is for the column: a sum of points, each with its reason.
public struct Newsworthiness: Sendable, Hashable, Codable {
  public struct Reason: Sendable, Hashable, Codable {
    public var points: Int
    public var reason: String

    public init(points: Int, reason: String) {
      self.points = points
      self.reason = reason
    }
  }

  public var value: Int
  public var reasons: [Reason]

  public init(reasons: [Reason]) {
    self.reasons = reasons
    value = reasons.reduce(0) { $0 + $1.points }
  }
}
