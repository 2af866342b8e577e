/// Builds the weekly column from classified records: picks the lead and one or two items per
/// watched company by score, writes headline, dek, intro and blurbs, and lists the rest.
///
/// Records arrive one at a time (`add`); only the watched companies' records are kept, so a week
/// of any size costs little memory. The same records always give the same draft.
public struct DraftBuilder: Sendable {
  private let classifier: Classifier
  private var watchedRecords: [ClassifiedRecord] = []
  private var applications = 0
  private var grants = 0
  private var topicCounts: [String: Int] = [:]
  private var latestDate: String?

  /// A second item needs at least this score; one item is always taken when there is one.
  public static let secondItemMinimumScore = 3

  public init(classifier: Classifier) {
    self.classifier = classifier
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
    let watched = classifier.watchList.watchedCompanies.map(\.name).sorted()
    let bySection = Dictionary(grouping: watchedRecords) { $0.companies[0] }
    var known: [String: ClassifiedRecord] = [:]
    for record in watchedRecords where known[record.record.publicationNumber] == nil {
      known[record.record.publicationNumber] = record
    }
    var problems: [String] = []
    for number in edits.items.filter({ !$0.value.isEmpty }).keys.sorted() where known[number] == nil {
      problems.append(
        "the edits name \(number), which is not a watched company's filing in this week's feeds; its changes are not applied")
    }
    if let lead = edits.lead, known[lead] == nil {
      problems.append(
        "the edits make \(lead) the lead, but it is not a watched company's filing in this week's feeds; the ranking's lead stays"
      )
    }
    let editedLead = edits.lead.flatMap { known[$0] }

    var sections: [DraftSection] = []
    var picked: Set<String> = []
    var chosenBySection: [String: [ClassifiedRecord]] = [:]
    for company in watched {
      let candidates = (bySection[company] ?? []).sorted(by: Self.ranking)
      guard let top = candidates.first else { continue }
      var chosen = [top]
      if candidates.count > 1 && candidates[1].score.value >= Self.secondItemMinimumScore { chosen.append(candidates[1]) }
      chosen.removeAll { edits.items[$0.record.publicationNumber]?.dropped == true }
      for candidate in candidates where edits.items[candidate.record.publicationNumber]?.added == true || candidate == editedLead
      {
        if !chosen.contains(candidate) { chosen.append(candidate) }
      }
      // Positions the editor set come first, in their order; the rest keep the ranking's.
      chosen = chosen.enumerated().sorted {
        (edits.items[$0.element.record.publicationNumber]?.position ?? Int.max, $0.offset)
          < (edits.items[$1.element.record.publicationNumber]?.position ?? Int.max, $1.offset)
      }.map(\.element)
      guard !chosen.isEmpty else { continue }
      chosenBySection[company] = chosen
      for item in chosen { picked.insert(item.record.publicationNumber) }
      sections.append(DraftSection(company: company, items: chosen.map { item(for: $0, company: company, edits: edits) }))
    }

    var leadCandidate: (record: ClassifiedRecord, company: String)?
    if let editedLead, let company = editedLead.companies.first {
      leadCandidate = (editedLead, company)
    } else {
      for (company, chosen) in chosenBySection.sorted(by: { $0.key < $1.key }) {
        guard let best = chosen.filter(Self.canLead).sorted(by: Self.ranking).first else { continue }
        if leadCandidate == nil || Self.ranking(best, leadCandidate!.record) { leadCandidate = (best, company) }
      }
      if leadCandidate == nil, let first = sections.first, let record = chosenBySection[first.company]?.first {
        leadCandidate = (record, first.company)
      }
    }
    let lead = leadCandidate.map { item(for: $0.record, company: $0.company, edits: edits) }
    let restOfWeek = watched.compactMap { company -> RestOfWeekGroup? in
      let others = (bySection[company] ?? []).filter { !picked.contains($0.record.publicationNumber) }.sorted(by: Self.ranking)
      guard !others.isEmpty else { return nil }
      return RestOfWeekGroup(
        company: company,
        entries: others.map {
          .init(
            publicationNumber: $0.record.publicationNumber, title: PlainEnglish.subhead(fromTitle: $0.record.title),
            link: $0.record.publicPageLink)
        })
    }
    let perCompany = watched.map { company in ByTheNumbers.Count(name: company, count: bySection[company]?.count ?? 0) }
    let perTopic = topicCounts.map { ByTheNumbers.Count(name: $0.key, count: $0.value) }
      .sorted { ($0.count, $1.name) > ($1.count, $0.name) }
    let title =
      edits.headline ?? leadCandidate.map { headline(for: $0.record, company: $0.company) } ?? "No Big Tech patents this week"
    let draft = Draft(
      weekOf: latestDate, weekOfText: latestDate.map(LongDate.text) ?? "this week", headline: title,
      dek: edits.dek ?? dek(sections: sections, lead: lead), intro: edits.intro ?? intro(sections: sections), lead: lead,
      sections: sections, companiesWithoutItems: watched.filter { bySection[$0] == nil },
      restOfWeek: restOfWeek,
      byTheNumbers: ByTheNumbers(
        documents: documents, applications: applications, grants: grants, perCompany: perCompany, perTopic: perTopic))
    return (draft, problems)
  }

  // MARK: Ranking

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

  // MARK: Writing

  private func brand(_ classified: ClassifiedRecord, company: String) -> String {
    classified.matchedAssignee.flatMap { classifier.brand(of: $0, publishedOn: classified.record.publicationDate) } ?? company
  }

