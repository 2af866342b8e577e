import Foundation

/// What the column's copy drops from an abstract and which patent words it swaps for everyday
/// ones: the editors' rules, read from `copyrules.yaml` (the built-in one, or theirs with
/// `--copy-rules`). The grammar the copy needs (articles, verbs from titles) is in `SubjectPhrase`;
/// the editorial choices are here, in data.
public struct CopyRules: Sendable {
  /// A patent word and its everyday replacement.
  public struct LexiconEntry: Sendable, Hashable {
    public var from: String
    public var to: String
    public var plural: String?
    public var toPlural: String?

    public init(from: String, to: String, plural: String? = nil, toPlural: String? = nil) {
      self.from = from
      self.to = to
      self.plural = plural
      self.toPlural = toPlural
    }
  }

  public var kinds: [String]
  public var announcements: [String]
  public var hedges: [String]
  public var claimForms: [String]
  public var lexicon: [LexiconEntry]
  public var readerWords: [String]
  public var plumbingWords: [String]

  let compiledAnnouncements: [CopyPattern]
  let compiledHedges: [CopyPattern]
  let compiledClaimForms: [CopyPattern]
  let compiledLexicon: [CompiledLexiconEntry]
  let readerWordSet: Set<String>
  let plumbingWordSet: Set<String>

  /// Rules from their parts; a pattern that does not compile throws its text and why.
  public init(
    kinds: [String], announcements: [String], hedges: [String], claimForms: [String], lexicon: [LexiconEntry],
    readerWords: [String], plumbingWords: [String]
  ) throws(CopyPattern.Problem) {
    self.kinds = kinds
    self.announcements = announcements
    self.hedges = hedges
    self.claimForms = claimForms
    self.lexicon = lexicon
    self.readerWords = readerWords
    self.plumbingWords = plumbingWords
    compiledAnnouncements = try announcements.map { pattern throws(CopyPattern.Problem) in
      try CopyPattern(pattern, kinds: kinds, anchoredAtEnd: true)
    }
    compiledHedges = try hedges.map { pattern throws(CopyPattern.Problem) in
      try CopyPattern(pattern, kinds: kinds, anchoredAtEnd: false)
    }
    compiledClaimForms = try claimForms.map { pattern throws(CopyPattern.Problem) in
      try CopyPattern(pattern, kinds: kinds, anchoredAtEnd: true)
    }
    compiledLexicon = CompiledLexiconEntry.compile(lexicon)
    readerWordSet = Set(readerWords.map { $0.lowercased() })
    plumbingWordSet = Set(plumbingWords.map { $0.lowercased() })
  }

  // MARK: Using the rules

  /// The subject an announcement names ("Systems and methods are provided for X." → "X"), or nil
  /// when `sentence` is not an announcement. An empty subject is returned as "".
  func announcedSubject(_ sentence: String) -> String? {
    for pattern in compiledAnnouncements {
      guard let match = pattern.match(sentence) else { continue }
      let subject = match.subject ?? ""
      // The subject is used up to its first comma ("training a network, wherein the network is …").
      let named = String(subject.prefix(while: { $0 != "," }))
      if pattern.subjectRunsToEnd && Self.saysSomething(named) { continue }
      if pattern.subjectLeads && Self.saysSomething(named) { continue }
      // "The interface having the panels arranged … is provided.": announced, but too long to name
      // anything; the sentence is left out and names nothing.
      if pattern.subjectLeads && subject.split(separator: " ").count > 16 { return "" }
      // "Systems and techniques are provided …" named only what it is, not what about.
      if !subject.isEmpty && onlyKinds(subject) { continue }
      return subject
    }
    return nil
  }

