import Foundation

/// Writes an item's blurb from its filing: one sentence of ours that says who filed what and when,
/// then the abstract's own sentences that say what a person would see, use or get, in everyday
/// words, each with the sentence of the filing it came from.
///
/// It never writes patent prose of its own: announcements ("Systems and methods are provided
/// for …"), hedges ("In some embodiments, …") and sentences in the form of a claim are left out,
/// not reworded, and a short abstract gives a short blurb (nothing is added to reach a length).
struct BlurbWriter {
  let rules: CopyRules

  /// A blurb stops taking sentences once it has this many words…
  static let targetWords = 50
  /// Below this many, a long sentence is taken rather than none (a little above the 40 a blurb
  /// should reach: taking out "first" and "second" labels afterwards costs a few words).
  static let minimumWords = 46
  /// …and never goes past this many.
  static let maximumWords = 130
  /// A sentence longer than this is too long to read and is used only when nothing else is there.
  static let longSentenceWords = 22

  /// An abstract's sentence as the blurb might use it.
  struct Candidate {
    /// 1-based, in the abstract.
    var number: Int
    var original: String
    var text: String
    var words: Int
    var interest: Int
    /// Flesch-Kincaid grade of the sentence alone.
    var grade: Double
  }

  /// What the abstract holds for the column: the subject an announcement names, and the sentences
  /// that can be used, cleaned.
  struct ReadAbstract {
    var announcedSubject: (subject: String, sentence: Int, original: String)?
    var candidates: [Candidate]
    /// The first sentence without hedges, in everyday words, even when it is a claim: what the
    /// filing is may still be named at its start ("A circuit for … comprising: …").
    var firstSentence: String?
  }

  func read(abstract: String) -> ReadAbstract {
    let sentences = PlainEnglish.sentences(abstract)
    let acronyms = rules.acronymReplacements(in: abstract)
    var result = ReadAbstract(announcedSubject: nil, candidates: [], firstSentence: nil)
    for (offset, original) in sentences.enumerated() {
      var text = Self.withoutExampleLists(PlainEnglish.removingReferenceNumerals(original))
      text = Self.capitalizedFirst(rules.removingHedges(text))
      if offset == 0 { result.firstSentence = rules.applyingLexicon(text, acronyms: acronyms) }
      if let subject = rules.announcedSubject(text) {
        if result.announcedSubject == nil && !subject.isEmpty {
          result.announcedSubject = (subject, offset + 1, original)
        }
        // "Methods for receiving a query image, receiving entities …, identifying …": the steps
        // after the first are what the filing does.
        let items = subject.components(separatedBy: ", ").dropFirst().map { $0.hasPrefix("and ") ? String($0.dropFirst(4)) : $0 }
        if let steps = stepsSentence(Array(items), acronyms: acronyms) {
          result.candidates.append(candidate(steps, number: offset + 1, original: original))
        }
        continue
      }
      text = Self.methodStepsAsPlainWords(text)
      // "…, the method comprising: receiving X; determining Y; and …": the steps, said plainly.
      if !text.hasPrefix("It "), let colon = text.range(of: ": "), text[colon.upperBound...].contains(";") {
        let items = text[colon.upperBound...].components(separatedBy: ";").map {
          $0.trimmingWhiteSpace().replacingOccurrences(of: "and ", with: "", options: .anchored)
        }
        if let steps = stepsSentence(items, acronyms: acronyms) {
          result.candidates.append(candidate(steps, number: offset + 1, original: original))
        }
        continue
      }
      // "X includes A; B; and C", a claim's list: its first part is a sentence of its own.
      if !text.hasPrefix("It "), let semicolon = text.firstIndex(of: ";") {
        let head = String(text[..<semicolon]).trimmingWhiteSpace()
        let listVerbs = [" include ", " includes ", " comprise ", " comprises ", " has ", " have ", " having "]
        guard PlainEnglish.wordCount(head) >= 8, !head.hasSuffix(":"), !head.contains(":"),
          listVerbs.contains(where: { head.lowercased().contains($0) })
        else { continue }
        text = head + "."
      }
      // Patent-speak about other versions ("Other embodiments are described and claimed.").
      if text.lowercased().contains("embodiment") { continue }
      // What is left starting "Methods and devices for …" is an announcement in disguise.
      if Self.opensWithKinds(text) { continue }
      text = text.replacingOccurrences(of: ": ", with: " ")
      if text.hasPrefix("It works by ") || text.hasPrefix("It also works by ") {
        // "It works by scoring X, finding Y, wherein …, creating Z, and sending W": the steps, not
        // the "wherein"s between them.
        let steps = text.drop(while: { $0 != " " }).dropFirst().drop(while: { $0 != " " }).dropFirst()
          .drop(while: { $0 != " " }).dropFirst()
        let items = String(steps).components(separatedBy: ", ").map { $0.hasPrefix("and ") ? String($0.dropFirst(4)) : $0 }
        if PlainEnglish.wordCount(text) > Self.longSentenceWords, !text.hasPrefix("It also"),
          let listed = stepsSentence(items, acronyms: [])
        {
          text = listed
        } else {
          text = Self.stepsWithoutClaimTail(text)
        }
      }
      if rules.isClaimForm(text) || text.contains(";") || text.hasSuffix(":") { continue }
      text = Self.withoutAnnouncingVerb(text)
      text = rules.applyingLexicon(text, acronyms: acronyms)
      text = SubjectPhrase.droppingWrongArticles(text.split(separator: " ").map(String.init)).joined(separator: " ")
      for part in Self.splitAtClauses(text) {
        var part = Self.capitalizedFirst(
          Self.withoutOpener(Self.withoutTail(Self.endingAtAClause(part.trimmingWhiteSpace()))))
        guard PlainEnglish.wordCount(part) >= 4 else { continue }
        // "…, such as." left where an example list was taken out.
        part = part.replacingAll(", such as.", with: ".").replacingAll(" such as.", with: ".")
        if let last = part.last, !".?!".contains(last) { part = part.trimming(",:") + "." }
        guard !result.candidates.contains(where: { $0.text == part }) else { continue }
        result.candidates.append(
          Candidate(
            number: offset + 1, original: original, text: part, words: PlainEnglish.wordCount(part),
            interest: rules.readerInterest(of: part), grade: Readability.grade(of: part)))
      }
    }
    return result
  }

