/// The article rules: "a"/"an" before an uncountable noun phrase, and "a"/"an" before the wrong sound.
extension HitFinder {
  mutating func findArticleProblems() {
    let tokens = Tokens.all(in: piece.text)
    for (index, token) in tokens.enumerated() where token.isWord {
      guard
        token.text == "a" || token.text == "an"
          || ((token.text == "A" || token.text == "An") && Self.startsSentence(tokens, at: index))
      else { continue }
      var next = index + 1
      while next < tokens.count, !tokens[next].isWord, "“\"‘'".contains(tokens[next].text) { next += 1 }
      guard next < tokens.count, tokens[next].isWord else { continue }
      let article = token.text.lowercased()
      let word = tokens[next]
      // "a and b", "assuming a is sorted": a letter used as a name, not an article.
      if Tokens.stopWords.contains(word.text.lowercased()) { continue }
      if let vowel = ArticleSounds.startsWithVowelSound(word.text), vowel != (article == "an") {
        add(
          .wrongIndefiniteArticle, token.range.lowerBound..<word.range.upperBound,
          vowel ? "“\(word.text)” starts with a vowel sound: “an”" : "“\(word.text)” starts with a consonant sound: “a”")
      }
      findUncountable(after: token, words: Array(tokens[next...]))
    }
  }

  private static func startsSentence(_ tokens: [Token], at index: Int) -> Bool {
    var previous = index - 1
    while previous >= 0, !tokens[previous].isWord, "“\"(‘'".contains(tokens[previous].text) { previous -= 1 }
    return previous < 0 || (!tokens[previous].isWord && ".!?:".contains(tokens[previous].text))
  }

  /// The noun phrase after the article, split at "and"/"or" into its conjuncts; each conjunct's
  /// last word is its head. A phrase ends at punctuation, a stop word, a likely verb (a word in
  /// -s followed by more words), or a participle (an -ing word followed by more words: "a device
  /// tracking eye movement" has the head "device").
  private mutating func findUncountable(after article: Token, words tokens: [Token]) {
    var conjuncts: [[Token]] = [[]]
    var index = 0
    while index < tokens.count {
      let token = tokens[index]
      guard token.isWord else { break }
      let lower = token.text.lowercased()
      let following = index + 1 < tokens.count && tokens[index + 1].isWord ? tokens[index + 1].text.lowercased() : nil
      if lower == "and" || lower == "or" {
        guard let following, !Tokens.stopWords.contains(following), !conjuncts[conjuncts.count - 1].isEmpty else { break }
        conjuncts.append([])
        index += 1
        continue
      }
      if Tokens.stopWords.contains(lower) || NounLists.isAdverb(lower) { break }
      // "a little feedback", "a lot of data", "a few": a quantity, not the noun's article.
      if conjuncts.count == 1, conjuncts[0].isEmpty, NounLists.quantities.contains(lower) { return }
      // "a user's data": the article belongs to the owner.
      if lower.hasSuffix("'s") || lower.hasSuffix("’s") || lower.hasSuffix("s'") || lower.hasSuffix("s’") {
        conjuncts[conjuncts.count - 1].append(token)
        break
      }
      if NounLists.isIngForm(lower), let following {
        // "a voltage representing a quantity", "a DNS query corresponding to", "a browser running
        // on": a participle starts a clause; the head came before it.
        if NounLists.participleFollowers.contains(following) || NounLists.intransitiveParticiples.contains(lower) { break }
        // "a processing unit", "a device tracking eye movement", "a light detection and ranging
        // device": the head is unknown; leave the phrase.
        if !Tokens.stopWords.contains(following), following != "and", following != "or" { return }
      }
      let continues = following.map { !Tokens.stopWords.contains($0) } ?? false
      if continues, NounLists.looksLikeVerb(lower) { break }
      conjuncts[conjuncts.count - 1].append(token)
      index += 1
    }
    conjuncts.removeAll { $0.isEmpty }
    // Earlier conjuncts may be modifiers of a shared head ("a light detection and ranging
    // device"): they are checked only when the last one is itself a process or a mass noun ("a
    // formula and function generation and use").
    guard let last = conjuncts.last?.last?.text.lowercased() else { return }
    let checked = NounLists.opensEarlierConjuncts(last) ? conjuncts : [conjuncts[conjuncts.count - 1]]
    for conjunct in checked {
      guard let head = conjunct.last, head.text.first?.isUppercase != true else { continue }
      let word = head.text.lowercased()
      let modifier = conjunct.count >= 2 ? conjunct[conjunct.count - 2].text.lowercased() : nil
      let articleWord = article.text.lowercased()
      let reason: String?
      if NounLists.isIngNominal(word) {
        reason = "“\(head.text)” is an activity, not a thing: it takes no “\(articleWord)”"
      } else if NounLists.massNouns.contains(word) {
        reason = "“\(head.text)” has no plural: it takes no “\(articleWord)”"
      } else if NounLists.processNouns.contains(word) {
        reason = "“\(head.text)” here names a process, not a thing: it takes no “\(articleWord)”"
      } else if let modifier, NounLists.processNounsAfterNoun.contains(word), NounLists.isNounModifier(modifier),
        conjunct[conjunct.count - 2].text.filter(\.isUppercase).count < 2
      {
        reason = "“\(modifier) \(head.text)” names a process, not a thing: it takes no “\(articleWord)”"
      } else {
        reason = nil
      }
      if let reason {
        add(.articleBeforeUncountable, article.range.lowerBound..<head.range.upperBound, reason)
        return  // one hit per article
      }
    }
  }
}

