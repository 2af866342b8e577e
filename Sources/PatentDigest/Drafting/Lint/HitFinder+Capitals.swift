import Foundation

/// Lost capitals: an acronym of the filing ("IP", "HVAC", "eSIM") written in lower case in the copy.
extension HitFinder {
  /// Lower-case forms that are English words: an acronym that spells one ("IT", "LED", "CAN") may
  /// stand in the copy as the word.
  private static let englishWords: Set<String> = [
    "it", "us", "as", "or", "an", "on", "in", "at", "to", "do", "go", "me", "we", "no", "so", "up", "am", "is", "be", "by",
    "of", "if", "my", "he", "hi", "ok", "id", "can", "may", "and", "the", "for", "not", "all", "any", "are", "was", "sum",
    "max", "min", "set", "get", "put", "add", "run", "end", "led", "cat", "dog", "bus", "arm", "pin", "cap", "tap", "map",
    "tip", "gap", "man", "pan", "van", "fan", "ban", "con", "pro", "app", "air", "art", "car", "day", "way", "key", "top",
    "new", "one", "two", "use", "see", "sea", "mix", "net", "web", "aim", "act", "age", "ago", "ad", "ads", "bit", "box",
    "but", "has", "had", "his", "her", "its", "our", "out", "own", "per", "via", "yes", "you", "who", "why", "how", "now",
    "off", "old", "big", "low", "raw", "row",
    "lid", "core", "data", "mode", "node", "time", "user", "file", "page", "code", "link", "item", "list", "text", "type",
    "tag", "log", "bin", "dot", "ring", "ping", "scan", "hub", "lens", "mask", "grid", "cell", "unit", "card", "port",
  ]

  private static let parenthesisedLetters = try! NSRegularExpression(pattern: #"\(([a-z]{2,5})\)"#)

  mutating func findLostCapitals() {
    var reported: Set<String> = []
    for acronym in Self.acronyms(in: piece.sources) where !reported.contains(acronym.lowercased()) {
      let lower = acronym.lowercased()
      for word in Tokens.words(in: piece.text) where word.text == lower {
        add(.lostCapitals, word.range, "the filing writes “\(acronym)”; the copy lost its capitals")
        reported.insert(lower)
        break
      }
    }
    // Without sources (and as well): "internet protocol (ip)", a lower-case acronym in brackets
    // right after the words whose initials spell it.
    let whole = NSRange(piece.text.startIndex..., in: piece.text)
    for match in Self.parenthesisedLetters.matches(in: piece.text, range: whole) {
      guard let range = Range(match.range, in: piece.text), let lettersRange = Range(match.range(at: 1), in: piece.text)
      else { continue }
      let letters = String(piece.text[lettersRange])
      guard !reported.contains(letters) else { continue }
      let before = Tokens.words(in: String(piece.text[..<range.lowerBound])).map { $0.text.lowercased() }
        .filter { !["of", "and", "the", "for", "to", "in", "a", "an", "or"].contains($0) }
      let initials = String(before.suffix(letters.count).compactMap(\.first))
      let hyphenParts = before.suffix(letters.count).flatMap { $0.split(separator: "-") }
      let hyphenInitials = String(hyphenParts.suffix(letters.count).compactMap(\.first))
      if initials == letters || hyphenInitials == letters {
        add(.lostCapitals, range, "“(\(letters))” spells the words before it: write it “(\(letters.uppercased()))”")
      }
    }
  }

  /// Acronyms of the source texts: two or more capitals with no lower case ("HVAC", "UAV"), or
  /// capitals inside a word ("eSIM", "LiDAR", "SoC"). Texts mostly in capitals (a title in upper
  /// case) are skipped: their capitals say nothing.
  static func acronyms(in sources: CopySources) -> [String] {
    var found: [String] = []
    for text in sources.texts {
      let letters = text.filter(\.isLetter)
      guard !letters.isEmpty, Double(letters.filter(\.isUppercase).count) / Double(letters.count) < 0.6 else { continue }
      for token in Tokens.words(in: text) {
        for part in token.text.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." }) {
          let word = part.hasSuffix("s") && part.dropLast().allSatisfy(\.isUppercase) ? part.dropLast() : part
          guard word.count >= 2, word.contains(where: \.isLetter) else { continue }
          let capitals = word.filter(\.isUppercase).count
          let innerCapital = zip(word, word.dropFirst()).contains { $0.isLowercase && $1.isUppercase }
          let allCapitals = capitals >= 2 && !word.contains(where: \.isLowercase)
          guard allCapitals || innerCapital else { continue }
          let lower = word.lowercased()
          if englishWords.contains(lower) || !lower.contains(where: \.isLetter) { continue }
          if !found.contains(String(word)) { found.append(String(word)) }
        }
      }
    }
    return found
  }
}