  func candidate(_ text: String, number: Int, original: String) -> Candidate {
    Candidate(
      number: number, original: original, text: text, words: PlainEnglish.wordCount(text),
      interest: rules.readerInterest(of: text), grade: Readability.grade(of: text))
  }

  /// "It works by receiving a notification, finding the device it is for, and …": up to four
  /// steps of a claim's list, each up to its first aside, when the list is of actions.
  func stepsSentence(_ items: [String], acronyms: [(acronym: String, replacement: String)]) -> String? {
    var steps: [String] = []
    for item in items {
      // Only the items that are steps ("receiving X"); asides between them ("for each of the
      // entities") are passed over.
      let first = item.prefix(while: { $0 != " " }).lowercased()
      guard SubjectPhrase.isGerund(first), PlainEnglish.wordCount(item) >= 3 else { continue }
      var step = ColumnCopy.withoutAsides(item)
      for stop in [", where", ", wherein", ", the ", ", and ", ":", ", based", ", such"] {
        if let range = step.range(of: stop) { step = String(step[..<range.lowerBound]) }
      }
      step = step.trimming(" ,.;")
      guard PlainEnglish.wordCount(step) >= 2, PlainEnglish.wordCount(step) <= 16 else { continue }
      steps.append(step)
      if steps.count == 4 { break }
    }
    guard steps.count >= 2 else { return nil }
    let list =
      steps.count == 2 ? steps.joined(separator: " and ") : steps.dropLast().joined(separator: ", ") + ", and " + steps.last!
    var text = rules.applyingLexicon("It works by \(list).", acronyms: acronyms)
    text = SubjectPhrase.droppingWrongArticles(text.split(separator: " ").map(String.init)).joined(separator: " ")
    return text
  }

