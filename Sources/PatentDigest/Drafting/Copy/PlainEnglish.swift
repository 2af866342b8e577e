/// The text work under the copy: titles brought to sentence case (or title case), the base verb
/// of a title's gerund, an abstract cut into sentences, reference numerals dropped, words counted.
///
/// Rule-based and deterministic: the same text always gives the same words. What the copy makes of
/// them is `SubjectPhrase`'s and `BlurbWriter`'s; what it drops and swaps is `CopyRules`'.
enum PlainEnglish {
  // MARK: Titles

  /// Acronyms kept in capitals when a title written in capitals is brought to sentence case.
  static let acronyms: Set<String> = [
    "ai", "ar", "vr", "xr", "led", "oled", "uav", "gps", "usb", "rf", "5g", "4g", "3d", "2d", "cpu", "gpu", "ic", "api",
    "ml", "nfc", "sim", "lte", "hmd", "iot", "v2x", "dram", "sram", "mems", "cmos", "pcb", "ecg", "eeg", "uwb", "tv", "pc",
    "ui", "os", "id", "dna", "rna", "lcd", "nand", "ssd", "rfid", "qr", "ip", "ran", "mimo",
  ]

  /// Openings that say nothing: "Systems and methods for …".
  static let boilerplateOpenings = [
    "systems and methods for", "system and method for", "methods and systems for", "method and system for",
    "methods and apparatus for", "method and apparatus for", "apparatus and method for", "devices and methods for",
    "device and method for", "techniques for", "technologies for", "methods for", "method for", "systems for",
    "system for", "method of", "methods of", "process for", "apparatus for",
  ]

  /// Small words left in lower case inside a title-case subhead.
  static let smallWords: Set<String> = [
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on", "or", "per", "the", "to",
    "via", "vs", "with",
  ]

