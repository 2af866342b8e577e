import Foundation

/// The column's words: headline, dek, intro and each item's subhead and blurb, written from the
/// week's classified filings. Everything a reader reads that no editor wrote comes from here.
///
/// Works only on the values classification hands over (the record, its brand, its topics and
/// their phrases) and the copy rules, so it can be tested with a handful of hand-made records.
/// What a filing is about comes from its title (`SubjectPhrase`), or, for a record without one,
/// from its abstract; every slot is written for the shape of that phrase, so no sentence needs an
/// article or a verb it cannot take.
public struct ColumnCopy: Sendable {
  /// A headline has at most this many words.
  public static let headlineMaxWords = 14
  /// A subhead has at most this many words.
  public static let subheadMaxWords = 8
  /// Each company's clause in the intro ends within this many words of its verb phrase.
  static let introClauseMaxWords = 8
  /// What the blurb's first sentence says the filing is, in at most this many words.
  static let framingObjectMaxWords = 10
  /// The most of a title the copy reads (an abstract: eight times this).
  static let longestTextRead = 1024

  /// The watched companies' filings of the week, in feed order.
  private let week: [ClassifiedRecord]
  /// Each topic's phrase ("self-driving cars"), by topic name.
  private let topicPhrases: [String: String]
  private let rules: CopyRules
  private let writer: BlurbWriter
  /// The latest publication date of the week (YYYY-MM-DD): filings of its last seven days were
  /// published "this week".
  private let weekOf: String?

