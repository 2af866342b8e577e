import Foundation

/// Runs `ColumnLint`'s rules over one piece and collects what they find.
struct HitFinder {
  let piece: CopyPiece
  private(set) var hits: [LintHit] = []
  private var text: String { piece.text }
  private var isProse: Bool { [.blurb, .intro, .dek].contains(piece.role) }

  init(piece: CopyPiece) {
    self.piece = piece
  }

  mutating func add(_ kind: LintHit.Kind, _ range: Range<String.Index>, _ explanation: String) {
    hits.append(
      LintHit(kind: kind, piece: piece.location, excerpt: Self.excerpt(of: range, in: text), explanation: explanation))
  }

  mutating func add(_ kind: LintHit.Kind, excerpt: String, _ explanation: String) {
    hits.append(LintHit(kind: kind, piece: piece.location, excerpt: excerpt, explanation: explanation))
  }

  /// The matched words and up to three words either side, on one line.
  static func excerpt(of range: Range<String.Index>, in text: String) -> String {
    var start = range.lowerBound
    var spaces = 0
    while start > text.startIndex {
      let before = text.index(before: start)
      if text[before] == " " {
        spaces += 1
        if spaces > 3 { break }
      }
      start = before
    }
    var end = range.upperBound
    spaces = 0
    while end < text.endIndex {
      if text[end] == " " {
        spaces += 1
        if spaces > 3 { break }
      }
      end = text.index(after: end)
    }
    let excerpt = String(text[start..<end]).split(whereSeparator: \.isNewline).joined(separator: " ")
    return (start > text.startIndex ? "…" : "") + excerpt + (end < text.endIndex ? "…" : "")
  }

  // MARK: Phrases

  mutating func findPatterns(_ patterns: [LintPattern], kind: LintHit.Kind) {
    let whole = NSRange(text.startIndex..., in: text)
    for pattern in patterns {
      for match in pattern.expression.matches(in: text, range: whole) {
        guard let range = Range(match.range, in: text) else { continue }
        add(kind, range, pattern.explanation)
      }
    }
  }

  /// Things English counts in order without labelling them: "the first time … the second time".
  static let ordinaryOrdinals: Set<String> = [
    "time", "times", "day", "days", "week", "year", "month", "half", "quarter", "step", "stage", "round", "place",
    "attempt", "try", "look", "glance", "thing", "person", "generation", "version", "edition", "season", "episode",
  ]

  /// "a first probe pad … a second probe pad": the claims' way of telling two things apart.
  mutating func findOrdinalLabels() {
    let words = Tokens.words(in: text)
    var labelled: [String: Range<String.Index>] = [:]
    for (index, word) in words.enumerated() where index + 1 < words.count {
      let lower = word.text.lowercased()
      let next = words[index + 1].text.lowercased()
      guard lower == "first" || lower == "second", !Tokens.stopWords.contains(next), !Self.ordinaryOrdinals.contains(next)
      else { continue }
      if lower == "first" {
        labelled[next] = labelled[next] ?? word.range
      } else if labelled[next] != nil {
        add(
          .claimLanguage, word.range.lowerBound..<words[index + 1].range.upperBound,
          "claim labelling (“first \(next) … second \(next)”): name the two things instead")
        labelled[next] = nil
      }
    }
  }

  // MARK: Cuts

  /// Words a sentence, a title or a clause cannot end on.
  static let danglingEndWords: Set<String> = [
    "a", "an", "the", "and", "or", "but", "nor", "via", "within", "between", "per", "including", "than", "whose", "its",
    "their", "our", "your", "my", "every", "such", "of", "for", "with", "from", "by", "into", "onto", "in", "on", "at",
    "to", "as", "which",
  ]
  /// Words after which a preposition may end a sentence ("what it is made of", "the phones it
  /// works on", "you don't have to"); so may any word in -ed or -ing ("what they are working on").
  static let strandingWords: Set<String> = [
    "is", "are", "was", "were", "be", "been", "work", "works", "rely", "relies", "depend", "depends", "look", "looks",
    "talk", "talks", "come", "comes", "belong", "belongs", "about", "up", "out", "log", "logs", "sign", "signs", "them",
    "it", "him", "us", "you", "have", "has", "had", "need", "needs", "want", "wants", "got", "ought", "able", "used",
    "so", "power", "turn", "turns", "switch", "switches", "go", "goes", "carry", "carries", "move", "moves", "hold",
    "holds", "we", "they", "i", "we're", "they're", "you're", "it's", "he", "she",
  ]
  private static let prepositions: Set<String> = [
    "of", "for", "with", "from", "by", "into", "onto", "in", "on", "at", "to", "as",
  ]
  private static let articlesAndPossessives: Set<String> = ["a", "an", "the", "its", "their", "our", "your", "my"]

