/// Tags a record with the watch list's topics, from its CPC symbols and the words of its title
/// and abstract, and says why.
struct TopicTagger: Sendable {
  static let mainCPCWeight = 3
  static let furtherCPCWeight = 1
  static let titleKeywordWeight = 2
  /// A record without a title: the first sentence of its abstract names the invention instead.
  static let openingSentenceKeywordWeight = 2
  /// Each mention in the abstract (after that first sentence, when it stands in for the title).
  static let abstractKeywordWeight = 1
  /// Mentions of a topic's keywords in the abstract that count: an abstract that comes back to a
  /// topic is about it, but weighs no more than a title that names it.
  static let abstractMentionsCounted = 2
  static let threshold = 2

  private struct GroupEntry: Sendable {
    var topic: Int
    var group: String
    var title: String
  }

  private struct KeywordEntry: Sendable {
    var topic: Int
    var keyword: String
    var words: [UInt64]
  }

  /// What puts one topic on one record, as it is found: at most one item of each kind, and
  /// `abstractMentionsCounted` mentions in the abstract.
  private struct Evidence {
    var topic: Int
    var mainCPC: (symbol: String, group: GroupEntry)?
    var furtherCPC: (symbol: String, group: GroupEntry)?
    var titleKeyword: String?
    var openingKeyword: String?
    var abstractKeywords: [String] = []
    /// The word where the latest mention in the abstract starts: two keywords starting at one
    /// word ("head-mounted", "head-mounted display") are one mention.
    var latestAbstractPosition = -1

    init(topic: Int) { self.topic = topic }

    var weight: Int {
      (mainCPC == nil ? 0 : TopicTagger.mainCPCWeight) + (furtherCPC == nil ? 0 : TopicTagger.furtherCPCWeight)
        + (titleKeyword == nil ? 0 : TopicTagger.titleKeywordWeight)
        + (openingKeyword == nil ? 0 : TopicTagger.openingSentenceKeywordWeight)
        + abstractKeywords.count * TopicTagger.abstractKeywordWeight
    }

    var reasons: [String] {
      var reasons: [String] = []
      if let (symbol, group) = mainCPC { reasons.append("main CPC \(symbol) is in \(group.group) (\(group.title))") }
      if let (symbol, group) = furtherCPC { reasons.append("CPC \(symbol) is in \(group.group) (\(group.title))") }
      if let titleKeyword { reasons.append("title mentions “\(titleKeyword)”") }
      if let openingKeyword { reasons.append("first sentence of the abstract (no title) mentions “\(openingKeyword)”") }
      let abstract = openingKeyword == nil ? "abstract" : "rest of the abstract"
      switch abstractKeywords.count {
      case 0: break
      case 1: reasons.append("\(abstract) mentions “\(abstractKeywords[0])”")
      default:
        if abstractKeywords.allSatisfy({ $0 == abstractKeywords[0] }) {
          reasons.append(
            "\(abstract) mentions “\(abstractKeywords[0])” \(abstractKeywords.count == 2 ? "twice" : "\(abstractKeywords.count) times")"
          )
        } else {
          let quoted = abstractKeywords.map { "“\($0)”" }
          reasons.append("\(abstract) mentions \(quoted.dropLast().joined(separator: ", ")) and \(quoted.last!)")
        }
      }
      return reasons
    }
  }

  let topics: [WatchList.Topic]
  /// CPC groups by their subclass (`G02B`), so a symbol is checked against a handful of groups.
  private var groupsBySubclass: [Substring: [GroupEntry]] = [:]
  /// Keywords, and a table from the hash of a first word to the keywords it starts.
  private var keywordGroups: [[KeywordEntry]] = []
  private var keywordsByFirstWord = WordTable([])

  init(topics: [WatchList.Topic]) {
    self.topics = topics
    for (index, topic) in topics.enumerated() {
      for group in topic.cpc {
        groupsBySubclass[group.group.prefix(4), default: []].append(
          GroupEntry(topic: index, group: group.group, title: group.title))
      }
    }
    var groupOfFirstWord: [UInt64: Int] = [:]
    var groups: [[KeywordEntry]] = []
    for (index, topic) in topics.enumerated() {
      for keyword in topic.keywords {
        let words = WordHashes(keyword).hashes
        guard let first = words.first else { continue }
        if groupOfFirstWord[first] == nil {
          groupOfFirstWord[first] = groups.count
          groups.append([])
        }
        groups[groupOfFirstWord[first]!].append(KeywordEntry(topic: index, keyword: keyword, words: words))
      }
    }
    keywordGroups = groups
    keywordsByFirstWord = WordTable(groupOfFirstWord.map { ($0.key, $0.value) })
  }