  /// True when a would-be subject is a clause: it has a verb ("… obtains information …").
  static func saysSomething(_ subject: String) -> Bool {
    let verbs: Set<String> = [
      "is", "are", "was", "were", "may", "can", "will", "could", "should", "includes", "include", "comprises", "has",
      "have", "obtains", "receives", "determines", "uses", "provides", "provide", "generates", "performs", "relate",
      "relates", "describe", "describes",
    ]
    let relative: Set<String> = ["that", "which", "who", "does", "do", "not"]
    let words = subject.lowercased().split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
    // A verb of a relative clause ("a device that does not include …") does not count.
    return words.indices.contains { index in
      verbs.contains(words[index]) && !words[max(0, index - 3)..<index].contains(where: relative.contains)
    }
  }

  /// True when `text` is only what patents say they are: "systems and techniques".
  func onlyKinds(_ text: String) -> Bool {
    let kindWords = Set(kinds.flatMap { $0.lowercased().split(separator: " ").map(String.init) })
    return text.lowercased().split(whereSeparator: { $0 == " " || $0 == "," }).allSatisfy {
      kindWords.contains(String($0)) || ["and", "or", "and/or", "a", "an", "the"].contains(String($0))
    }
  }

  /// True for a sentence in the form of a claim, or one that only points at more embodiments.
  func isClaimForm(_ sentence: String) -> Bool {
    compiledClaimForms.contains { $0.match(sentence) != nil }
  }

  /// The sentence without the hedges at its front ("In some embodiments, X" → "X").
  func removingHedges(_ sentence: String) -> String {
    var text = sentence
    var changed = true
    while changed {
      changed = false
      for pattern in compiledHedges {
        if let match = pattern.match(text), match.length > 0, match.length < (text as NSString).length {
          text = (text as NSString).substring(from: match.length).trimmingWhiteSpace()
          changed = true
        }
      }
    }
    return text
  }

  /// Acronyms defined right after a lexicon phrase ("unmanned aerial vehicle (UAV)"), with the
  /// everyday word they stand for.
  func acronymReplacements(in text: String) -> [(acronym: String, replacement: String)] {
    var found: [(String, String)] = []
    guard text.contains("(") else { return [] }
    let range = NSRange(text.startIndex..., in: text)
    let lowered = text.lowercased()
    for entry in compiledLexicon where lowered.contains(entry.needle) {
      entry.definedAcronym.enumerateMatches(in: text, range: range) { result, _, _ in
        guard let result, result.numberOfRanges > 2, let acronymRange = Range(result.range(at: 2), in: text),
          let phraseRange = Range(result.range(at: 1), in: text)
        else { return }
        let phrase = text[phraseRange].lowercased()
        let plural = phrase == entry.plural.lowercased() && phrase != entry.from.lowercased()
        let acronym = String(text[acronymRange])
        if !found.contains(where: { $0.0 == acronym }) { found.append((acronym, plural ? entry.toPlural : entry.to)) }
      }
    }
    return found
  }

  /// `text` in everyday words: every lexicon phrase replaced (longest first), an acronym defined
  /// after one dropped, and the acronyms of `acronyms` replaced too.
  func applyingLexicon(_ text: String, acronyms: [(acronym: String, replacement: String)] = []) -> String {
    var result = text
    // Most entries' words are not in a sentence at all: a look-up in the sentence's words (and
    // their stems without a plural "s") rules them out before a regular expression runs.
    var words = Self.wordsAndStems(of: result)
    var lowered = result.lowercased()
    for entry in compiledLexicon
    where words.contains(entry.needle) || (entry.needle.count < 5 && lowered.contains(entry.needle)) {
      let replaced = entry.apply(to: result)
      if replaced != result {
        result = replaced
        words = Self.wordsAndStems(of: result)
        lowered = result.lowercased()
      }
    }
    for (acronym, replacement) in acronyms where !replacement.isEmpty {
      let escaped = NSRegularExpression.escapedPattern(for: acronym)
      // "UAVs" is the plural of "UAV".
      if let regex = RegexCache.shared.regex(pattern: "(?<![\\w-])\(escaped)(s?)(?![\\w-])") {
        let range = NSRange(result.startIndex..., in: result)
        var replaced = ""
        var last = result.startIndex
        for match in regex.matches(in: result, range: range) {
          guard let whole = Range(match.range, in: result), let suffix = Range(match.range(at: 1), in: result) else { continue }
          replaced += result[last..<whole.lowerBound]
          replaced += result[suffix].isEmpty ? replacement : CompiledLexiconEntry.plural(of: replacement)
          last = whole.upperBound
        }
        replaced += result[last...]
        result = replaced
      }
    }
    return BlurbWriter.fittingArticles(result.collapsingSpaces())
  }

