/// Classifies records against a watch list: the watched parent companies, the topics, and the
/// newsworthiness score, each with its reasons.
///
/// Built once per run and shared by the worker threads: everything it holds is immutable.
public struct Classifier: Sendable {
  public let watchList: WatchList
  private let matcher: CompanyMatcher
  private let tagger: TopicTagger
  private let scorer = NewsworthinessScorer()

  public init(watchList: WatchList) {
    self.watchList = watchList
    matcher = CompanyMatcher(companies: watchList.watchedCompanies)
    tagger = TopicTagger(topics: watchList.topics)
  }

  public func classify(_ record: PatentRecord) -> ClassifiedRecord {
    let owners = owners(of: record)
    let titleWords = WordHashes(record.title)
    let abstractWords = WordHashes(record.abstract ?? "")
    let topics = tagger.topics(for: record, titleWords: titleWords, abstractWords: abstractWords)
    return ClassifiedRecord(
      record: record, companies: owners.companies, matchedAssignee: owners.matchedAssignee, matchedBy: owners.matchedBy,
      brand: owners.brand, topics: topics,
      score: scorer.score(record, topics: topics, titleWords: titleWords, abstractWords: abstractWords))
  }

  /// What `classify` makes of `record`'s watched companies (the section's first) and topics,
  /// without the score: for counting by company and topic (the history's tallies).
  public func companiesAndTopics(of record: PatentRecord) -> (companies: [String], topics: [TopicMatch]) {
    let topics = tagger.topics(
      for: record, titleWords: WordHashes(record.title), abstractWords: WordHashes(record.abstract ?? ""))
    return (owners(of: record).companies, topics)
  }

  /// The watched parents of `record`'s owners, in order, and how the first was matched.
  private func owners(of record: PatentRecord) -> (
    companies: [String], matchedAssignee: String?, matchedBy: String?, brand: String?
  ) {
    var companies: [String] = []
    var matchedAssignee: String?
    var matchedBy: String?
    var brand: String?
    // Assignees first; a document with none names its owner only as an applicant.
    let owners = record.assignees.isEmpty ? record.applicants.filter { $0.kind == .organization } : record.assignees
    for party in owners {
      guard let match = matcher.match(party.name, publishedOn: record.publicationDate) else { continue }
      let parent = matcher.companies[match.company].name
      if matchedAssignee == nil {
        matchedAssignee = party.name
        matchedBy = match.kind.rawValue
        brand = self.brand(of: match)
      }
      if !companies.contains(parent) { companies.append(parent) }
    }
    return (companies, matchedAssignee, matchedBy, brand)
  }

  /// The name readers know for a filing under `name` ("Waymo", "Google"), if it is watched.
  public func brand(of name: String, publishedOn date: String?) -> String? {
    matcher.match(name, publishedOn: date).map(brand(of:))
  }

  private func brand(of match: CompanyMatcher.Match) -> String {
    let company = matcher.companies[match.company]
    return company.names.first { $0.name == match.listedName }?.brand ?? company.brand
  }

  /// The watched parent of one name on a document published on `date` (ISO 8601), if any.
  public func parentCompany(of name: String, publishedOn date: String?) -> String? {
    matcher.match(name, publishedOn: date).map { matcher.companies[$0.company].name }
  }
}
