/// The column's words: headline, dek, intro and each item's subhead and blurb, written from the
/// week's classified filings. Everything a reader reads that no editor wrote comes from here.
///
/// Works only on the values classification hands over (the record, its brand, its topics and
/// their phrases), so it can be tested with a handful of hand-made records.
public struct ColumnCopy: Sendable {
  /// The watched companies' filings of the week, in feed order.
  private let week: [ClassifiedRecord]
  /// Each topic's phrase ("self-driving cars"), by topic name.
  private let topicPhrases: [String: String]

  public init(week: [ClassifiedRecord]) {
    self.week = week
    var phrases: [String: String] = [:]
    for topic in week.lazy.flatMap(\.topics) where phrases[topic.name] == nil {
      phrases[topic.name] = topic.phrase
    }
    topicPhrases = phrases
  }

  /// The name readers know for the filer of `classified`, in the section of `company`.
  func brand(_ classified: ClassifiedRecord, company: String) -> String {
    classified.brand ?? company
  }

  /// "Waymo wants to …": the lead's company and what its filing is about.
  public func headline(for classified: ClassifiedRecord, company: String) -> String {
    "\(brand(classified, company: company)) wants to \(PlainEnglish.verbPhrase(fromTitle: classified.record.title))"
  }

  /// The filing's title as a subhead.
  public func subhead(for record: PatentRecord) -> String {
    PlainEnglish.subhead(fromTitle: record.title)
  }

  /// "Also this week: …": up to three topics of the items other than the lead, best items first.
  public func dek(sections: [DraftSection], lead: DraftItem?) -> String {
    let leadTopic = lead?.topics.first
    let items = sections.flatMap(\.items).filter { $0.publicationNumber != lead?.publicationNumber }
      .sorted { ($0.score, $1.publicationNumber) > ($1.score, $0.publicationNumber) }
    var phrases: [String] = []
    for item in items {
      guard let topic = item.topics.first(where: { $0 != leadTopic }), let phrase = topicPhrases[topic],
        !phrases.contains(phrase)
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

  /// Two paragraphs: what each company is working on this week, then the standing reminder.
  public func intro(sections: [DraftSection]) -> [String] {
    let clauses = sections.compactMap { section -> String? in
      guard let item = section.items.first,
        let classified = week.first(where: { $0.record.publicationNumber == item.publicationNumber })
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

  /// 40 to 120 words: what the filing is, then its abstract in plain words.
  public func blurb(for classified: ClassifiedRecord, company: String) -> String {
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
      let sameCompany = week.filter { $0.companies.first == company }.count
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