  public init(week: [ClassifiedRecord], rules: CopyRules = .default) {
    self.week = week
    self.rules = rules
    writer = BlurbWriter(rules: rules)
    weekOf = week.compactMap(\.record.publicationDate).max()
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

  // MARK: What a filing is about

  /// The filing's subject: its title in everyday words, or, without a title, what its abstract
  /// announces or the subject of its first sentence.
  func subject(of record: PatentRecord) -> SubjectPhrase? {
    // A title is a line; a megabyte of one (a hostile feed) is cut to what a title can be.
    let title = String(record.title.prefix(Self.longestTextRead)).trimmingWhiteSpace()
    if !title.isEmpty {
      let phrase = rules.applyingLexicon(PlainEnglish.phrase(fromTitle: Self.withoutBoilerplateEnding(title)))
      if let subject = SubjectPhrase(words: Self.words(phrase)), !subject.isGeneric { return subject }
    }
    // What a filing is about is said in its first sentences: only they are read, so a week of
    // untitled filings with long abstracts costs little (every rest-of-week line needs this).
    let opening = PlainEnglish.sentences(String((record.abstract ?? "").prefix(Self.longestTextRead * 4))).prefix(3).joined(
      separator: " ")
    let read = writer.read(abstract: opening)
    if let announced = read.announcedSubject, let subject = subject(named: announced.subject) { return subject }
    if let first = read.candidates.first {
      // "It works by scoring posts …": the steps are the subject.
      for opening in ["It works by ", "It also works by "] where first.text.hasPrefix(opening) {
        return SubjectPhrase(words: Self.words(Self.withoutAsides(String(first.text.dropFirst(opening.count)))))
      }
      // "Methods and devices for generating code representations can include …".
      if let firstWord = first.text.lowercased().split(separator: " ").first, rules.kinds.contains(String(firstWord)),
        let subject = subject(named: first.text)
      {
        return subject
      }
      if let subject = Self.sentenceSubject(first.text) { return subject }
    }
    if let first = read.firstSentence, let subject = Self.sentenceSubject(first) { return subject }
    return nil
  }

  /// The subject an announcement names, as a phrase: "methods for transferring a user's history
  /// from one device to another, such as …" → "transferring a user's history from one device to
  /// another".
  private func subject(named announced: String) -> SubjectPhrase? {
    var text = announced
    // "methods and systems for transferring …" names itself once more.
    while let inner = rules.announcedSubject(text), !inner.isEmpty, inner != text { text = inner }
    // "techniques implemented by a speech system for providing X" → "providing X".
    let lowered = text.lowercased()
    if let firstWord = lowered.split(separator: " ").first, rules.kinds.contains(String(firstWord)),
      let range = lowered.range(of: " for ")
    {
      text = String(text[range.upperBound...])
    }
    // Up to its first aside ("controlling systems, such as …") or verb ("generating code may
    // include …").
    if let comma = text.firstIndex(of: ",") { text = String(text[..<comma]) }
    var words = Self.words(rules.applyingLexicon(text))
    let verbs: Set<String> = [
      "may", "can", "is", "are", "include", "includes", "comprise", "comprises", "will", "has", "have", "was", "were",
    ]
    if let verb = words.firstIndex(where: { verbs.contains($0.lowercased()) }) { words = Array(words[..<verb]) }
    // "… a device that does not" → "… a device".
    let clauseWords: Set<String> = ["that", "which", "who", "does", "do", "not", "also", "further", "then"]
    while let last = words.last, clauseWords.contains(last.lowercased()) { words.removeLast() }
    guard let subject = SubjectPhrase(words: words.map(Self.lowercasedUnlessName)), !subject.isGeneric,
      !rules.onlyKinds(subject.words.joined(separator: " "))
    else { return nil }
    return subject
  }

  /// The noun phrase a sentence opens with, when it opens with one: "A search system server routes
  /// …" → "search system server".
  static func sentenceSubject(_ sentence: String) -> SubjectPhrase? {
    let words = Self.words(sentence)
    guard let first = words.first, ["a", "an", "the", "one", "each"].contains(first.lowercased()) else { return nil }
    let stops: Set<String> = [
      "is", "are", "was", "were", "can", "will", "could", "should", "would", "has", "have", "includes", "include",
      "uses", "use", "provides", "receives", "determines", "performs", "generates", "identifies", "allows", "enables",
      "lets",
    ]
    let adverbs: Set<String> = ["also", "further", "then", "generally", "thereby", "first", "initially"]
    var phrase: [String] = []
    for word in words.dropFirst() {
      let lower = word.lowercased().trimming(",.:;")
      if stops.contains(lower) || SubjectPhrase.phraseStarts.contains(lower) || adverbs.contains(lower) { break }
      // After "a"/"an" the head is singular, so a word ending in "s" after it is the verb.
      if phrase.count >= 1, first.lowercased() != "the", lower.hasSuffix("s"), !lower.hasSuffix("ss"),
        !SubjectPhrase.countableExceptions.contains(lower)
      {
        break
      }
      phrase.append(word.trimming(",."))
      if word.hasSuffix(",") || phrase.count == 6 { break }
    }
    guard phrase.count >= 1, phrase.count < 6, let subject = SubjectPhrase(words: phrase.map(lowercasedUnlessName))
    else { return nil }
    if !subject.isGeneric { return subject }
    // "A system includes a lidar sensor …" → "lidar sensor …"; "An online service identifies a
    // group of users …" → "identifying a group of users": what a generic thing has or does.
    let rest = Array(words.dropFirst(phrase.count + 1))
    var index = 0
    if index < rest.count, ["can", "may", "will", "also", "further"].contains(rest[index].lowercased()) { index += 1 }
    guard index < rest.count else { return nil }
    let verb = rest[index].lowercased().trimming(",.:;")
    // "A system for providing access to hosted apps obtains …": the purpose is the subject.
    if verb == "for", index + 1 < rest.count, SubjectPhrase.isGerund(rest[index + 1]) {
      var purpose: [String] = []
      for word in rest[(index + 1)...] {
        if purpose.count > 1 && (stops.contains(word.lowercased()) || Self.commonVerbs.contains(word.lowercased())) { break }
        purpose.append(word.trimming(",.:;"))
        if word.hasSuffix(",") || word.hasSuffix(".") || purpose.count == 10 { break }
      }
      return SubjectPhrase(words: purpose.map(lowercasedUnlessName))
    }
    guard !SubjectPhrase.phraseStarts.contains(verb) else { return nil }
    // The object runs to the first comma or the end of the sentence.
    var object: [String] = []
    for word in rest[(index + 1)...] {
      object.append(word.trimming(",."))
      if word.hasSuffix(",") || word.hasSuffix(".") { break }
    }
    guard !object.isEmpty else { return nil }
    if ["includes", "include", "has", "have", "comprises", "contains"].contains(verb) {
      return SubjectPhrase(words: Array(object.prefix(10)).map(lowercasedUnlessName)).flatMap { $0.isGeneric ? nil : $0 }
    }
    guard let gerund = Self.gerund(of: verb) else { return nil }
    return SubjectPhrase(words: [gerund] + Array(object.prefix(10)).map(lowercasedUnlessName))
  }

  /// Verbs that end a noun phrase run on from a sentence's start ("… hosted apps obtains …").
  static let commonVerbs: Set<String> = [
    "obtains", "receives", "determines", "identifies", "generates", "provides", "includes", "comprises", "uses", "sends",
    "stores", "displays", "detects", "selects", "creates", "routes", "performs", "allows", "enables", "maintains",
    "manages", "processes", "computes", "applies", "monitors", "updates", "gets", "finds", "works", "chooses", "runs",
  ]

  /// "identifies" → "identifying", "provide" → "providing", "routes" → "routing"; nil for what
  /// is not a verb of an action ("is", "are").
  static func gerund(of verb: String) -> String? {
    guard verb.count > 2, verb.allSatisfy(\.isLetter),
      !["is", "are", "was", "were", "be", "been", "being", "does", "do", "not"].contains(verb)
    else { return nil }
    var base = verb
    if base.hasSuffix("ies") {
      base = String(base.dropLast(3)) + "y"
    } else if base.hasSuffix("sses") || base.hasSuffix("shes") || base.hasSuffix("ches") || base.hasSuffix("xes") {
      base = String(base.dropLast(2))
    } else if base.hasSuffix("s") && !base.hasSuffix("ss") {
      base = String(base.dropLast())
    }
    if base.hasSuffix("ie") { return String(base.dropLast(2)) + "ying" }
    // "get" → "getting", "run" → "running": a short word ending consonant, vowel, consonant.
    let letters = Array(base)
    if letters.count == 3, !"aeiou".contains(letters[0]), "aeiou".contains(letters[1]), !"aeiouwxy".contains(letters[2]) {
      return base + String(letters[2]) + "ing"
    }
    if base.hasSuffix("e") && !base.hasSuffix("ee") { return String(base.dropLast()) + "ing" }
    return base + "ing"
  }

  /// True for a sentence that opens with a phrase set off by a comma: "For ad campaigns that …, an
  /// online service …" (after "how" it needs a comma of its own).
  static func opensWithAnAside(_ sentence: String) -> Bool {
    let first = sentence.prefix(while: { $0 != " " }).lowercased()
    let openers: Set<String> = [
      "for", "in", "during", "after", "before", "when", "while", "based", "using", "by", "with", "upon", "once", "if",
      "to", "responsive", "according", "as", "from", "at", "on", "via", "because", "since", "although", "unlike",
    ]
    return openers.contains(first) && sentence.contains(",")
  }

  /// Without ", from a client system," and other asides between commas.
  static func withoutAsides(_ text: String) -> String {
    var result = text
    let pattern = ",\\s+(?:from|to|by|via|at|in|on|for|with|using|such as|e\\.g\\.)\\s+[^,]+,"
    if let regex = RegexCache.shared.regex(pattern: pattern, options: [.caseInsensitive]) {
      result = regex.stringByReplacingMatches(in: result, range: NSRange(result.startIndex..., in: result), withTemplate: "")
    }
    return result
  }

  /// A title without a closing "… systems and methods" ("Balanced mutual capacitance systems and
  /// methods" → "Balanced mutual capacitance systems").
  static func withoutBoilerplateEnding(_ title: String) -> String {
    let pattern = "\\s+(?:and|&)\\s+(?:methods?|systems?|apparatus(?:es)?|devices?|techniques?|media)\\s*$"
    guard let regex = RegexCache.shared.regex(pattern: pattern, options: [.caseInsensitive]) else { return title }
    return regex.stringByReplacingMatches(in: title, range: NSRange(title.startIndex..., in: title), withTemplate: "")
  }

  static func words(_ text: String) -> [String] {
    text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init)
  }