  private func headline(for classified: ClassifiedRecord, company: String) -> String {
    "\(brand(classified, company: company)) wants to \(PlainEnglish.verbPhrase(fromTitle: classified.record.title))"
  }

  private func dek(sections: [DraftSection], lead: DraftItem?) -> String {
    let leadTopic = lead?.topics.first
    let items = sections.flatMap(\.items).filter { $0.publicationNumber != lead?.publicationNumber }
      .sorted { ($0.score, $1.publicationNumber) > ($1.score, $0.publicationNumber) }
    var phrases: [String] = []
    for item in items {
      guard let topic = item.topics.first(where: { $0 != leadTopic }),
        let phrase = classifier.watchList.topics.first(where: { $0.name == topic })?.phrase, !phrases.contains(phrase)
      else { continue }
      phrases.append(phrase)
      if phrases.count == 3 { break }
    }
    switch phrases.count {
    case 0: return "Also this week: more patents from Big Tech."
    case 1: return "Also this week: \(phrases[0]) and more patents from Big Tech."
    default: return "Also this week: \(phrases.joined(separator: ", ")), and more patents from Big Tech."
    }
  }

  private func intro(sections: [DraftSection]) -> [String] {
    let clauses = sections.compactMap { section -> String? in
      guard let item = section.items.first,
        let classified = watchedRecords.first(where: { $0.record.publicationNumber == item.publicationNumber })
      else { return nil }
      let words = PlainEnglish.phrase(fromTitle: classified.record.title).split(separator: " ").map(String.init)
      let short = PlainEnglish.shortened(words, limit: 8).joined(separator: " ")
      let name = brand(classified, company: section.company)
      if let first = words.first, PlainEnglish.isGerund(first) {
        return "\(name) is looking at \(short)"
      }
      return "\(name) is working on \(PlainEnglish.withArticle(short))"
    }
    var opening = "Every week I go through the patents Big Tech publishes, so you don't have to."
    if !clauses.isEmpty {
      let list = clauses.count == 1 ? clauses[0] : clauses.dropLast().joined(separator: ", ") + ", and " + clauses.last!
      opening += " This week, \(list)."
    }
    let reminder =
      "As always, remember that the big tech companies file patents for all kinds of things, and most of them never amount to anything. "
      + "But some end up defining the future of the products we use, and all of them offer a glimpse of what these companies are working on."
    return [opening, reminder]
  }

  private func item(for classified: ClassifiedRecord, company: String, edits: DraftEdits) -> DraftItem {
    let record = classified.record
    let edit = edits.items[record.publicationNumber]
    return DraftItem(
      subhead: edit?.subhead ?? PlainEnglish.subhead(fromTitle: record.title),
      blurb: edit?.blurb ?? blurb(for: classified, company: company),
      publicationNumber: record.publicationNumber, publicationDate: record.publicationDate, type: record.type,
      applicationType: record.applicationType, company: company, assignee: classified.matchedAssignee ?? company,
      topics: classified.topics.map(\.name), link: record.publicPageLink, score: classified.score.value,
      scoreReasons: classified.score.reasons.map { "\($0.points > 0 ? "+" : "")\($0.points) \($0.reason)" }, title: record.title)
  }

  /// 40 to 120 words: what the filing is, then its abstract in plain words.
  func blurb(for classified: ClassifiedRecord, company: String) -> String {
    let record = classified.record
    let name = brand(classified, company: company)
    let date = record.publicationDate.map { " on \(LongDate.text($0))" } ?? ""
    let phrase = PlainEnglish.phrase(fromTitle: record.title)
    let firstWord = phrase.split(separator: " ").first.map { $0.lowercased() } ?? ""
    let subject = PlainEnglish.isGerund(firstWord) ? "a way of \(phrase)" : PlainEnglish.withArticle(phrase)
    var sentences: [String]
    switch (record.type, record.applicationType) {
    case (_, "design"?):
      sentences = ["In a design patent granted\(date), \(name) shows the look of \(PlainEnglish.withArticle(phrase))."]
    case (.application, _):
      sentences = ["In a patent application published\(date), \(name) describes \(subject)."]
    case (.grant, _):
      sentences = ["In a patent granted\(date), \(name) describes \(subject)."]
    }
    var words = PlainEnglish.wordCount(sentences[0])
    for sentence in PlainEnglish.sentences(record.abstract ?? "") {
      let plain = PlainEnglish.plainSentence(sentence)
      let count = PlainEnglish.wordCount(plain)
      if words + count > 120 { break }
      sentences.append(plain)
      words += count
      if words >= 90 { break }
    }
    if words < 40 {
      let sameCompany = watchedRecords.filter { $0.companies.first == company }.count
      let extra =
        sameCompany > 1
        ? "It is one of \(sameCompany) filings from \(company) this week."
        : "It is the only filing from \(company) this week."
      sentences.append(extra)
      words += PlainEnglish.wordCount(extra)
    }
    if words < 40 && record.applicationType == "design" {
      sentences.append(
        "Design patents protect how a product looks rather than how it works, so the drawings are most of the filing, and they are the story here."
      )
    } else if words < 40, let topic = classified.topics.first {
      sentences.append(
        "The filing sits with this week's \(topic.name) patents, and its drawings show how the pieces fit together.")
    }
    return sentences.joined(separator: " ")
  }
}
