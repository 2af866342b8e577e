/// Words and punctuation of a piece of copy, with where each lies.
struct Token {
  var text: String
  var range: Range<String.Index>
  /// Letters, digits, and the hyphens, slashes and apostrophes inside them.
  var isWord: Bool
}

enum Tokens {
  static func all(in text: String) -> [Token] {
    var tokens: [Token] = []
    var index = text.startIndex
    func isWordCharacter(_ character: Character) -> Bool { character.isLetter || character.isNumber }
    while index < text.endIndex {
      let character = text[index]
      if character.isWhitespace {
        index = text.index(after: index)
      } else if isWordCharacter(character) {
        var end = text.index(after: index)
        while end < text.endIndex {
          let next = text[end]
          if isWordCharacter(next) {
            end = text.index(after: end)
          } else if "-'’/.".contains(next), text.index(after: end) < text.endIndex, isWordCharacter(text[text.index(after: end)])
          {
            end = text.index(after: end)
          } else {
            break
          }
        }
        tokens.append(Token(text: String(text[index..<end]), range: index..<end, isWord: true))
        index = end
      } else {
        let end = text.index(after: index)
        tokens.append(Token(text: String(character), range: index..<end, isWord: false))
        index = end
      }
    }
    return tokens
  }

  static func words(in text: String) -> [Token] { all(in: text).filter(\.isWord) }

  /// Words that end a noun phrase: prepositions, conjunctions, relative words, auxiliaries,
  /// determiners and pronouns.
  static let stopWords: Set<String> = [
    "of", "in", "on", "at", "for", "with", "without", "to", "from", "by", "into", "onto", "over", "under", "between",
    "among", "across", "through", "via", "using", "based", "about", "against", "along", "around", "before", "after",
    "during", "within", "inside", "outside", "per", "toward", "towards", "upon", "like", "including", "such", "that",
    "which", "who", "whom", "whose", "where", "when", "while", "whether", "if", "because", "so", "than", "as", "but",
    "then", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "can", "could", "may", "might",
    "will", "would", "shall", "should", "must", "does", "do", "did", "it", "its", "their", "they", "them", "he", "she",
    "we", "you", "i", "the", "a", "an", "this", "these", "those", "each", "every", "any", "some", "no", "not", "also",
    "both", "either", "neither", "all", "more", "most", "less", "other", "another", "whereby", "wherein", "rather",
    "instead", "here", "there", "now", "again", "too", "very", "just", "only", "even", "still", "already", "always",
    "never", "often", "up", "down", "out", "off", "away", "back", "there", "what", "how", "why", "his", "her", "our",
    "your", "my", "and", "or", "nor", "yet",
  ]
}