  /// The lower-cased words of `text`, each also without a final "s" or "es".
  static func wordsAndStems(of text: String) -> Set<String> {
    var result: Set<String> = []
    for word in text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber || "-./".contains($0)) }) {
      let bare = String(word).trimming(".")
      result.insert(bare)
      if bare.hasSuffix("s") { result.insert(String(bare.dropLast())) }
      if bare.hasSuffix("es") { result.insert(String(bare.dropLast(2))) }
    }
    return result
  }

  /// Reader words minus plumbing words in `text`, by lower-cased word.
  func readerInterest(of text: String) -> Int {
    var score = 0
    for word in text.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "-" }) {
      let bare = String(word)
      if readerWordSet.contains(bare) { score += 1 }
      if plumbingWordSet.contains(bare) { score -= 1 }
    }
    return score
  }
}

/// One lexicon entry as regular expressions: its phrase (singular and plural), and the phrase
/// followed by the acronym it defines.
struct CompiledLexiconEntry: @unchecked Sendable {
  // NSRegularExpression is immutable once made and safe to share between threads.
  let from: String
  let to: String
  let plural: String
  let toPlural: String
  let phrase: NSRegularExpression
  let definedAcronym: NSRegularExpression
  /// The entry's first word, lower-cased (its singular and plural share it): a text without it
  /// cannot match.
  let needle: String

  static func compile(_ entries: [CopyRules.LexiconEntry]) -> [CompiledLexiconEntry] {
    // Longest phrases first, so "head-mounted display device" wins over "head-mounted display".
    entries.sorted { ($0.from.count, $1.from) > ($1.from.count, $0.from) }.compactMap { entry in
      let pluralFrom = entry.plural ?? (entry.from.hasSuffix("s") || !entry.from.last!.isLetter ? entry.from : entry.from + "s")
      let toPlural = entry.toPlural ?? plural(of: entry.to, singularFrom: entry.from, pluralFrom: pluralFrom)
      let alternatives = [pluralFrom, entry.from].uniqued().map { words($0) }.joined(separator: "|")
      guard
        let phrase = try? NSRegularExpression(
          pattern: "(?<![\\w-])(\(alternatives))(?:\\s*\\([“\"']?([A-Za-z][A-Za-z0-9-]{1,9})[”\"']?\\))?(?![\\w-])",
          options: [.caseInsensitive]),
        let definedAcronym = try? NSRegularExpression(
          pattern: "(?<![\\w-])(\(alternatives))\\s*\\([“\"']?([A-Za-z][A-Za-z0-9-]{1,9})[”\"']?\\)", options: [.caseInsensitive])
      else { return nil }
      return CompiledLexiconEntry(
        from: entry.from, to: entry.to, plural: pluralFrom, toPlural: toPlural, phrase: phrase, definedAcronym: definedAcronym,
        needle: Self.needle(entry.from.lowercased(), pluralFrom.lowercased()))
    }
  }

  /// What both forms of a phrase contain, as long as can be: its longest word that the plural
  /// holds too ("plurality" for "a plurality of"), else the start they share ("medi" for
  /// "medium" and "media").
  static func needle(_ singular: String, _ plural: String) -> String {
    if let word = singular.split(separator: " ").filter({ plural.contains($0) }).max(by: { $0.count < $1.count }) {
      return String(word)
    }
    return String(zip(singular, plural).prefix(while: { $0 == $1 }).map(\.0))
  }

