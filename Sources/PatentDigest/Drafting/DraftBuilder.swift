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
        title: record.title)
    }

    var sections: [DraftSection] = []
    var picked: Set<String> = []
    var chosenSections: [(company: String, items: [ClassifiedRecord])] = []
    for company in watched {
      let ranked = (bySection[company] ?? []).sorted(by: DraftRanking.ranking)
      let chosen = edits.applied(to: DraftRanking.items(from: ranked), ranked: ranked, editedLead: editedLead)
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
    let restOfWeek = watched.compactMap { company -> RestOfWeekGroup? in
      let others = (bySection[company] ?? []).filter { !picked.contains($0.record.publicationNumber) }
        .sorted(by: DraftRanking.ranking)
      guard !others.isEmpty else { return nil }
      return RestOfWeekGroup(
        company: company,
        entries: others.map {
          .init(
            publicationNumber: $0.record.publicationNumber, title: copy.subhead(for: $0.record), link: $0.record.publicPageLink)
        })
    }
    let perCompany = watched.map { company in ByTheNumbers.Count(name: company, count: bySection[company]?.count ?? 0) }
    let perTopic = topicCounts.map { ByTheNumbers.Count(name: $0.key, count: $0.value) }
      .sorted { ($0.count, $1.name) > ($1.count, $0.name) }
    let title =
      edits.headline ?? leadCandidate.map { copy.headline(for: $0.record, company: $0.company) }
      ?? "No Big Tech patents this week"
    let draft = Draft(
      weekOf: latestDate, weekOfText: latestDate.map(LongDate.text) ?? "this week", headline: title,
      dek: edits.dek ?? copy.dek(sections: sections, lead: lead), intro: edits.intro ?? copy.intro(sections: sections),
      lead: lead, sections: sections, companiesWithoutItems: watched.filter { bySection[$0] == nil },
      restOfWeek: restOfWeek,
      byTheNumbers: ByTheNumbers(
        documents: documents, applications: applications, grants: grants, perCompany: perCompany, perTopic: perTopic))
    return (draft, problems)
  }
}
