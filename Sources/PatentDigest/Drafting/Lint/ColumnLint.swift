/// Holds the column's copy to account: finds patent boilerplate, claim language, broken articles,
/// cut sentences, lost capitals, padding and over-long headlines in the pieces of a draft.
///
/// Its word lists are its own, written independently of the copy writer (`Drafting/Copy/`), so it
/// can catch what the writer's rules let through. Each rule aims at few false alarms on good
/// English: a hit should always be worth an editor's look.
public struct ColumnLint: Sendable {
  public init() {}

  /// Every hit in every piece, piece by piece in the order given.
  public func check(_ pieces: [CopyPiece]) -> [LintHit] {
    pieces.flatMap(check)
  }

  /// The hits in one piece.
  public func check(_ piece: CopyPiece) -> [LintHit] {
    var finder = HitFinder(piece: piece)
    finder.findPatterns(LintPatterns.boilerplate, kind: .boilerplate)
    finder.findPatterns(LintPatterns.claimLanguage, kind: .claimLanguage)
    finder.findOrdinalLabels()
    finder.findPatterns(LintPatterns.padding, kind: .padding)
    finder.findArticleProblems()
    finder.findCuts()
    finder.findLostCapitals()
    finder.findLengthAndShapeProblems()
    return finder.hits
  }
}

/// One piece of the column's copy, with the texts it was written from when they are known.
public struct CopyPiece: Sendable, Hashable {
  /// What the piece is: each role has its own rules (a headline has a shape, a blurb full sentences).
  public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    case headline, dek, intro, subhead, blurb, restOfWeekLine
  }

  public var role: Role
  /// Where the piece is in the draft's JSON: `headline`, `intro[0]`, `sections[1].items[0].blurb`.
  public var location: String
  public var text: String
  public var sources: CopySources

  public init(role: Role, location: String, text: String, sources: CopySources = CopySources()) {
    self.role = role
    self.location = location
    self.text = text
    self.sources = sources
  }
}

/// The filing's own words a piece was written from: its title and the abstract's sentences.
public struct CopySources: Sendable, Hashable {
  public var title: String
  public var abstractSentences: [String]

  public init(title: String = "", abstractSentences: [String] = []) {
    self.title = title
    self.abstractSentences = abstractSentences
  }

  /// Every text, the title first.
  public var texts: [String] { ([title] + abstractSentences).filter { !$0.isEmpty } }

  /// The sources of several items together (for the headline, dek and intro, which draw on the
  /// week): the first title, then the other titles and every abstract sentence, each its own text.
  public static func merging(_ sources: [CopySources]) -> CopySources {
    let titles = sources.map(\.title).filter { !$0.isEmpty }
    return CopySources(
      title: titles.first ?? "", abstractSentences: titles.dropFirst() + sources.flatMap(\.abstractSentences))
  }
}

/// A fault found in the copy.
public struct LintHit: Sendable, Hashable, Codable {
  /// The kinds of fault; see `ColumnLint` and each rule's explanation.
  public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Patent boilerplate and hedges: "Systems and methods are provided", "In some embodiments".
    case boilerplate
    /// Words of a patent's claims: "wherein", "comprising", "one or more", "first … second".
    case claimLanguage
    /// "a"/"an" before a noun that takes none: "a code execution request routing".
    case articleBeforeUncountable
    /// "an" before a consonant sound or "a" before a vowel sound: "an usage", "a LED".
    case wrongIndefiniteArticle
    /// A sentence, clause or slot cut short: "is working on ,", "describes .", "within an."
    case cutMidPhrase
    /// An acronym of the filing written in lower case: "internet protocol (ip)".
    case lostCapitals
    case subheadTooLong
    case headlineTooLong
    /// A headline that is not "<Name> wants to <verb> …", or says nothing about the filing.
    case headlineShape
    /// A sentence that says nothing about the filing: "It is the only filing from Meta this week."
    case padding
  }

  public var kind: Kind
  /// Where the piece is in the draft (`CopyPiece.location`).
  public var piece: String
  /// The words at fault, with a little of their context.
  public var excerpt: String
  public var explanation: String

  public init(kind: Kind, piece: String, excerpt: String, explanation: String) {
    self.kind = kind
    self.piece = piece
    self.excerpt = excerpt
    self.explanation = explanation
  }
}