  /// A title as a sentence-case phrase: capitals only where a reader expects them, boilerplate
  /// openings dropped. "SYSTEMS AND METHODS FOR DETECTING LIDAR FAULTS" → "detecting LIDAR faults".
  static func phrase(fromTitle title: String) -> String {
    var words = title.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init)
    let shouting = !title.contains(where: \.isLowercase)
    words = words.map { word in
      let bare = word.lowercased().trimming(",.;:()[]\"'")
      if acronyms.contains(bare) { return word.uppercased() }
      // Capitals a mixed-case title gives a word twice or more ("IP", "eSIM", "SoCs") are an
      // acronym's or a name's.
      if !shouting
        && word.split(whereSeparator: { $0 == "-" || $0 == "/" }).contains(where: { $0.filter(\.isUppercase).count >= 2 })
      {
        return word
      }
      // Keep capitals that carry meaning in a mixed-case title (iPhone, LiDAR, HoloLens), part by
      // part, so title-case compounds ("Ring-Shaped", "On-Device") still come down.
      if !shouting && hasInnerCapitals(word) { return word }
      return word.lowercased()
    }
    var lowered = words.joined(separator: " ")
    for opening in boilerplateOpenings where lowered.lowercased().hasPrefix(opening + " ") {
      lowered = String(lowered.dropFirst(opening.count + 1))
      break
    }
    return lowered
  }

  /// True for words like "iPhone" or "HoloLens": a capital after the first letter of a part.
  static func hasInnerCapitals(_ word: String) -> Bool {
    word.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "—" }).contains { part in
      part.dropFirst().contains(where: \.isUppercase) && part.contains(where: \.isLowercase)
    }
      || (word.count > 1 && word.allSatisfy({ $0.isUppercase || $0.isNumber || $0 == "-" })
        && acronyms.contains(word.lowercased()))
  }

  /// Words ending in "-ing" that name things, not actions.
  static let ingNouns: Set<String> = [
    "housing", "ring", "earring", "building", "bearing", "clothing", "coating", "packaging", "wiring", "lighting",
    "computing", "string", "spring", "thing", "fitting", "ceiling", "sibling", "padding", "tubing", "seating", "flooring",
    "marking", "hearing", "sing", "king", "wing", "swing", "sling", "awning", "bedding", "casing", "mounting", "setting",
    "sensing", "imaging", "streaming", "gaming", "shopping", "printing", "charging", "cooling", "heating", "parking",
  ]

  /// A sentence-case phrase in title case, small words and acronyms left as they are: "Dynamic
  /// wake word detection" → "Dynamic Wake Word Detection".
  static func titleCased(_ phrase: String) -> String {
    let words = phrase.split(separator: " ").map(String.init)
    return words.enumerated().map { index, word in
      let lower = word.lowercased()
      if index > 0 && index < words.count - 1 && smallWords.contains(lower) { return lower }
      if hasInnerCapitals(word) || acronyms.contains(lower) { return word }  // acronyms and iPhone-style names
      return capitalizedWord(word)
    }.joined(separator: " ")
  }

  static func capitalizedWord(_ word: String) -> String {
    // Capitalise each part of a compound: "Ring-Shaped", "Audio/Video", "Vehicle—Tethered".
    var result = ""
    var startOfPart = true
    for character in word {
      result += startOfPart ? character.uppercased() : String(character)
      startOfPart = character == "-" || character == "/" || character == "—"
    }
    return result
  }

  /// Gerunds patent titles open with, and the verbs a headline wants.
  static let gerunds: [String: String] = [
    "accelerating": "accelerate", "accessing": "access", "adjusting": "adjust", "allocating": "allocate", "analyzing": "analyze",
    "applying": "apply", "assigning": "assign", "authenticating": "authenticate", "authorizing": "authorize",
    "automating": "automate", "building": "build", "caching": "cache", "calibrating": "calibrate", "calling": "call",
    "capturing": "capture", "charging": "charge", "classifying": "classify", "cleaning": "clean", "closing": "close",
    "collecting": "collect", "communicating": "communicate", "comparing": "compare", "compiling": "compile",
    "compressing": "compress", "configuring": "configure", "connecting": "connect", "controlling": "control",
    "converting": "convert", "cooling": "cool", "coordinating": "coordinate", "correcting": "correct", "creating": "create",
    "cutting": "cut", "delivering": "deliver", "deploying": "deploy", "depopulating": "depopulate", "detecting": "detect",
    "determining": "determine", "developing": "develop", "displaying": "display", "distributing": "distribute", "editing": "edit",
    "enabling": "enable", "encoding": "encode", "encrypting": "encrypt", "enhancing": "enhance", "estimating": "estimate",
    "evaluating": "evaluate", "exchanging": "exchange", "executing": "execute", "exploring": "explore", "extracting": "extract",
    "facilitating": "facilitate", "filtering": "filter", "finding": "find", "focusing": "focus", "forecasting": "forecast",
    "generating": "generate", "getting": "get", "giving": "give", "grounding": "ground", "guiding": "guide", "handling": "handle",
    "hosting": "host", "identifying": "identify", "implementing": "implement", "improving": "improve", "indexing": "index",
    "indicating": "indicate", "integrating": "integrate", "interpreting": "interpret", "launching": "launch", "learning": "learn",
    "listening": "listen", "loading": "load", "locating": "locate", "logging": "log", "making": "make", "managing": "manage",
    "mapping": "map", "measuring": "measure", "merging": "merge", "messaging": "message", "migrating": "migrate",
    "mitigating": "mitigate", "modifying": "modify", "monitoring": "monitor", "navigating": "navigate", "notifying": "notify",
    "opening": "open", "operating": "operate", "optimizing": "optimize", "orchestrating": "orchestrate", "pairing": "pair",
    "partitioning": "partition", "patching": "patch", "performing": "perform", "personalizing": "personalize", "planning": "plan",
    "positioning": "position", "predicting": "predict", "preparing": "prepare", "presenting": "present", "preventing": "prevent",
    "processing": "process", "programming": "program", "projecting": "project", "protecting": "protect", "providing": "provide",
    "putting": "put", "ranking": "rank", "reading": "read", "receiving": "receive", "recognizing": "recognize",
    "recommending": "recommend", "recording": "record", "reducing": "reduce", "rendering": "render", "requesting": "request",
    "responding": "respond", "restoring": "restore", "retrieving": "retrieve", "routing": "route", "running": "run",
    "scanning": "scan", "scheduling": "schedule", "scoring": "score", "searching": "search", "securing": "secure",
    "selecting": "select", "sending": "send", "sensing": "sense", "setting": "set", "sharing": "share", "simulating": "simulate",
    "sorting": "sort", "stealing": "steal", "storing": "store", "streaming": "stream", "summarizing": "summarize",
    "synchronizing": "synchronize", "taking": "take", "testing": "test", "tracking": "track", "training": "train",
    "transferring": "transfer", "translating": "translate", "transmitting": "transmit", "unlocking": "unlock",
    "updating": "update", "using": "use", "verifying": "verify", "viewing": "view", "visualizing": "visualize", "warning": "warn",
    "writing": "write",
  ]

  // MARK: Blurbs

  /// Sentences of a text; abbreviations ("e.g.", "FIG.", "No.") do not end one.
  static func sentences(_ text: String) -> [String] {
    var result: [String] = []
    var current = ""
    let characters = Array(text)
    var index = 0
    while index < characters.count {
      let character = characters[index]
      current.append(character)
      if character == "." || character == "?" || character == "!" {
        let next = index + 1 < characters.count ? characters[index + 1] : " "
        let afterNext = index + 2 < characters.count ? characters[index + 2] : "A"
        let lastWord = current.split(separator: " ").last.map { $0.lowercased() } ?? ""
        let abbreviation = ["e.g.", "i.e.", "fig.", "figs.", "no.", "nos.", "etc.", "vs.", "approx.", "u.s.", "c."].contains(
          lastWord)
        if next == " " && (afterNext.isUppercase || afterNext.isNumber) && !abbreviation {
          result.append(current.trimmingWhiteSpace())
          current = ""
        }
      }
      index += 1
    }
    let rest = current.trimmingWhiteSpace()
    if !rest.isEmpty { result.append(rest) }
    return result
  }

  /// Drops "(102)", "(13, 14)", "FIG. 3" and numerals right after a noun ("housing 102 has").
  static func removingReferenceNumerals(_ text: String) -> String {
    var result = ""
    let characters = Array(text)
    var index = 0
    while index < characters.count {
      let character = characters[index]
      // "(13)", "(102a)", "(13, 14)": a parenthesis holding only numerals.
      if character == "(", let close = characters[index...].firstIndex(of: ")"), close - index <= 16 {
        let inside = String(characters[(index + 1)..<close])
        if !inside.isEmpty
          && inside.allSatisfy({ $0.isNumber || $0 == "," || $0 == " " || $0 == "'" || ($0.isLetter && $0.isLowercase) })
          && inside.contains(where: \.isNumber) && inside.filter(\.isLetter).count <= 2
        {
          while result.hasSuffix(" ") { result.removeLast() }
          index = close + 1
          continue
        }
      }
      result.append(character)
      index += 1
    }
    // "FIG. 3" and "FIGS. 1-4".
    var words = result.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    var kept: [String] = []
    var skip = 0
    for (position, word) in words.enumerated() {
      if skip > 0 {
        skip -= 1
        continue
      }
      let lower = word.lowercased()
      if (lower == "fig." || lower == "figs.") && position + 1 < words.count {
        skip = 1
        continue
      }
      // A 2-4 digit numeral after a lower-case word, not followed by a unit: a reference numeral.
      let bare = word.trimming(",.;:")
      if (2...4).contains(bare.count), bare.allSatisfy(\.isNumber), position > 0,
        let previous = kept.last, previous.last?.isLetter == true, previous.first?.isLowercase == true,
        !unitFollows(words, position)
      {
        if word.count > bare.count, !kept.isEmpty { kept[kept.count - 1] += String(word.dropFirst(bare.count)) }
        continue
      }
      kept.append(word)
    }
    words = kept
    return words.joined(separator: " ")
  }

  private static func unitFollows(_ words: [String], _ position: Int) -> Bool {
    guard position + 1 < words.count else { return false }
    let next = words[position + 1].lowercased().trimming(",.;:")
    let units: Set<String> = [
      "mm", "cm", "m", "km", "nm", "µm", "um", "mhz", "ghz", "hz", "khz", "ms", "s", "seconds", "minutes", "hours", "days",
      "degrees", "°", "°c", "c", "percent", "%", "kg", "g", "mg", "v", "w", "kw", "mah", "wh", "bits", "bytes", "pixels", "fps",
      "times", "to", "and", "or", "rpm", "psi", "ppm", "dpi",
    ]
    return units.contains(next)
  }

  /// Words of a text, as a reader counts them.
  static func wordCount(_ text: String) -> Int {
    text.split(whereSeparator: { $0 == " " || $0 == "\n" }).count
  }
}