  /// The abstract's sentences the blurb takes, in the abstract's order: those a reader cares
  /// about first, short ones before long ones, until the blurb has its length.
  func chosen(_ candidates: [Candidate], alreadyWords: Int) -> [Candidate] {
    guard !candidates.isEmpty else { return [] }
    let usable = candidates.filter { $0.words <= Self.longSentenceWords && $0.grade <= 18 }
    let pool = usable.isEmpty ? [candidates.min { $0.words < $1.words }!] : usable
    let first = pool.map(\.number).min()
    func preference(_ candidate: Candidate) -> Int {
      var score = candidate.interest * 3
      if candidate.number == first { score += 4 }
      // Short, plain sentences before long, learned ones.
      score -= max(0, candidate.words - 15) / 3
      score -= Int(max(0, candidate.grade - 8) * 1.5)
      return score
    }
    let ranked = pool.enumerated().sorted { a, b in
      let (pa, pb) = (preference(a.element), preference(b.element))
      return pa != pb ? pa > pb : a.offset < b.offset
    }
    var words = alreadyWords
    var picked: [Int] = []
    for (offset, candidate) in ranked {
      if words >= Self.targetWords { break }
      if words + candidate.words > Self.maximumWords { continue }
      picked.append(offset)
      words += candidate.words
    }
    var chosen = picked.sorted().map { pool[$0] }
    // "They are salted …" needs the sentence before it, which says what "they" are: it comes
    // along when there is room, else the sentence goes.
    func pointsBack(_ candidate: Candidate) -> Bool {
      let first = candidate.text.prefix(while: { $0 != " " })
      return ["They", "It", "This", "These", "Those", "Such", "Thereafter"].contains(first)
        && !candidate.text.hasPrefix("It works by") && !candidate.text.hasPrefix("It also works by")
    }
    for candidate in chosen where pointsBack(candidate) && candidate.number > 1 {
      guard !chosen.contains(where: { $0.number == candidate.number - 1 }) else { continue }
      if let before = candidates.first(where: { $0.number == candidate.number - 1 && !pointsBack($0) }),
        before.words <= Self.longSentenceWords, words + before.words <= Self.maximumWords
      {
        chosen.append(before)
        words += before.words
      } else {
        chosen.removeAll { $0.text == candidate.text }
        words -= candidate.words
      }
    }
    chosen.sort { $0.number < $1.number }
    // Too little to say in short sentences: one long sentence is better than a blurb of one line.
    if words < Self.minimumWords,
      let long = candidates.filter({ candidate in
        candidate.words > Self.longSentenceWords && words + candidate.words <= Self.maximumWords
          && !chosen.contains(where: { $0.text == candidate.text })
      })
      .min(by: { $0.words < $1.words })
    {
      chosen.append(long)
      chosen.sort { $0.number < $1.number }
    }
    return chosen
  }

  // MARK: Sentence surgery

  /// Without "(e.g., image data, audio data, etc.)" and "(such as …)" asides.
  static func withoutExampleLists(_ text: String) -> String {
    guard text.contains("(") else { return text }
    var result = text
    // Also a quoted definition: "(“authorized users”)".
    let pattern = "\\s*\\((?:e\\.g\\.|i\\.e\\.|such as|for example|for instance|including|etc|“|\"|')[^()]*\\)"
    if let regex = RegexCache.shared.regex(pattern: pattern, options: [.caseInsensitive]) {
      result = regex.stringByReplacingMatches(
        in: result, range: NSRange(result.startIndex..., in: result), withTemplate: "")
    }
    return result
  }

