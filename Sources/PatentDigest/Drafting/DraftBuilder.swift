/// Builds the weekly column from classified records: the ranking's picks (`DraftRanking`), the
/// editor's changes to them (`DraftEdits+Applying`), the written words (`ColumnCopy`) and the
/// counts, put together into a `Draft`.
///
/// Records arrive one at a time (`add`); only the watched companies' records are kept, so a week
/// of any size costs little memory. The same records always give the same draft.
public struct DraftBuilder: Sendable {
  /// The watched companies' names, in column order.
  private let watchedCompanies: [String]
  /// What the copy drops and which words it swaps (the preview swaps them when their file changes).
  public var copyRules: CopyRules
  private var watchedRecords: [ClassifiedRecord] = []
  private var applications = 0
  private var grants = 0
  private var topicCounts: [String: Int] = [:]
  private var latestDate: String?
  /// What the history says of the week's watched filings: by application number, the draft of an
  /// earlier week that featured it. Such a filing is not picked again (a grant becomes a follow-up,
  /// anything else stays in the rest of the week, marked); empty without a history.
  public var earlierFeatures: [String: EarlierFeature] = [:]
  /// What the history says of the weeks before this one and of the earlier filings of the
  /// week's companies and topics: the items' context lines (`ContextLines`), the trends and the
  /// charts of By the numbers (`WeekTrends`). Nil without a history: none of them.
  public var background: HistoryBackground?

  /// A builder for a week with a section for each of `watchedCompanies` (the watch list's watched
  /// companies' names).
  public init(watchedCompanies: [String], copyRules: CopyRules = .default) {
    self.watchedCompanies = watchedCompanies.sorted()
    self.copyRules = copyRules
  }

  public mutating func add(_ classified: ClassifiedRecord) {
    let record = classified.record
    if record.type == .application { applications += 1 } else { grants += 1 }
    for topic in classified.topics { topicCounts[topic.name, default: 0] += 1 }
    if let date = record.publicationDate, date > (latestDate ?? "") { latestDate = date }
    if !classified.companies.isEmpty { watchedRecords.append(classified) }
  }

  /// The Sunday that starts the publishing week of the latest publication date so far: the week
  /// a draft of these records is filed under in the history.
  public var week: String? { latestDate.flatMap(PublishingWeek.init(containing:))?.sunday }

  /// The application numbers of the watched companies' filings so far, each once, in order.
  public var watchedApplicationNumbers: [String] {
    Set(watchedRecords.compactMap(\.record.applicationNumber).filter { !$0.isEmpty }).sorted()
  }

  /// The company, topic and type of each of the watched companies' filings so far, each once, in
  /// order: what the history's background is asked about.
  public var backgroundKeys: [CompanyTopicKey] {
    Set(watchedRecords.flatMap(ContextLines.keys(of:))).sorted()
  }

