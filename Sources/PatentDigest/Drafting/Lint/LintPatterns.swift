import Foundation

/// A phrase the copy must not contain, as a regular expression, with the line that tells an editor why.
struct LintPattern: Sendable {
  let expression: NSRegularExpression
  let explanation: String

  init(_ pattern: String, caseSensitive: Bool = false, _ explanation: String) {
    // The patterns are ours and fixed: one that does not compile is a bug, caught by every test run.
    expression = try! NSRegularExpression(pattern: pattern, options: caseSensitive ? [] : [.caseInsensitive])
    self.explanation = explanation
  }
}

/// The phrase lists of `ColumnLint`, kept apart from the copy writer's own rules on purpose: they
/// are how the lint catches what the writer lets through, reworded or not.
enum LintPatterns {
  /// `(?:^|(?<=[.!?]\s))` a sentence start, for phrases that are fine inside a sentence.
  private static let sentenceStart = #"(?:^|(?<=[.!?:]\s)|(?<=[.!?]["”’)]\s))"#

  static let boilerplate: [LintPattern] = [
    LintPattern(
      #"\b(?:systems?|apparatus(?:es)?|devices?|processes)(?:,)? (?:and|or|&) methods?\b"#,
      "patent boilerplate (“systems and methods”): say what the thing does"),
    LintPattern(
      #"\bmethods?(?:,)? (?:and|or|&) (?:systems?|apparatus(?:es)?|devices?|processes|media|computer program products?)\b"#,
      "patent boilerplate (“methods and systems/apparatus”): say what the thing does"),
    LintPattern(
      #"\bmethods?, systems?,? and apparatus\b|\bsystems?,? (?:and|or) apparatus\b"#,
      "patent boilerplate (“methods, systems, and apparatus”)"),
    LintPattern(
      #"\bcomputer (?:storage|program) (?:media|medium|products?)\b|\bstorage media\b"#,
      "patent boilerplate (“computer storage media”): no reader needs the storage medium"),
    LintPattern(
      #"\b(?:are|is|were|was|(?:may|can|will) be) (?:provided|described|disclosed|presented|set forth)(?: (?:here|herein|below|in this (?:document|disclosure|filing)))?[.!]"#,
      "a patent's announcement (“… are provided.”): say what the filing does instead"),
    LintPattern(
      #"\btechniques? (?:are|is) (?:described|disclosed|provided|presented)\b"#, "patent boilerplate (“techniques are described”)"
    ),
    LintPattern(sentenceStart + #"Techniques (?:for|are)\b"#, caseSensitive: true, "patent boilerplate (“Techniques for …”)"),
    LintPattern(
      #"\baspects of the (?:subject technology|(?:present )?disclosure|present|invention)\b"#,
      "patent boilerplate (“aspects of the disclosure”)"),
    LintPattern(#"\bembodiments?\b"#, "patent word (“embodiment”): say “version” only if needed, better nothing"),
    LintPattern(
      #"\b(?:in|according to) (?:some|one|various|certain|other|many|several|further|additional|particular|alternative|some example|one or more) (?:example )?(?:examples?|embodiments?|versions?|implementations?|aspects?|variations?|configurations?)\b"#,
      "a patent's hedge (“in some examples”): state what the filing does"),
    LintPattern(
      sentenceStart
        + #"(?:In|According to) (?:an?|the) (?:example|embodiment|version|implementation|aspect|variation|configuration)\b"#,
      caseSensitive: true, "a patent's hedge (“In an example, …”): state what the filing does"),
    LintPattern(
      sentenceStart
        + #"(?:Various )?(?:Versions|Implementations|Examples|Aspects|Embodiments) (?:here|herein|described here(?:in)?|disclosed here(?:in)?)\b"#,
      caseSensitive: true, "a patent's hedge (“Versions here …”)"),
    LintPattern(
      sentenceStart
        + #"(?:Various |Some |Example |Certain )?(?:versions|implementations|examples|aspects|embodiments) (?:relate|are related|pertain|are directed|provide|include|describe)\b"#,
      "a patent's opening (“Versions relate to …”)"),
    LintPattern(
      #"\bthe present (?:disclosure|invention|application|technology|subject matter|techniques?)\b"#,
      "patent boilerplate (“the present disclosure”)"),
    LintPattern(
      #"\b(?:this|the) (?:disclosure|filing|document|invention) (?:describes|relates|discloses|is directed|pertains)\b"#,
      "a patent's self-description (“the disclosure describes”): say what it does"),
    LintPattern(
      sentenceStart + #"Examples(?: of the [^.]*?)? (?:describe|are disclosed|are described|disclose)\b"#,
      caseSensitive: true, "patent boilerplate (“Examples … describe”)"),
    LintPattern(#"\bsubject matter\b"#, "patent boilerplate (“subject matter”)"),
    LintPattern(#"\bexemplary\b"#, "patent word (“exemplary”)"),
    LintPattern(#"\bherein(?:after|above|below)?\b"#, "patent word (“herein”)"),
    LintPattern(#"\bIt covers\b"#, caseSensitive: true, "our old rewording of patent boilerplate (“It covers …”)"),
  ]

  static let claimLanguage: [LintPattern] = [
    LintPattern(#"\bwhere(?:in|by)\b"#, "claim language (“wherein”/“whereby”)"),
    LintPattern(#"\bcompris(?:e|es|ed|ing)\b"#, "claim language (“comprising”): say “has” or “includes”"),
    LintPattern(#"\bthere(?:of|in|by|to|on|with|from)\b"#, "claim language (“thereof”, “therein” …)"),
    LintPattern(#"\bplurality\b"#, "claim language (“plurality”): say “several” or give the number"),
    LintPattern(#"\bconfigured to\b"#, "claim language (“configured to”)"),
    LintPattern(#"\bnon-transitory\b"#, "claim language (“non-transitory”)"),
    LintPattern(#"\bcomputer[- ]readable\b"#, "claim language (“computer-readable”)"),
    LintPattern(#"\bone or more\b"#, "claim language (“one or more”): say “one or several”, or nothing"),
    LintPattern(#"\bat least one\b"#, "claim language (“at least one”)"),
    LintPattern(#"\band/or\b"#, "claim language (“and/or”)"),
    LintPattern(#";\s+(?:and|or)\b"#, "a claim's chain of clauses (“; and”): split the sentence"),
    LintPattern(
      #"\b(?:of|to|in|on|from|by|with|for|at|into|onto|wherein|whereby|when|using|via|through|and|the) said (?!(?:that|the|a|an|it|this|so|yes|no|and|or)\b)[a-z]"#,
      "claim language (“said device”): say “the”"),
    LintPattern(#"\bfirst and second\b"#, "claim labelling (“first and second …”): name the things instead"),
  ]

  static let padding: [LintPattern] = [
    LintPattern(
      #"\bIt is one of (?:\w+|\d+) (?:filings|patents|applications) from\b[^.]*\.?"#,
      "padding: says nothing about the filing"),
    LintPattern(
      #"\b(?:It|This) is the only (?:filing|patent|application) from\b[^.]*\.?"#, "padding: says nothing about the filing"),
    LintPattern(#"\bThe filing sits with this week's\b[^.]*\.?"#, "padding: says nothing about the filing"),
    LintPattern(#"\bits drawings show how the pieces fit together\b"#, "padding: says nothing about the filing"),
  ]

  /// Slots left empty and text cut short ("is working on ,", "describes .", "…").
  static let cuts: [LintPattern] = [
    LintPattern(#"\s+[,.;:!?](?![.\w])"#, "an empty slot or a space before punctuation (“working on ,”)"),
    LintPattern(#",\s*[.;:!?]"#, "a dangling comma before the end of a sentence"),
    LintPattern(#"\.\.\.|…"#, "an ellipsis: the text was cut"),
    LintPattern(#"\S {2,}\S|\S {2,}$|^ +| +$"#, "two spaces or a trailing space: a slot was left empty"),
    LintPattern(#"\(\s*\)|“\s*”|"\s*""#, "an empty pair of brackets or quotes"),
  ]
}