  mutating func findCuts() {
    let trimmed = text.trimmingCharacters(where: \.isWhitespace)
    if trimmed.isEmpty {
      add(.cutMidPhrase, excerpt: "", "empty: the \(Self.roleName(piece.role)) has no words")
      return
    }
    findPatterns(LintPatterns.cuts, kind: .cutMidPhrase)
    findUnbalancedPairs()
    if isProse {
      for sentence in CopySentences.split(trimmed) { findCutEnding(of: sentence, isSentence: true) }
      if let last = trimmed.last, !".!?".contains(last),
        !(("\"”’)".contains(last)) && trimmed.dropLast().last.map { ".!?".contains($0) } == true)
      {
        add(.cutMidPhrase, trimmed.index(before: trimmed.endIndex)..<trimmed.endIndex, "no full stop at the end: cut short?")
      }
    } else {
      findCutEnding(of: trimmed, isSentence: false)
    }
    findCutClauses()
  }

  private mutating func findCutEnding(of sentence: String, isSentence: Bool) {
    let words = Tokens.words(in: sentence)
    guard let last = words.last else { return }
    let word = last.text.lowercased()
    guard Self.danglingEndWords.contains(word) else { return }
    if Self.prepositions.contains(word), words.count >= 2 {
      let before = words[words.count - 2].text.lowercased()
      if before.hasSuffix("ed") || before.hasSuffix("ing") || Self.strandingWords.contains(before) { return }
    }
    // A title may end on "Thereof"-free prepositions only when cut; "Use in", "Made of" are cut too.
    guard let range = text.range(of: sentence) else { return }
    let lastRange = text.index(
      range.lowerBound, offsetBy: sentence.distance(from: sentence.startIndex, to: last.range.lowerBound))
    let end = text.index(lastRange, offsetBy: last.text.count)
    add(
      .cutMidPhrase, lastRange..<end, "ends on “\(last.text)”: the \(isSentence ? "sentence" : Self.roleName(piece.role)) was cut"
    )
  }

  /// "describes a, which …": an article or possessive right before a comma, semicolon or colon.
  private mutating func findCutClauses() {
    let tokens = Tokens.all(in: text)
    for (index, token) in tokens.enumerated() where index + 1 < tokens.count {
      guard token.isWord, Self.articlesAndPossessives.contains(token.text.lowercased()) else { continue }
      let next = tokens[index + 1]
      if !next.isWord, [",", ";", ":"].contains(next.text) {
        add(.cutMidPhrase, token.range.lowerBound..<next.range.upperBound, "a clause ends on “\(token.text)”: it was cut")
      }
    }
  }

  private mutating func findUnbalancedPairs() {
    let pairs: [(Character, Character, String)] = [("(", ")", "parentheses"), ("[", "]", "brackets"), ("“", "”", "quotes")]
    for (open, close, name) in pairs {
      var depth = 0
      var unbalanced = false
      for character in text {
        if character == open { depth += 1 }
        if character == close {
          depth -= 1
          if depth < 0 { unbalanced = true }
        }
      }
      if unbalanced || depth != 0 {
        let range = text.firstIndex(where: { $0 == open || $0 == close }).map { $0..<text.index(after: $0) }
        if let range { add(.cutMidPhrase, range, "unbalanced \(name)") }
      }
    }
    if text.filter({ $0 == "\"" }).count % 2 == 1, let quote = text.firstIndex(of: "\"") {
      add(.cutMidPhrase, quote..<text.index(after: quote), "unbalanced quotes")
    }
  }

  static func roleName(_ role: CopyPiece.Role) -> String {
    switch role {
    case .headline: "headline"
    case .dek: "dek"
    case .intro: "intro paragraph"
    case .subhead: "subhead"
    case .blurb: "blurb"
    case .restOfWeekLine: "rest-of-week line"
    }
  }

  // MARK: Length and shape

  static let emptyWeekHeadline = "No Big Tech patents this week"

  mutating func findLengthAndShapeProblems() {
    let words = ReadingGrade.wordCount(text)
    let whole = text.startIndex..<text.endIndex
    switch piece.role {
    case .subhead where words > 8:
      add(.subheadTooLong, whole, "\(words) words; a subhead has at most 8")
    case .headline:
      if words > 14 { add(.headlineTooLong, whole, "\(words) words; a headline has at most 14") }
      findHeadlineShape()
    default: break
    }
  }

  private static let headlineShape = try! NSRegularExpression(
    pattern: #"^[A-Za-z0-9][\w&.'’-]*(?: [A-Z][\w&.'’-]*){0,3} wants to ([a-z][a-z-]*)(?: (.*))?$"#)
  private static let emptyPromises: Set<String> = ["file a patent", "patent something", "build something", "do something"]

  private mutating func findHeadlineShape() {
    let trimmed = text.trimmingCharacters(where: \.isWhitespace)
    if trimmed == Self.emptyWeekHeadline { return }
    let whole = text.startIndex..<text.endIndex
    guard let match = Self.headlineShape.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
      let verbRange = Range(match.range(at: 1), in: text)
    else {
      add(.headlineShape, whole, "not “<Name> wants to <verb> …”")
      return
    }
    let verb = String(text[verbRange])
    let rest = Range(match.range(at: 2), in: text).map { String(text[$0]) } ?? ""
    if Tokens.stopWords.contains(verb) || rest.isEmpty {
      add(.headlineShape, whole, "“wants to \(verb)” needs a verb and what it acts on")
    } else if Self.emptyPromises.contains("\(verb) \(rest)".lowercased()) {
      add(.headlineShape, whole, "says nothing about the filing (“\(verb) \(rest)”)")
    }
  }
}