  /// A word in lower case unless it is an acronym or a name ("UAV", "iPhone", "Alexa").
  static func lowercasedUnlessName(_ word: String) -> String {
    if word.dropFirst().contains(where: \.isUppercase) { return word }
    return word.lowercased()
  }

  // MARK: The top of the column

  /// "Amazon wants to improve dynamic wake word detection": the lead's company and what its
  /// filing is about, in at most 14 words.
  public func headline(for classified: ClassifiedRecord, company: String) -> String {
    let name = brand(classified, company: company)
    let room = Self.headlineMaxWords - PlainEnglish.wordCount(name) - 2
    return "\(name) wants to \(verbPhrase(for: classified, maxWords: room))"
  }

  private func verbPhrase(for classified: ClassifiedRecord, maxWords: Int) -> String {
    if let subject = subject(of: classified.record) { return subject.verbPhrase(maxWords: maxWords) }
    if let topic = classified.topics.first { return "patent new ideas in \(topic.phrase ?? topic.name)" }
    return "patent a new idea"
  }

  /// The filing's subject as a subhead: at most 8 words, sentence case.
  public func subhead(for record: PatentRecord) -> String {
    if let subject = subject(of: record) { return subject.subhead(maxWords: Self.subheadMaxWords) }
    return "A new \(record.type == .grant ? "patent" : "application")"
  }

