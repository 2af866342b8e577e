/// How hard a text is to read, as the Flesch-Kincaid grade: 0.39 × words per sentence + 11.8 ×
/// syllables per word − 15.59. The blurb writer prefers sentences of a lower grade.
///
/// Syllables are estimated from spelling (groups of vowels, a silent final "e", "-le", "-ed"), the
/// usual rule-of-thumb count: within one syllable of a dictionary on most words, which is all a
/// ranking of sentences needs.
enum Readability {
  static func grade(of text: String) -> Double {
    let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
    guard !words.isEmpty else { return 0 }
    let sentences = max(1, text.split(whereSeparator: { ".?!".contains($0) }).filter { $0.contains(where: \.isLetter) }.count)
    let syllableCount = words.reduce(0) { $0 + syllables(in: $1) }
    return 0.39 * Double(words.count) / Double(sentences) + 11.8 * Double(syllableCount) / Double(words.count) - 15.59
  }

  /// Syllables of one word, from its spelling; an acronym ("UAV") counts one per letter.
  static func syllables(in word: Substring) -> Int {
    let letters = word.filter(\.isLetter)
    guard !letters.isEmpty else { return word.contains(where: \.isNumber) ? 1 : 0 }
    if letters.count >= 2 && letters.count <= 5 && letters.allSatisfy(\.isUppercase) { return letters.count }
    var lower = Array(letters.lowercased())
    if lower.count <= 3 { return 1 }
    // A silent final "e" ("ride"), "-es" and "-ed" after most consonants ("makes", "used").
    if lower.last == "e" && !(lower.count > 2 && lower[lower.count - 2] == "l") { lower.removeLast() }
    if lower.count > 3, lower.suffix(2) == ["e", "d"] || lower.suffix(2) == ["e", "s"], !"td".contains(lower[lower.count - 3]) {
      lower.removeLast(2)
    }
    var count = 0
    var previousWasVowel = false
    for character in lower {
      let isVowel = "aeiouy".contains(character)
      if isVowel && !previousWasVowel { count += 1 }
      previousWasVowel = isVowel
    }
    return max(1, count)
  }
}