/// Whether a word starts with a vowel sound, as "a"/"an" hear it; nil when it could go either way.
enum ArticleSounds {
  /// Letters whose names start with a vowel sound: an A, an F, an H, an LED, an MRI, an SoC.
  private static let vowelLetterNames: Set<Character> = ["A", "E", "F", "H", "I", "L", "M", "N", "O", "R", "S", "X"]
  private static let youPrefixes = [
    "unif", "unio", "uniq", "unit", "univ", "unic", "unidir", "unil", "unis", "unix", "use", "usa", "usu", "uti", "ure", "uri",
    "uro", "ura", "ubiq", "uku", "ute", "utop", "eu", "ewe",
  ]
  private static let uhPrefixes = ["un", "up", "ul", "um", "ug", "ush", "utter", "urb", "urg", "ubun"]
  private static let silentH = ["hour", "honest", "honor", "honour", "heir", "herb"]

  static func startsWithVowelSound(_ word: String) -> Bool? {
    guard let first = word.first else { return nil }
    if first.isNumber {
      let digits = word.prefix(while: \.isNumber)
      if digits.hasPrefix("8") { return true }
      if digits == "11" || digits == "18" { return true }
      if digits.hasPrefix("11") || digits.hasPrefix("18") { return nil }
      return false
    }
    let letters = word.prefix(while: { $0.isLetter || $0.isNumber })
    if letters.count >= 2, let second = letters.dropFirst().first, first.isLowercase, second.isUppercase {
      return first == "e" || first == "i" ? true : nil  // eSIM, iPhone: "ee", "eye"
    }
    if letters.count == 1, first.isUppercase { return vowelLetterNames.contains(first) }
    // "SSLContext", "HTTPServer": the capitals in front are read by their letters.
    let leadingCapitals = letters.prefix(while: \.isUppercase)
    if leadingCapitals.count >= 3, leadingCapitals.count < letters.count {
      return startsWithVowelSound(String(leadingCapitals.dropLast()))
    }
    if ReadingGrade.isReadByLetters(String(letters)) {
      if first == "U" { return false }
      let upper = Character(first.uppercased())
      // RAM, SIM, LAN, NASA, LED may be said as words: then "a" and "an" both pass.
      let hasVowelEarly = letters.dropFirst().prefix(2).contains(where: { "AEIOUaeiou".contains($0) })
      if "FHLMNRSX".contains(upper), hasVowelEarly { return nil }
      return vowelLetterNames.contains(upper)
    }
    let lower = word.lowercased()
    if lower == "one" || lower == "once" || lower.hasPrefix("one-") || lower == "ones" { return false }
    // "an Xbox", "an x-ray" ("ex"); "a xylophone" ("zai").
    if lower.hasPrefix("x"), let second = lower.dropFirst().first { return !"aeiouy".contains(second) }
    if youPrefixes.contains(where: { lower.hasPrefix($0) }) {
      if lower.hasPrefix("unin") || lower.hasPrefix("unid") || lower.hasPrefix("unim") { return nil }
      return false
    }
    if lower.hasPrefix("u") { return uhPrefixes.contains(where: { lower.hasPrefix($0) }) ? true : nil }
    if lower.hasPrefix("h") { return silentH.contains(where: { lower.hasPrefix($0) }) }
    if let letter = lower.first, "aeio".contains(letter) { return true }
    if let letter = lower.first, letter.isLetter { return false }
    return nil
  }
}