  /// "The method further includes receiving a speech input …" → "It also works by receiving a
  /// speech input …": a method's steps said the way a person would.
  static func methodStepsAsPlainWords(_ text: String) -> String {
    let kindsLed =
      "^(?:methods?|systems?|devices?|apparatus|techniques?|processes)(?:(?:\\s*,\\s*|\\s+)(?:(?:and|or)\\s+)?(?:methods?|systems?|devices?|apparatus|techniques?|processes|media))*\\s+for\\s+.+?\\s+(?:can|may)\\s+(also\\s+)?(?:include|involve|comprise)\\s+(?=[a-z]+ing\\b)"
    if let regex = RegexCache.shared.regex(pattern: kindsLed, options: [.caseInsensitive]),
      let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
      let whole = Range(match.range, in: text)
    {
      return (match.range(at: 1).location != NSNotFound ? "It also works by " : "It works by ") + text[whole.upperBound...]
    }
    // "A method includes receiving …", and any short name before "may include receiving …"
    // ("Matrix based bot implementation may include obtaining …").
    let pattern =
      "^(?:(?:(?:a|an|the|one of the|each of the|one)\\s+)?(?:computer-implemented\\s+|example\\s+)?(?:method|methods|process|processes|technique|techniques)\\s+(?:(?:can|may)\\s+)?|(?:[\\w-]+\\s+){1,5}(?:can|may)\\s+)(further\\s+|also\\s+)?(?:include|includes|comprise|comprises|involve|involves|comprising|including)\\s+(?:(?:the\\s+)?(?:actions|steps|operations)\\s+of\\s+)?(?=[a-z]+ing\\b)"
    guard let regex = RegexCache.shared.regex(pattern: pattern, options: [.caseInsensitive]),
      let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
      let whole = Range(match.range, in: text)
    else { return text }
    let also = match.range(at: 1).location != NSNotFound
    return (also ? "It also works by " : "It works by ") + text[whole.upperBound...]
  }

  /// Steps written as a claim ("receiving X; and training Y, where training includes: …") as
  /// one list: up to the first colon or "where", semicolons as commas.
  static func stepsWithoutClaimTail(_ text: String) -> String {
    var text = text
    for stop in [":", ", where ", ", wherein ", " where ", " wherein "] {
      if let range = text.range(of: stop) { text = String(text[..<range.lowerBound]) }
    }
    text = text.replacingAll("; and ", with: ", and ").replacingAll(";", with: ",")
    return text.trimming(" ,.") + "."
  }

  /// True for "Methods and devices for …", "Systems for …", "A system and method for …".
  static func opensWithKinds(_ text: String) -> Bool {
    // "A system for X reads Y" says something; "Systems for X …" and "A system and method for X …"
    // announce.
    let lower = text.lowercased()
    if lower.hasPrefix("a ") || lower.hasPrefix("an ") || lower.hasPrefix("the "),
      !lower.prefix(40).contains(" and ") && !lower.prefix(40).contains(" or ")
    {
      return false
    }
    let pattern =
      "^(?:(?:a|an|the)\\s+)?(?:methods?|systems?|devices?|apparatus(?:es)?|techniques?|processes|media)(?:(?:\\s*,\\s*|\\s+)(?:(?:and|or|and/or)\\s+)?(?:methods?|systems?|devices?|apparatus(?:es)?|techniques?|processes|media|computer program products?))*,?\\s+(?:for|of|to)\\b"
    guard let regex = RegexCache.shared.regex(pattern: pattern, options: [.caseInsensitive]) else { return false }
    return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
  }

  /// A blurb that labels two things "first" and "second", as claims do, says "a" and
  /// "another", "the" and "the other" instead.
  static func withoutOrdinalLabels(_ sentences: [String]) -> [String] {
    let text = sentences.joined(separator: " ").lowercased()
    guard text.contains("first ") && text.contains("second ") else { return sentences }
    let replacements: [(String, String)] = [
      ("\\b([Aa]n?) first\\b", "$1"), ("\\b([Tt]he) first\\b", "$1"), ("^First\\s+", ""), ("\\bfirst and second\\b", "two"),
      ("\\b[Aa] second\\b", "another"), ("\\b[Tt]he second\\b", "the other"), ("\\bsecond\\b", "other"),
      ("(?<!at )\\bfirst (?=[a-z])", ""),
    ]
    return sentences.map { sentence in
      var result = sentence
      for (pattern, template) in replacements {
        guard let regex = RegexCache.shared.regex(pattern: pattern) else { continue }
        result = regex.stringByReplacingMatches(
          in: result, range: NSRange(result.startIndex..., in: result), withTemplate: template)
      }
      if sentence.hasPrefix("A second") || sentence.hasPrefix("The second") || sentence.hasPrefix("First") {
        result = capitalizedFirst(result)
      }
      return fittingArticles(result.collapsingSpaces())
    }
  }