  /// The draft with `edits` applied, and every edit that could not be (it names a filing that
  /// is not a watched company's in this week's feeds).
  public func draft(documents: Int, edits: DraftEdits = DraftEdits()) -> (draft: Draft, editProblems: [String]) {
    let watched = watchedCompanies
    let copy = ColumnCopy(week: watchedRecords, rules: copyRules)
    let bySection = Dictionary(grouping: watchedRecords) { $0.companies[0] }
    var known: [String: ClassifiedRecord] = [:]
    for record in watchedRecords where known[record.record.publicationNumber] == nil {
      known[record.record.publicationNumber] = record
    }
    let problems = edits.problems(known: known)
    let editedLead = edits.lead.flatMap { known[$0] }
    let week = self.week
    let context = background.flatMap { background in
      week.map { ContextLines(background: background, week: $0, watchedRecords: watchedRecords) }
    }
    let trends = background.flatMap { background in
      week.map { WeekTrends(background: background, week: $0, documents: documents) }
    }

    func item(for classified: ClassifiedRecord, company: String) -> DraftItem {
      let record = classified.record
      let edit = edits.items[record.publicationNumber]
      let sentences =
        edit?.blurb.map { [BlurbSentence(text: $0, source: nil)] } ?? copy.blurbSentences(for: classified, company: company)
      return DraftItem(
        subhead: edit?.subhead ?? copy.subhead(for: record),
        blurb: sentences.map(\.text).joined(separator: " "), blurbSentences: sentences,
        publicationNumber: record.publicationNumber, publicationDate: record.publicationDate, type: record.type,
        applicationType: record.applicationType, company: company, assignee: classified.matchedAssignee ?? company,
        topics: classified.topics.map(\.name), link: record.publicPageLink, score: classified.score.value,
        scoreReasons: classified.score.reasons.map { "\($0.points > 0 ? "+" : "")\($0.points) \($0.reason)" },
        title: record.title, applicationNumber: record.applicationNumber, context: context?.lines(for: classified) ?? [])
    }

    var sections: [DraftSection] = []
    var picked: Set<String> = []
    var chosenSections: [(company: String, items: [ClassifiedRecord])] = []
    func earlierFeature(_ classified: ClassifiedRecord) -> EarlierFeature? {
      classified.record.applicationNumber.flatMap { earlierFeatures[$0] }
    }
    for company in watched {
      let ranked = (bySection[company] ?? []).sorted(by: DraftRanking.ranking)
      // The ranking picks only filings not featured before; an editor may still add or lead one.
      let fresh = ranked.filter { earlierFeature($0) == nil }
      let chosen = edits.applied(to: DraftRanking.items(from: fresh), ranked: ranked, editedLead: editedLead)
      guard !chosen.isEmpty else { continue }
      chosenSections.append((company, chosen))
      for item in chosen { picked.insert(item.record.publicationNumber) }
      sections.append(DraftSection(company: company, items: chosen.map { item(for: $0, company: company) }))
    }

    let leadCandidate: (record: ClassifiedRecord, company: String)?
    if let editedLead, let company = editedLead.companies.first {
      leadCandidate = (editedLead, company)
    } else {
      leadCandidate = DraftRanking.lead(among: chosenSections)
    }
    let lead = leadCandidate.map { item(for: $0.record, company: $0.company) }
    var followUps: [FollowUp] = []
    for company in watched {
      for classified in (bySection[company] ?? []).sorted(by: { $0.record.publicationNumber < $1.record.publicationNumber })
      where classified.record.type == .grant && !picked.contains(classified.record.publicationNumber) {
        guard let earlier = earlierFeature(classified), let applicationNumber = classified.record.applicationNumber else {
          continue
        }
        let record = classified.record
        followUps.append(
          FollowUp(
            company: company, applicationNumber: applicationNumber, publicationNumber: record.publicationNumber,
            publicationDate: record.publicationDate,
            subhead: edits.items[record.publicationNumber]?.subhead ?? copy.subhead(for: record),
            link: record.publicPageLink, featuredWeek: earlier.week, featuredPublicationNumber: earlier.publicationNumber,
            featuredLink: PatentRecord.publicPageLink(of: earlier.publicationNumber)))
        picked.insert(record.publicationNumber)
      }
    }
    let restOfWeek = watched.compactMap { company -> RestOfWeekGroup? in
      let others = (bySection[company] ?? []).filter { !picked.contains($0.record.publicationNumber) }
        .sorted(by: DraftRanking.ranking)
      guard !others.isEmpty else { return nil }
      return RestOfWeekGroup(
        company: company,
        entries: others.map {
          .init(
            publicationNumber: $0.record.publicationNumber, title: copy.subhead(for: $0.record), link: $0.record.publicPageLink,
            featuredWeek: earlierFeature($0)?.week)
        })
    }
    let perCompany = watched.map { company in
      let count = bySection[company]?.count ?? 0
      return ByTheNumbers.Count(
        name: company, count: count, trend: trends?.trend(count: count, in: \.perCompany, name: company),
        recentWeeks: trends?.recentWeeks(of: company, count: count))
    }
    let perTopic = topicCounts.map {
      ByTheNumbers.Count(name: $0.key, count: $0.value, trend: trends?.trend(count: $0.value, in: \.perTopic, name: $0.key))
    }
    .sorted { ($0.count, $1.name) > ($1.count, $0.name) }
    let title =
      edits.headline ?? leadCandidate.map { copy.headline(for: $0.record, company: $0.company) }
      ?? "No Big Tech patents this week"
    let draft = Draft(
      weekOf: latestDate, weekOfText: latestDate.map(LongDate.text) ?? "this week", headline: title,
      dek: edits.dek ?? copy.dek(sections: sections, lead: lead), intro: edits.intro ?? copy.intro(sections: sections),
      lead: lead, sections: sections, companiesWithoutItems: watched.filter { bySection[$0] == nil }, followUps: followUps,
      restOfWeek: restOfWeek,
      byTheNumbers: ByTheNumbers(
        documents: documents, applications: applications, grants: grants, perCompany: perCompany, perTopic: perTopic))
    return (draft, problems)
  }
}