  /// "Also this week: …": up to three plain topics of the items other than the lead (an item
  /// without a topic is named by its subject), best items first.
  public func dek(sections: [DraftSection], lead: DraftItem?) -> String {
    let leadTopic = lead?.topics.first
    let items = sections.flatMap(\.items).filter { $0.publicationNumber != lead?.publicationNumber }
      .sorted { ($0.score, $1.publicationNumber) > ($1.score, $0.publicationNumber) }
    var phrases: [String] = []
    for item in items {
      var phrase: String?
      if let topic = item.topics.first(where: { $0 != leadTopic }), let topicPhrase = topicPhrases[topic] {
        phrase = topicPhrase
      } else if item.topics.isEmpty, let record = week.first(where: { $0.record.publicationNumber == item.publicationNumber }),
        let subject = subject(of: record.record)
      {
        phrase = subject.inline(maxWords: Self.subheadMaxWords)
      }
      guard let phrase, !phrases.contains(phrase) else { continue }
      phrases.append(phrase)
      if phrases.count == 3 { break }
    }
    switch phrases.count {
    case 0: return "Also this week: more patents from Big Tech."
    case 1: return "Also this week: \(phrases[0]), and more patents from Big Tech."
    default: return "Also this week: \(phrases.joined(separator: ", ")), and more patents from Big Tech."
    }
  }