  /// True when `symbol` (`G02B 27/0172`) falls under `group` (`G02B`, `G02B 27`, `G02B 27/01`).
  static func symbol(_ symbol: String, isIn group: String) -> Bool {
    guard symbol.hasPrefix(group) else { return false }
    if group.count == 4 || group.contains("/") { return true }
    // A main group (`G06N 3`) must not take `G06N 30/...`.
    return symbol.dropFirst(group.count).first == "/"
  }

  func topics(for record: PatentRecord, titleWords: WordHashes, abstractWords: WordHashes) -> [TopicMatch] {
    var evidence: [Evidence] = []
    func index(of topic: Int) -> Int {
      if let index = evidence.firstIndex(where: { $0.topic == topic }) { return index }
      evidence.append(Evidence(topic: topic))
      return evidence.count - 1
    }
    for symbol in record.cpc {
      for entry in groupsBySubclass[symbol.symbol.prefix(4)] ?? [] where Self.symbol(symbol.symbol, isIn: entry.group) {
        let item = index(of: entry.topic)
        if symbol.main {
          if evidence[item].mainCPC == nil { evidence[item].mainCPC = (symbol.symbol, entry) }
        } else if evidence[item].furtherCPC == nil {
          evidence[item].furtherCPC = (symbol.symbol, entry)
        }
      }
    }
    forEachKeyword(in: titleWords.hashes) { _, entry in
      let item = index(of: entry.topic)
      if evidence[item].titleKeyword == nil { evidence[item].titleKeyword = entry.keyword }
    }
    let openingEnd = titleWords.count == 0 ? abstractWords.openingSentenceWordCount : 0
    forEachKeyword(in: abstractWords.hashes) { position, entry in
      let item = index(of: entry.topic)
      if position < openingEnd {
        if evidence[item].openingKeyword == nil { evidence[item].openingKeyword = entry.keyword }
      } else if evidence[item].abstractKeywords.count < Self.abstractMentionsCounted
        && evidence[item].latestAbstractPosition != position
      {
        evidence[item].abstractKeywords.append(entry.keyword)
        evidence[item].latestAbstractPosition = position
      }
    }
    var matches: [TopicMatch] = []
    for item in evidence.sorted(by: { $0.topic < $1.topic }) {
      let weight = item.weight
      guard weight >= Self.threshold else { continue }
      let topic = topics[item.topic]
      matches.append(
        TopicMatch(
          name: topic.name, phrase: topic.phrase, consumer: topic.consumer, plumbing: topic.plumbing, weight: weight,
          reasons: item.reasons))
    }
    // Strongest first; the file's order breaks ties, so the result never depends on hashing.
    return matches.enumerated().sorted { ($0.element.weight, -$0.offset) > ($1.element.weight, -$1.offset) }.map(\.element)
  }

  /// Calls `found` with the position and entry of every keyword that starts at a word of `words`.
  private func forEachKeyword(in words: [UInt64], _ found: (Int, KeywordEntry) -> Void) {
    for (position, word) in words.enumerated() {
      guard let group = keywordsByFirstWord.value(for: word) else { continue }
      for entry in keywordGroups[group] where position + entry.words.count <= words.count {
        if entry.words.count == 1 || words[position..<(position + entry.words.count)].elementsEqual(entry.words) {
          found(position, entry)
        }
      }
    }
  }

  /// Lower-case words of a text, split at anything but letters and digits ("self-driving" is two).
  ///
  /// Works on UTF-8 bytes: ASCII is lower-cased byte by byte, and only a word with other letters
  /// goes through `String.lowercased()`. Non-ASCII punctuation (dashes, curly quotes) splits words.
  static func words(of text: String) -> [String] {
    var words: [String] = []
    var current: [UInt8] = []
    var nonASCII = false
    func flush() {
      guard !current.isEmpty else { return }
      let word = String(decoding: current, as: UTF8.self)
      if nonASCII {
        // Split again at non-ASCII characters that are not letters or digits.
        var piece = ""
        for character in word.lowercased() {
          if character.isLetter || character.isNumber {
            piece.append(character)
          } else if !piece.isEmpty {
            words.append(piece)
            piece = ""
          }
        }
        if !piece.isEmpty { words.append(piece) }
      } else {
        words.append(word)
      }
      current.removeAll(keepingCapacity: true)
      nonASCII = false
    }
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        current.append(byte)
      case UInt8(ascii: "A")...UInt8(ascii: "Z"):
        current.append(byte | 0x20)
      case 0x80...:
        current.append(byte)
        nonASCII = true
      default:
        flush()
      }
    }
    flush()
    return words
  }
}
