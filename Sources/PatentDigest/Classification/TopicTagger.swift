/// Tags a record with the watch list's topics, from its CPC symbols and the words of its title
/// and abstract, and says why.
struct TopicTagger: Sendable {
  static let mainCPCWeight = 3
  static let furtherCPCWeight = 1
  static let titleKeywordWeight = 2
  static let abstractKeywordWeight = 1
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
    // Evidence as it is found: at most one item of each kind (main CPC, CPC, title, abstract) per topic.
    var evidence: [(topic: Int, weight: Int, kind: Int, reason: String)] = []
    func add(_ topic: Int, _ weight: Int, kind: Int, _ reason: @autoclosure () -> String) {
      if !evidence.contains(where: { $0.topic == topic && $0.kind == kind }) { evidence.append((topic, weight, kind, reason())) }
    }
    for symbol in record.cpc {
      for entry in groupsBySubclass[symbol.symbol.prefix(4)] ?? [] where Self.symbol(symbol.symbol, isIn: entry.group) {
        if symbol.main {
          add(entry.topic, Self.mainCPCWeight, kind: 0, "main CPC \(symbol.symbol) is in \(entry.group) (\(entry.title))")
        } else {
          add(entry.topic, Self.furtherCPCWeight, kind: 1, "CPC \(symbol.symbol) is in \(entry.group) (\(entry.title))")
        }
      }
    }
    for (wordList, weight, kind) in [(titleWords, Self.titleKeywordWeight, 2), (abstractWords, Self.abstractKeywordWeight, 3)] {
      let words = wordList.hashes
      for (position, word) in words.enumerated() {
        guard let group = keywordsByFirstWord.value(for: word) else { continue }
        for entry in keywordGroups[group] where position + entry.words.count <= words.count {
          if entry.words.count == 1 || words[position..<(position + entry.words.count)].elementsEqual(entry.words) {
            add(entry.topic, weight, kind: kind, "\(kind == 2 ? "title" : "abstract") mentions “\(entry.keyword)”")
          }
        }
      }
    }
    var matches: [TopicMatch] = []
    for index in Set(evidence.map(\.topic)).sorted() {
      let items = evidence.filter { $0.topic == index }
      let weight = items.reduce(0) { $0 + $1.weight }
      guard weight >= Self.threshold else { continue }
      let topic = topics[index]
      matches.append(
        TopicMatch(
          name: topic.name, phrase: topic.phrase, consumer: topic.consumer, weight: weight,
          reasons: items.sorted { $0.kind < $1.kind }.map(\.reason)))
    }
    // Strongest first; the file's order breaks ties, so the result never depends on hashing.
    return matches.enumerated().sorted { ($0.element.weight, -$0.offset) > ($1.element.weight, -$1.offset) }.map(\.element)
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