  /// A phrase as a pattern: its words escaped, any run of spaces between them.
  private static func words(_ phrase: String) -> String {
    phrase.split(separator: " ").map { NSRegularExpression.escapedPattern(for: String($0)) }.joined(separator: "\\s+")
  }

  private static func plural(of to: String, singularFrom: String, pluralFrom: String) -> String {
    singularFrom == pluralFrom ? to : plural(of: to)
  }

  /// "drone" → "drones", "headset" → "headsets", "several" stays (not a noun), "" stays "".
  static func plural(of word: String) -> String {
    guard let last = word.last, last.isLetter else { return word }
    if ["several", "some", "many", "one", "can", "the", "own"].contains(word.lowercased()) || word.contains(" can")
      || word.hasSuffix("s")
    {
      return word
    }
    return word + "s"
  }

  func apply(to text: String) -> String {
    let range = NSRange(text.startIndex..., in: text)
    let matches = phrase.matches(in: text, range: range)
    guard !matches.isEmpty else { return text }
    var result = ""
    var last = text.startIndex
    for match in matches {
      guard let whole = Range(match.range, in: text), let found = Range(match.range(at: 1), in: text) else { continue }
      result += text[last..<whole.lowerBound]
      let original = text[found]
      let isPlural = original.lowercased() == plural.lowercased() && plural.lowercased() != from.lowercased()
      var replacement = isPlural ? toPlural : to
      // Keep a capital at the start of a sentence, and an article's case: "A plurality" → "Several".
      if let first = original.first, first.isUppercase, let initial = replacement.first {
        replacement = initial.uppercased() + replacement.dropFirst()
      }
      result += replacement
      last = whole.upperBound
    }
    result += text[last...]
    return result
  }
}

/// One pattern of the copy rules (see the head of `copyrules.yaml`) as a regular expression
/// matched at the start of a sentence, case-insensitively.
public struct CopyPattern: @unchecked Sendable {
  // NSRegularExpression is immutable once made and safe to share between threads.
  public struct Problem: Error, Sendable {
    public var pattern: String
    public var message: String
  }

  struct Match {
    var subject: String?
    /// UTF-16 length of the matched text.
    var length: Int
  }

  let text: String
  /// True when `{subject}` runs to the end of the sentence ("Systems for {subject}"): then a
  /// subject holding a verb means the sentence says something after all.
  let subjectRunsToEnd: Bool
  /// True when the sentence starts with `{subject}` ("{subject} is described"): then the subject
  /// must be a short name, not a clause that happens to end on "… are presented for …".
  let subjectLeads: Bool
  private let regex: NSRegularExpression