  /// Without an acronym's definition ("heating, ventilation, or air conditioning (HVAC)") when
  /// the acronym is not used again: one hard word less.
  static func withoutUnusedAcronyms(_ sentences: [String]) -> [String] {
    guard let regex = RegexCache.shared.regex(pattern: "\\s\\(([A-Z][A-Za-z0-9-]{1,9})\\)") else { return sentences }
    let whole = sentences.joined(separator: " ")
    return sentences.map { sentence in
      var result = sentence
      for match in regex.matches(in: sentence, range: NSRange(sentence.startIndex..., in: sentence)).reversed() {
        guard let range = Range(match.range, in: sentence), let acronym = Range(match.range(at: 1), in: sentence) else {
          continue
        }
        let uses = whole.components(separatedBy: String(sentence[acronym])).count - 1
        if uses <= 1, let resultRange = Range(match.range, in: result) { result.removeSubrange(resultRange) }
        _ = range
      }
      return result
    }
  }

  /// "a AI model" → "an AI model": each indefinite article fitted to the word after it, once
  /// the lexicon has changed that word.
  static func fittingArticles(_ text: String) -> String {
    guard let regex = RegexCache.shared.regex(pattern: "\\b(a|an|A|An)\\s+([\\w\"'“‘][\\w-]*)") else { return text }
    var result = ""
    var last = text.startIndex
    for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
      guard let articleRange = Range(match.range(at: 1), in: text), let wordRange = Range(match.range(at: 2), in: text)
      else { continue }
      // "(a)" as a list mark, or "Type A" are not articles.
      if articleRange.lowerBound > text.startIndex, text[text.index(before: articleRange.lowerBound)] == "(" { continue }
      let article = text[articleRange]
      let fitted = SubjectPhrase.startsWithVowelSound(String(text[wordRange])) ? "an" : "a"
      result += text[last..<articleRange.lowerBound]
      result += article.first!.isUppercase ? fitted.capitalized : fitted
      last = articleRange.upperBound
    }
    result += text[last...]
    return result
  }

  /// "An earbud design is disclosed that is made to …" → "An earbud design is made to …".
  static func withoutAnnouncingVerb(_ text: String) -> String {
    let pattern =
      "\\s(?:is|are)\\s+(?:generally\\s+)?(?:disclosed|described|provided|presented)(?:\\s+herein)?\\s+(?:that|which)\\s"
    guard let regex = RegexCache.shared.regex(pattern: pattern, options: [.caseInsensitive]) else { return text }
    return regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: " ")
  }

  /// A long sentence split where a new clause with its own subject starts after ", and": "The
  /// device reads X, and the server stores Y." → two sentences.
  static func splitAtClauses(_ text: String) -> [String] {
    guard PlainEnglish.wordCount(text) > 16 else { return [text] }
    let pattern =
      ",?\\s+(?:and|but)\\s+(?=(?:the|a|an|each)\\s+(?:[\\w-]+\\s+){0,5}(?:is|are|can|will|has|have|was|were|could|should|does|do|may)\\b)"
    guard let regex = RegexCache.shared.regex(pattern: pattern, options: [.caseInsensitive]) else { return [text] }
    let range = NSRange(text.startIndex..., in: text)
    let matches = regex.matches(in: text, range: range)
    guard !matches.isEmpty else { return [text] }
    var parts: [String] = []
    var last = text.startIndex
    for match in matches {
      guard let found = Range(match.range, in: text) else { continue }
      parts.append(String(text[last..<found.lowerBound]) + ".")
      last = found.upperBound
    }
    parts.append(String(text[last...]))
    return parts
  }

  /// A sentence too long to read, ended where a complete clause ends: before ", where", ",
  /// which", ", such that", ", and …" (the words before are a sentence of their own).
  static func endingAtAClause(_ text: String) -> String {
    let words = text.split(separator: " ").map(String.init)
    // A sentence that opens with an aside ("For ad campaigns that …, an online service …") may
    // have its main clause after the first commas: it is not cut.
    guard words.count > longSentenceWords, !ColumnCopy.opensWithAnAside(text) else { return text }
    // Only clause-level words: a comma before "for" or "based on" often opens an aside in the
    // middle of a verb and its object ("determine, for each point, a vector").
    // Not "and": ", and" as often ends a list ("buttons, joysticks, and paddles") as a clause.
    let continuations: Set<String> = ["where", "wherein", "which", "whereby", "such", "so", "thereby", "while"]
    var cut: Int?
    for index in stride(from: min(longSentenceWords, words.count - 1), through: 8, by: -1)
    where words[index - 1].hasSuffix(",") && continuations.contains(words[index].lowercased()) {
      cut = index
      break
    }
    guard let cut else { return text }
    return words[..<cut].joined(separator: " ").trimming(",") + "."
  }

  /// A long sentence without the tail that only qualifies it: ", where …", ", such that …", "
  /// based at least in part on …". What is left is a whole sentence.
  static func withoutTail(_ text: String) -> String {
    guard PlainEnglish.wordCount(text) > 20, !ColumnCopy.opensWithAnAside(text) else { return text }
    let tails = [
      ", where ", ", wherein ", ", such that ", ", so that ", ", thereby ", ", whereby ", " based at least in part on ",
      ", based on ", " based at least partly on ",
    ]
    var best = text
    for tail in tails {
      guard let range = text.range(of: tail) else { continue }
      let head = String(text[..<range.lowerBound])
      // "… can be based on X" cannot lose its X.
      let lastWord = head.split(separator: " ").last.map { $0.lowercased().trimming(",") } ?? ""
      // Nor can "… made to work out, based on X, a map": a verb near the end still wants its
      // object, and the comma opened an aside, not a tail.
      let lastWords = head.lowercased().split(separator: " ").suffix(3).map { String($0).trimming(",") }
      let unfinished =
        SubjectPhrase.trailingFunctionWords.contains(lastWord)
        || ["be", "been", "being", "was", "were", "has", "have", "had", "do", "does", "not", "out", "up"].contains(lastWord)
        || lastWords.dropLast().contains("to")
      if !unfinished && PlainEnglish.wordCount(head) >= 8 && head.count < best.count { best = head.trimming(",") + "." }
      // An aside between commas in the middle of a verb and its object goes on its own: "made to
      // work out, based on X, a map" → "made to work out a map".
      if unfinished, tail.hasPrefix(", "), let close = text[range.upperBound...].firstIndex(of: ","),
        PlainEnglish.wordCount(String(text[range.upperBound..<close])) <= 15
      {
        let joined = head + " " + String(text[text.index(after: close)...]).trimmingWhiteSpace()
        if joined.count < best.count { best = joined }
      }
    }
    return best
  }

  /// A long sentence without the phrase it opens with ("Based on the selected setpoints, the
  /// device …" → "The device …"), when what follows the comma is a sentence of its own.
  static func withoutOpener(_ text: String) -> String {
    guard PlainEnglish.wordCount(text) > 18 else { return text }
    let lower = text.lowercased()
    let openers = [
      "based on ", "in response to ", "responsive to ", "upon ", "after ", "during ", "using ", "in some cases, ",
      "in this case, ", "by doing so, ", "as a result, ", "for query processing, ",
    ]
    guard openers.contains(where: { lower.hasPrefix($0) }), let comma = text.firstIndex(of: ",") else { return text }
    let rest = String(text[text.index(after: comma)...]).trimmingWhiteSpace()
    let firstWord = rest.prefix(while: { $0 != " " }).lowercased()
    let determiners: Set<String> = ["the", "a", "an", "each", "it", "they", "this", "these", "some", "one"]
    guard determiners.contains(firstWord), PlainEnglish.wordCount(rest) >= 6 else { return text }
    return rest
  }

  static func capitalizedFirst(_ text: String) -> String {
    guard let first = text.first, first.isLowercase else { return text }
    let firstWord = text.prefix(while: { $0 != " " })
    if firstWord.dropFirst().contains(where: \.isUppercase) { return text }  // "eSIM", "iPhone"
    return first.uppercased() + text.dropFirst()
  }

  /// The sentence with its first word in lower case, to follow "describes how": kept when it is an
  /// acronym or a name ("UE", "eSIM").
  static func loweredFirst(_ text: String) -> String {
    guard let first = text.first, first.isUppercase else { return text }
    let firstWord = text.prefix(while: { $0 != " " && $0 != "," })
    if firstWord.dropFirst().contains(where: \.isUppercase) { return text }
    return first.lowercased() + text.dropFirst()
  }
}