  /// Two paragraphs: what each company wants to do this week, then the standing reminder.
  public func intro(sections: [DraftSection]) -> [String] {
    let clauses = sections.compactMap { section -> String? in
      guard let item = section.items.first,
        let classified = week.first(where: { $0.record.publicationNumber == item.publicationNumber })
      else { return nil }
      return
        "\(brand(classified, company: section.company)) wants to \(verbPhrase(for: classified, maxWords: Self.introClauseMaxWords))"
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

  // MARK: Blurbs

  /// The blurb sentence by sentence: who filed what and when, then the abstract's sentences a
  /// reader cares about, in everyday words, each with its source.
  public func blurbSentences(for classified: ClassifiedRecord, company: String) -> [BlurbSentence] {
    let record = classified.record
    let name = brand(classified, company: company)
    // A filing of the week's last seven days came out "this week"; an older one (a feed of
    // several weeks) gets its date.
    let thisWeek =
      record.publicationDate.flatMap(CivilDate.init).flatMap { published in
        weekOf.flatMap(CivilDate.init).map { (0..<7).contains($0.number - published.number) }
      } ?? false
    let date = thisWeek ? " this week" : record.publicationDate.map { " on \(LongDate.text($0))" } ?? ""
    let filing: String
    switch (record.type, record.applicationType) {
    case (_, "design"?): filing = "In a design patent granted\(date)"
    case (.application, _): filing = "In a patent filing published\(date)"
    case (.grant, _): filing = "In a patent granted\(date)"
    }
    // A real abstract is at most 150 words; a hostile one is read only as far as a blurb can go.
    let read = writer.read(abstract: String((record.abstract ?? "").prefix(Self.longestTextRead * 8)))
    let title = String(record.title.prefix(Self.longestTextRead)).trimmingWhiteSpace()
    var sentences: [BlurbSentence] = []
    var candidates = read.candidates
    if record.applicationType == "design", let subject = subject(of: record) {
      let object = subject.shape == .action ? subject.inline(maxWords: 10) : subject.describedObject(maxWords: 12)
      sentences.append(
        .init(text: "\(filing), \(name) shows the look of \(object).", source: .init(part: .title, sentence: nil, text: title)))
    } else if !title.isEmpty, let subject = subject(of: record) {
      sentences.append(
        .init(
          text: "\(filing), \(name) describes \(subject.describedObject(maxWords: Self.framingObjectMaxWords)).",
          source: .init(part: .title, sentence: nil, text: title)))
    } else if let announced = read.announcedSubject, let subject = subject(of: record) {
      sentences.append(
        .init(
          text: "\(filing), \(name) describes \(subject.describedObject(maxWords: Self.framingObjectMaxWords)).",
          source: .init(part: .abstract, sentence: announced.sentence, text: announced.original)))
    } else if let first = candidates.first, first.words <= BlurbWriter.longSentenceWords, first.text.hasPrefix("It works by ") {
      // The steps are what the filing is: "… describes a way of receiving program code …".
      sentences.append(
        .init(
          text: "\(filing), \(name) describes a way of \(first.text.dropFirst("It works by ".count))",
          source: .init(part: .abstract, sentence: first.number, text: first.original)))
      candidates.removeFirst()
    } else if let first = candidates.first, first.words <= BlurbWriter.longSentenceWords, !first.text.hasPrefix("It ") {
      // No title and no announcement: the first sentence says what the filing is, after "how".
      sentences.append(
        .init(
          text:
            "\(filing), \(name) describes how\(Self.opensWithAnAside(first.text) ? "," : "") \(BlurbWriter.loweredFirst(first.text))",
          source: .init(part: .abstract, sentence: first.number, text: first.original)))
      candidates.removeFirst()
    } else {
      let object = subject(of: record)?.describedObject(maxWords: Self.framingObjectMaxWords) ?? "a new idea"
      sentences.append(.init(text: "\(filing), \(name) describes \(object).", source: nil))
    }
    let opening = sentences.reduce(0) { $0 + PlainEnglish.wordCount($1.text) }
    for candidate in writer.chosen(candidates, alreadyWords: opening) {
      sentences.append(
        .init(text: candidate.text, source: .init(part: .abstract, sentence: candidate.number, text: candidate.original)))
    }
    // Touches that need the whole blurb: claim-style "first … second" labels, acronyms defined
    // and never used.
    let texts = BlurbWriter.withoutUnusedAcronyms(BlurbWriter.withoutOrdinalLabels(sentences.map(\.text)))
    // The sentence from the title keeps the title's acronyms.
    for index in sentences.indices where sentences[index].source?.part != .title { sentences[index].text = texts[index] }
    // "It also works by …" with no "It works by …" before it has nothing to add to.
    if let also = sentences.firstIndex(where: { $0.text.hasPrefix("It also works by ") }),
      !sentences[..<also].contains(where: { $0.text.contains("works by") || $0.text.contains("a way of") })
    {
      sentences[also].text = "It works by " + sentences[also].text.dropFirst("It also works by ".count)
    }
    return sentences
  }

  /// The blurb as one paragraph.
  public func blurb(for classified: ClassifiedRecord, company: String) -> String {
    blurbSentences(for: classified, company: company).map(\.text).joined(separator: " ")
  }
}
