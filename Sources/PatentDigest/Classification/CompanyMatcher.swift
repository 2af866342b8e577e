/// Finds the watched parent company of an assignee name: exact on normalised names, with the
/// ownership periods of the watch list, and forgiving one typing slip in a long word.
struct CompanyMatcher: Sendable {
  /// How a name was recognised, for the reasons shown to editors.
  enum MatchKind: String, Sendable {
    case exact
    case listedMisspelling = "listed misspelling"
    case typingSlip = "one typing slip"
  }

  struct Match: Sendable {
    var company: Int
    var listedName: String
    var kind: MatchKind
  }

  private struct Entry: Sendable {
    var company: Int
    var name: WatchList.CompanyName
    var isMisspelling = false
  }

  /// Words shorter than this are never guessed at: "Apple" and "Apply" are different companies.
  static let shortestSlipWord = 7

  let companies: [WatchList.Company]
  private var exact: [String: [Entry]] = [:]
  /// Names with one word replaced by `*`, for the one-slip rule.
  private var wildcards: [String: [(entry: Entry, word: String)]] = [:]

  init(companies: [WatchList.Company]) {
    self.companies = companies
    for (index, company) in companies.enumerated() {
      for name in company.names {
        let key = CompanyNameKey(name.name)
        let entry = Entry(company: index, name: name)
        exact[key.text, default: []].append(entry)
        for (position, word) in key.words.enumerated() where word.count >= Self.shortestSlipWord {
          wildcards[Self.wildcard(key.words, at: position), default: []].append((entry, word))
        }
      }
      for misspelling in company.misspellings {
        let entry = Entry(
          company: index, name: WatchList.CompanyName(name: misspelling, why: "listed misspelling"), isMisspelling: true)
        exact[CompanyNameKey(misspelling).text, default: []].append(entry)
      }
    }
  }

  private static func wildcard(_ words: [String], at position: Int) -> String {
    var copy = words
    copy[position] = "*"
    return copy.joined(separator: " ")
  }

  /// The company `name` belongs to on a document published on `date`, if any.
  func match(_ name: String, publishedOn date: String?) -> Match? {
    let key = CompanyNameKey(name)
    if let entries = exact[key.text] {
      // A name listed for a period means the parent only in that period, even if a typo rule
      // would match something else.
      guard let entry = entries.first(where: { $0.name.covers(date) }) else { return nil }
      return Match(company: entry.company, listedName: entry.name.name, kind: entry.isMisspelling ? .listedMisspelling : .exact)
    }
    for (position, word) in key.words.enumerated() where word.count >= Self.shortestSlipWord {
      guard let candidates = wildcards[Self.wildcard(key.words, at: position)] else { continue }
      for candidate in candidates where candidate.entry.name.covers(date) {
        if candidate.word.first == word.first && Self.isOneSlip(word, candidate.word) {
          return Match(company: candidate.entry.company, listedName: candidate.entry.name.name, kind: .typingSlip)
        }
      }
    }
    return nil
  }

  /// True when `a` and `b` differ by exactly one letter added, dropped or changed, or two
  /// neighbouring letters swapped.
  static func isOneSlip(_ a: String, _ b: String) -> Bool {
    let x = Array(a)
    let y = Array(b)
    if x == y { return false }
    if x.count == y.count {
      let differences = (0..<x.count).filter { x[$0] != y[$0] }
      if differences.count == 1 { return true }
      if differences.count == 2, differences[1] == differences[0] + 1 {
        let i = differences[0]
        return x[i] == y[i + 1] && x[i + 1] == y[i]
      }
      return false
    }
    guard abs(x.count - y.count) == 1 else { return false }
    let (longer, shorter) = x.count > y.count ? (x, y) : (y, x)
    var i = 0
    while i < shorter.count && longer[i] == shorter[i] { i += 1 }
    return longer[(i + 1)...].elementsEqual(shorter[i...])
  }
}