  init(_ pattern: String, kinds: [String], anchoredAtEnd: Bool) throws(Problem) {
    text = pattern
    // Zero or more: each word token already ends at a word boundary.
    let separator = "[\\s,]*"
    var parts: [String] = []
    var tokens: [String]
    do {
      tokens = try Self.tokens(of: pattern)
    } catch {
      throw error
    }
    guard !tokens.isEmpty else { throw Problem(pattern: pattern, message: "is empty") }
    subjectRunsToEnd = tokens.last == "{subject}"
    subjectLeads = tokens.first == "{subject}"
    var subjects = 0
    for token in tokens {
      var optional = false
      var body = token
      if body.hasPrefix("[") && body.hasSuffix("]") {
        optional = true
        body = String(body.dropFirst().dropLast())
      } else if body.hasPrefix("(") && body.hasSuffix(")") {
        body = String(body.dropFirst().dropLast())
      }
      let expression: String
      switch body {
      case "{subject}":
        subjects += 1
        expression = "(?<subject>.+?)"
      case "{any}":
        expression = ".+?"
      case "{kinds}":
        let kind = kinds.sorted { $0.count > $1.count }.map { Self.words($0) }.joined(separator: "|")
        guard !kind.isEmpty else { throw Problem(pattern: pattern, message: "uses {kinds} but `kinds` is empty") }
        expression =
          "(?:(?:a|an|the|one|various|several|some|example|exemplary)\\s+)?(?:\(kind))(?:(?:\\s*,\\s*|\\s+)(?:(?:and/or|and|or)\\s+)?(?:\(kind)))*"
      default:
        if body.contains("{") || body.contains("}") {
          throw Problem(pattern: pattern, message: "has '\(body)'; the slots are {kinds}, {any} and {subject}")
        }
        // Longest first, so "that relate to" is tried before "that".
        let alternatives = body.split(separator: "|").sorted { $0.count > $1.count }
          .map { Self.words(String($0).replacingOccurrences(of: ",", with: "")) }
        guard !alternatives.isEmpty, !alternatives.contains("") else {
          throw Problem(pattern: pattern, message: "has an empty choice in '\(token)'")
        }
        expression = "(?:\(alternatives.joined(separator: "|")))"
      }
      let boundary = body.hasPrefix("{") ? "" : "(?![\\w-])"
      parts.append(optional ? "(?:\(expression)\(boundary)\(separator))?" : "\(expression)\(boundary)\(separator)")
    }
    guard subjects <= 1 else { throw Problem(pattern: pattern, message: "has {subject} more than once") }
    let body = parts.joined()
    let full = "^\\s*" + body + (anchoredAtEnd ? "[\\s.;:,]*$" : "")
    do {
      regex = try NSRegularExpression(pattern: full, options: [.caseInsensitive, .dotMatchesLineSeparators])
    } catch {
      throw Problem(pattern: pattern, message: "does not compile (\(error.localizedDescription))")
    }
  }

  /// Words separated by spaces; `(...)` and `[...]` keep their spaces inside.
  static func tokens(of pattern: String) throws(Problem) -> [String] {
    var tokens: [String] = []
    var current = ""
    var depth = 0
    for character in pattern {
      switch character {
      case "(", "[":
        depth += 1
        current.append(character)
      case ")", "]":
        depth -= 1
        guard depth >= 0 else { throw Problem(pattern: pattern, message: "closes a bracket it never opened") }
        current.append(character)
      case " " where depth == 0:
        if !current.isEmpty { tokens.append(current) }
        current = ""
      default:
        current.append(character)
      }
    }
    guard depth == 0 else { throw Problem(pattern: pattern, message: "leaves a bracket open") }
    if !current.isEmpty { tokens.append(current) }
    return tokens
  }

  private static func words(_ phrase: String) -> String {
    phrase.split(separator: " ").map { NSRegularExpression.escapedPattern(for: String($0)) }.joined(separator: "\\s+")
  }

  func match(_ sentence: String) -> Match? {
    let range = NSRange(sentence.startIndex..., in: sentence)
    guard let result = regex.firstMatch(in: sentence, range: range) else { return nil }
    let subjectRange = result.range(withName: "subject")
    let subject =
      subjectRange.location == NSNotFound
      ? nil : Range(subjectRange, in: sentence).map { String(sentence[$0]).trimmingWhiteSpace() }
    return Match(subject: subject, length: result.range.length)
  }
}

extension Array where Element: Hashable {
  /// The elements in order, each once.
  func uniqued() -> [Element] {
    var seen: Set<Element> = []
    return filter { seen.insert($0).inserted }
  }
}

extension String {
  /// One space between words, none before closing punctuation.
  func collapsingSpaces() -> String {
    var text = split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    for mark in [",", ".", ";", ":", ")"] { text = text.replacingAll(" \(mark)", with: mark) }
    text = text.replacingAll("( ", with: "(")
    return text
  }
}
