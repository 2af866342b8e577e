import Foundation

/// An organisation name reduced to what identifies it: lower case, no accents or punctuation,
/// `&` read as "and", a leading "The" and trailing legal forms set aside. Two spellings of one
/// name give the same key: "GOOGLE LLC", "Google, Inc." and "Google Inc" are all `google`.
struct CompanyNameKey: Hashable, Sendable {
  let words: [String]

  var text: String { words.joined(separator: " ") }

  init(_ name: String) {
    var words = Self.words(of: name)
    if words.count > 1 && words.first == "the" { words.removeFirst() }
    var stripped = true
    while stripped && words.count > 1 {
      stripped = false
      if Self.oneWordLegalForms.contains(words[words.count - 1]) {
        words.removeLast()
        stripped = true
        continue
      }
      for suffix in Self.longerLegalForms where words.count > suffix.count && words.suffix(suffix.count).elementsEqual(suffix) {
        words.removeLast(suffix.count)
        stripped = true
        break
      }
    }
    // Japanese names sometimes put the legal form first: "Kabushiki Kaisha Toshiba".
    if words.count > 2 && words[0] == "kabushiki" && words[1] == "kaisha" { words.removeFirst(2) }
    self.words = words
  }

  /// Legal forms, as the words they become once punctuation is gone ("L.L.C." is "l l c").
  static let legalForms: [[String]] = [
    "inc", "incorporated", "llc", "l l c", "corp", "corporation", "co", "company", "ltd", "limited",
    "gmbh", "ag", "kk", "k k", "kabushiki kaisha", "plc", "sa", "s a", "bv", "b v", "nv", "n v", "ab", "oy", "oyj",
    "spa", "s p a", "srl", "sas", "se", "lp", "l p", "llp", "pte", "pty", "ltda", "a s", "as", "aps", "s a s",
  ].map { $0.split(separator: " ").map(String.init) }

  private static let oneWordLegalForms = Set(legalForms.filter { $0.count == 1 }.map { $0[0] })
  private static let longerLegalForms = legalForms.filter { $0.count > 1 }

  /// Words of a name: letters and digits, folded to lower case ASCII where they can be.
  static func words(of name: String) -> [String] {
    if name.utf8.allSatisfy({ $0 < 0x80 }) { return asciiWords(of: name) }
    let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil).lowercased()
    var words: [String] = []
    var current = ""
    func flush() {
      if !current.isEmpty { words.append(current) }
      current = ""
    }
    for character in folded {
      if character == "&" {
        flush()
        words.append("and")
      } else if character == "'" || character == "’" {
        continue  // "Macy's" is "macys"
      } else if character.isLetter || character.isNumber {
        current.append(character)
      } else {
        flush()
      }
    }
    flush()
    return words
  }

  /// The same for plain ASCII names (nearly all), byte by byte.
  private static func asciiWords(of name: String) -> [String] {
    var words: [String] = []
    var current: [UInt8] = []
    func flush() {
      if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
      current.removeAll(keepingCapacity: true)
    }
    for byte in name.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): current.append(byte)
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): current.append(byte | 0x20)
      case UInt8(ascii: "'"): continue
      case UInt8(ascii: "&"):
        flush()
        words.append("and")
      default: flush()
      }
    }
    flush()
    return words
  }
}
