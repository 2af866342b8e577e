/// The words of a text as 64-bit hashes (FNV-1a of their lower-case UTF-8), for matching keyword
/// phrases without making a `String` per word: classifying must stay a small part of reading.
///
/// Words split at anything but letters and digits, as `TopicTagger.words(of:)` splits them
/// ("self-driving" and "vehicle—tethered" are two words). ASCII is lower-cased; other letters are
/// kept as they are (keywords are plain English).
struct WordHashes {
  private(set) var hashes: [UInt64] = []

  static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
  static let prime: UInt64 = 0x100_0000_01b3

  init(_ text: String) {
    hashes.reserveCapacity(text.utf8.count / 5)
    var hash = Self.offsetBasis
    var inWord = false
    // Where the text stands after the latest full stop: a full stop, a space and a capital end
    // the first sentence; "e.g. a camera" does not.
    var afterFullStop = FullStop.none
    for scalar in text.unicodeScalars {
      let value = scalar.value
      if value < 0x80 {
        let byte = UInt8(value)
        let folded: UInt8
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
          folded = byte
          afterFullStop = .none
        case UInt8(ascii: "A")...UInt8(ascii: "Z"):
          folded = byte | 0x20
          if afterFullStop == .space && openingSentenceEnd == nil { openingSentenceEnd = hashes.count }
          afterFullStop = .none
        default:
          if inWord { hashes.append(hash) }
          hash = Self.offsetBasis
          inWord = false
          switch byte {
          case UInt8(ascii: "."): afterFullStop = .fullStop
          case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
            if afterFullStop == .fullStop { afterFullStop = .space }
          default: afterFullStop = .none
          }
          continue
        }
        hash = (hash ^ UInt64(folded)) &* Self.prime
      } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
        // Other letters are kept as they are; dashes, curly quotes and the like split words.
        for byte in UTF8.encode(scalar)! { hash = (hash ^ UInt64(byte)) &* Self.prime }
        afterFullStop = .none
      } else {
        if inWord { hashes.append(hash) }
        hash = Self.offsetBasis
        inWord = false
        afterFullStop = .none
        continue
      }
      inWord = true
    }
    if inWord { hashes.append(hash) }
  }

  private enum FullStop { case none, fullStop, space }

  /// The number of words before the second sentence starts, if the text has a second sentence.
  private var openingSentenceEnd: Int?

  /// The number of words of the text's first sentence (all of them when it has one sentence):
  /// what an abstract says first, which names the invention as a title would.
  var openingSentenceWordCount: Int { openingSentenceEnd ?? hashes.count }

  var count: Int { hashes.count }

  /// The hash of one word, as `init` computes it for each word of a text.
  static func hash(_ word: String) -> UInt64 {
    WordHashes(word).hashes.first ?? offsetBasis
  }
}

/// A fixed table from word hashes to small integers (open addressing), cheaper per lookup than a
/// `Dictionary`, which hashes its keys again.
struct WordTable: Sendable {
  private var keys: [UInt64]
  private var values: [Int]
  private let mask: Int

  init(_ entries: [(UInt64, Int)]) {
    var capacity = 64
    while capacity < entries.count * 3 { capacity *= 2 }
    keys = [UInt64](repeating: 0, count: capacity)
    values = [Int](repeating: -1, count: capacity)
    mask = capacity - 1
    for (key, value) in entries {
      var index = Int(truncatingIfNeeded: key) & mask
      while values[index] != -1 && keys[index] != key { index = (index + 1) & mask }
      keys[index] = key
      values[index] = value
    }
  }

  @inline(__always)
  func value(for key: UInt64) -> Int? {
    var index = Int(truncatingIfNeeded: key) & mask
    while values[index] != -1 {
      if keys[index] == key { return values[index] }
      index = (index + 1) & mask
    }
    return nil
  }

  func contains(_ key: UInt64) -> Bool { value(for: key) != nil }
}
