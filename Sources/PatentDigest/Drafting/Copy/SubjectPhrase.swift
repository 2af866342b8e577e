/// What a filing is about, as a phrase the column can put in each of its slots without breaking
/// grammar: "Amazon wants to **improve dynamic wake word detection**", "Apple describes **a
/// multi-phase buck-boost charger**", subhead "**Dynamic wake word detection**".
///
/// A title is one of four shapes, and each slot is written for its shape: an action ("Evaluating
/// posts…", a verb in the headline), a countable thing ("charger": "a charger"), plural things
/// ("displays") or something that takes no article ("detection", "usage tracking", "imaging").
/// Articles go only before countable things. Long phrases are shortened only where a phrase ends
/// (before "for", "with", "that"…), never mid-phrase.
struct SubjectPhrase: Sendable, Hashable {
  enum Shape: Sendable, Hashable {
    /// Opens with a gerund: "Evaluating posts for presentation".
    case action
    /// A countable thing: "Multi-phase buck-boost charger".
    case countable
    /// Things: "Displays with silicon thin-film transistors".
    case plural
    /// No article: "Dynamic wake word detection", "Usage tracking in hybrid cloud systems".
    case uncountable
  }

  /// The phrase's words, in sentence case (capitals only for acronyms and names like iPhone).
  let words: [String]
  let shape: Shape

  init?(words: [String]) {
    var words = Self.droppingWrongArticles(words.filter { !$0.isEmpty })
    // A leading article of a noun phrase is the slot's business ("A search server" → "search server").
    if let first = words.first, ["a", "an", "the"].contains(first.lowercased()) { words.removeFirst() }
    // "Efficiently controlling …": the adverb goes, the action stays.
    if words.count > 1, words[0].lowercased().hasSuffix("ly"), Self.isGerund(words[1]) { words.removeFirst() }
    while let last = words.last, Self.trailingFunctionWords.contains(last.lowercased().trimming(",.;:")) {
      words.removeLast()
    }
    guard !words.isEmpty else { return nil }
    words[words.count - 1] = words[words.count - 1].trimming(",.;:")
    self.words = words
    if Self.isGerund(words[0]) && !Self.isNamedThing(words) {
      shape = .action
    } else {
      shape = Self.nounShape(head: Self.head(of: words))
    }
  }

  // MARK: Slots

  /// "improve dynamic wake word detection", "build a multi-phase buck-boost charger", "evaluate
  /// posts": what "<Company> wants to …" ends with, in at most `maxWords` words.
  func verbPhrase(maxWords: Int) -> String {
    // A shortened phrase may have another head ("a unified and smart notifications …" cut before
    // "and quick settings system"): its shape is judged again.
    if shape != .action, words.count > maxWords - 2, let short = SubjectPhrase(words: Self.shortened(words, to: maxWords - 2)),
      short.words.count < words.count
    {
      return short.verbPhrase(maxWords: maxWords)
    }
    switch shape {
    case .action:
      let rest = Array(words.dropFirst())
      if let verb = Self.verb(fromGerund: words[0]) {
        // "Generating and delivering content" → "generate and deliver content".
        if rest.count > 2, ["and", "or"].contains(rest[0].lowercased()), Self.isGerund(rest[1]),
          let second = Self.verb(fromGerund: rest[1])
        {
          return ([verb, rest[0], second] + Self.shortened(Array(rest.dropFirst(2)), to: maxWords - 3)).joined(separator: " ")
        }
        return ([verb] + Self.shortened(rest, to: maxWords - 1)).joined(separator: " ")
      }
      return (["work", "on"] + Self.shortened(words, to: maxWords - 2)).joined(separator: " ")
    case .countable:
      let phrase = Self.shortened(words, to: maxWords - 2)
      return "build " + Self.withIndefiniteArticle(phrase.joined(separator: " "))
    case .plural:
      return "build " + Self.shortened(words, to: maxWords - 1).joined(separator: " ")
    case .uncountable:
      return "improve " + Self.shortened(words, to: maxWords - 1).joined(separator: " ")
    }
  }

  /// What "<Company> describes …" ends with: "a way of evaluating posts", "a multi-phase
  /// buck-boost charger", "its work on dynamic wake word detection".
  func describedObject(maxWords: Int) -> String {
    // The words the slot adds: "its work on" (3), "a" (1), none for things.
    let room = maxWords - (shape == .uncountable ? 3 : shape == .countable ? 1 : 0)
    if shape != .action, words.count > room, let short = SubjectPhrase(words: Self.shortened(words, to: room)),
      short.words.count < words.count
    {
      return short.describedObject(maxWords: maxWords)
    }
    switch shape {
    case .action:
      return "a way of " + Self.shortened(words, to: maxWords - 3).joined(separator: " ")
    case .countable:
      return Self.withIndefiniteArticle(Self.shortened(words, to: maxWords - 1).joined(separator: " "))
    case .plural:
      return Self.shortened(words, to: maxWords).joined(separator: " ")
    case .uncountable:
      return "its work on " + Self.shortened(words, to: maxWords - 3).joined(separator: " ")
    }
  }

  /// The phrase as a subhead of at most `maxWords` words, first word capitalised.
  func subhead(maxWords: Int = 8) -> String {
    var phrase = Self.shortened(words, to: maxWords)
    phrase[0] = Self.capitalizedFirst(phrase[0])
    return phrase.joined(separator: " ")
  }

  /// The phrase in lower case where it can be, for a list in the middle of a sentence (the dek).
  func inline(maxWords: Int) -> String {
    Self.shortened(words, to: maxWords).joined(separator: " ")
  }

  // MARK: Shortening at a phrase boundary

  /// Words that start a phrase a long title can end before.
  static let phraseStarts: Set<String> = [
    "for", "with", "in", "on", "using", "based", "via", "by", "from", "having", "including", "that", "which", "to", "of",
    "within", "into", "over", "across", "between", "among", "at", "through", "under", "without", "during", "according",
    "where", "when", "while", "such", "utilizing", "comprising", "associated", "configured", "as", "against", "per",
    "toward", "towards", "upon", "after", "before", "and", "or",
  ]

  /// Words a phrase must not end with.
  static let trailingFunctionWords: Set<String> = [
    "a", "an", "the", "and", "or", "of", "for", "with", "in", "on", "to", "by", "from", "at", "via", "that", "which",
    "its", "their", "this", "these", "such", "as", "into", "within", "over", "based", "using", "having", "including",
    "between", "among", "per", "is", "are", "be", "can", "may", "whose", "each", "both", "either", "other",
  ]

  /// At most `limit` words of `words`, ending where a phrase ends: before a preposition or
  /// relative word, never on a function word or inside "X and Y" when that can be helped.
  static func shortened(_ words: [String], to limit: Int) -> [String] {
    let limit = max(limit, 1)
    guard words.count > limit else { return words }
    // The latest phrase start within the limit, keeping at least one content word; "and" and "or"
    // only when nothing else will do, since cutting a pair in two changes what it says.
    func latestCut(allowingConjunctions: Bool) -> Int? {
      for index in stride(from: min(limit, words.count - 1), through: 1, by: -1) {
        let word = words[index].lowercased()
        let isConjunction = word == "and" || word == "or"
        if isConjunction && !allowingConjunctions { continue }
        if phraseStarts.contains(word) || words[index - 1].hasSuffix(",") {
          let candidate = trimmedEnd(Array(words[..<index]))
          if !candidate.isEmpty && (!isConjunction || candidate.count >= 2) { return candidate.count }
        }
      }
      return nil
    }
    // Before a preposition if that keeps enough ("displays with silicon and oxide transistors"
    // → not just "displays"), else before "and".
    var cut = latestCut(allowingConjunctions: false)
    if cut.map({ $0 < min(3, limit) }) ?? true, let wider = latestCut(allowingConjunctions: true), wider > (cut ?? 0) {
      cut = wider
    }
    if let cut { return trimmedEnd(Array(words[..<cut])) }
    // No phrase ends within the limit: keep the head of a noun phrase (its last words), or the
    // action and as much of its object as ends on a content word.
    let head = words.prefix(while: { !phraseStarts.contains($0.lowercased()) })
    if head.count <= limit { return trimmedEnd(Array(head)) }
    if isGerund(words[0]) { return trimmedEnd(Array(words.prefix(limit))) }
    return trimmedEnd(Array(head.suffix(limit)))
  }

  /// Without trailing function words and punctuation.
  /// Participles that need what follows them ("tied to …", "based on …").
  static let danglingParticiples: Set<String> = [
    "tied", "associated", "based", "related", "coupled", "connected", "configured", "made", "used", "directed",
    "according", "due", "relative", "compared", "corresponding", "matching", "pertaining", "relating",
  ]

  static func trimmedEnd(_ words: [String]) -> [String] {
    var words = words
    while let last = words.last,
      trailingFunctionWords.contains(last.lowercased().trimming(",.;:")) || last == "-"
        || (words.count > 1 && danglingParticiples.contains(last.lowercased().trimming(",.;:")))
    {
      words.removeLast()
    }
    if let last = words.last { words[words.count - 1] = last.trimming(",.;:") }
    return words
  }

  // MARK: Nouns

  /// The head noun of a noun phrase: its last word before a phrase start ("module" in "cooling
  /// module having …"; "imaging" in "illumination and imaging for eye tracking").
  static func head(of words: [String]) -> String {
    // The noun phrase ends at a preposition, or at a participle after its noun ("operations
    // performed by …").
    var core: [String] = []
    for (index, word) in words.enumerated() {
      let lower = word.lowercased()
      if phraseStarts.contains(lower) && lower != "and" && lower != "or" { break }
      let next = index + 1 < words.count ? words[index + 1].lowercased() : ""
      if index > 0 && lower.hasSuffix("ed") && lower.count > 4 && phraseStarts.contains(next) { break }
      core.append(word)
    }
    let trimmed = trimmedEnd(Array(core))
    return (trimmed.last ?? words.last ?? "").lowercased().trimming(",.;:()")
  }

  /// Mass nouns: no article, no plural.
  static let massNouns: Set<String> = [
    "software", "hardware", "firmware", "middleware", "data", "metadata", "information", "equipment", "content", "audio",
    "video", "feedback", "research", "traffic", "power", "energy", "privacy", "security", "infrastructure", "access",
    "support", "control", "management", "storage", "usage", "leakage", "coverage", "use", "reuse", "intelligence",
    "knowledge", "evidence", "guidance", "assistance", "maintenance", "performance", "compliance", "governance",
    "latency", "bandwidth", "throughput", "connectivity", "reliability", "availability", "scalability", "visibility",
    "redundancy", "authentication", "analytics", "telemetry", "logistics", "electronics", "optics", "haptics",
    "physics", "mail", "email", "news", "music", "vision", "help", "advice", "work", "inventory", "shopping",
    "commerce", "advertising", "media", "health", "fitness", "safety", "navigation", "transportation", "money",
    "food", "water", "air", "heat", "computing", "processing", "networking", "wear", "clothing", "development",
    "entertainment", "enforcement", "procurement", "engagement",
    "imagery", "footage", "scenery", "machinery", "jewelry", "furniture", "lighting", "hearing", "eyewear",
    "footwear", "headwear", "signage", "encryption", "detection", "recognition", "compression", "generation",
    "tracking", "routing", "optimization", "assignment", "editing", "stabilization", "illumination", "imaging",
    "sensing", "streaming", "gaming", "printing", "charging", "cooling", "heating", "parking",
  ]

  /// Nouns that never take "a" or "an", whatever the sentence: an article before one of these in a
  /// filing's own sentence is dropped ("an object awareness guidance" → "object awareness guidance").
  static let neverCountable: Set<String> = [
    "information", "data", "metadata", "software", "hardware", "firmware", "middleware", "feedback", "equipment",
    "guidance", "usage", "storage", "content", "infrastructure", "research", "advice", "knowledge", "evidence",
    "traffic", "telemetry", "analytics", "privacy", "security", "connectivity", "functionality", "scalability",
    "reliability", "availability", "visibility", "latency", "throughput", "bandwidth", "management", "machinery",
    "furniture", "jewelry", "clothing", "footage", "imagery", "luggage", "baggage",
  ]

  /// True when an article before a noun phrase with this head is wrong: a never-countable noun,
  /// or an -ing word that names an activity ("a machine learning" → "machine learning").
  static func takesNoArticle(head: String) -> Bool {
    let word = head.lowercased()
    if neverCountable.contains(word) { return true }
    return word.hasSuffix("ing") && word.count > 5 && !countableExceptions.contains(word)
      && !PlainEnglish.ingNouns.contains(word)
  }

  /// `words` without an article before a noun phrase whose head takes none.
  static func droppingWrongArticles(_ words: [String]) -> [String] {
    var result: [String] = []
    var index = 0
    let stops: Set<String> = ["is", "are", "was", "were", "can", "may", "will", "has", "have", "being", "been"]
    while index < words.count {
      let word = words[index]
      if ["a", "an"].contains(word.lowercased()) {
        var phrase: [String] = []
        for next in words[(index + 1)...].prefix(7) {
          let bare = next.lowercased().trimming(",.;:()\"”")
          if phraseStarts.contains(bare) || stops.contains(bare) { break }
          // "a language model running on …": a participle after the noun ends the phrase.
          if !phrase.isEmpty && (bare.hasSuffix("ing") || bare.hasSuffix("ed")) && !countableExceptions.contains(bare) {
            break
          }
          phrase.append(bare)
          if next.last.map({ ",.;:)".contains($0) }) == true { break }
        }
        if let head = phrase.last, takesNoArticle(head: head) {
          if word.first?.isUppercase == true, index + 1 < words.count {
            // The next word starts the sentence now.
            result.append(capitalizedFirst(words[index + 1]))
            index += 2
            continue
          }
          index += 1
          continue
        }
      }
      result.append(word)
      index += 1
    }
    return result
  }

  /// Countable nouns with an ending that usually marks a mass or abstract noun ("a notification",
  /// "an application", "a device").
  static let countableExceptions: Set<String> = [
    "notification", "application", "connection", "location", "station", "position", "function", "question", "section",
    "option", "transaction", "operation", "instruction", "condition", "solution", "interaction", "presentation",
    "animation", "illustration", "collection", "selection", "suggestion", "reservation", "destination",
    "recommendation", "prediction", "description", "definition", "configuration", "combination", "conversation",
    "partition", "junction", "portion", "population", "extension", "dimension", "version", "session", "mission",
    "division", "television", "decision", "revision", "region", "institution", "organization", "publication",
    "specification", "representation", "simulation", "estimation", "calculation", "query", "intersection",
    "element", "segment", "instrument", "document", "environment", "attachment", "arrangement", "statement",
    "movement", "compartment", "apartment", "fragment", "implement", "appliance", "instance", "sequence", "sentence",
    "reference", "fence", "audience", "conference", "experience", "interface", "distance", "entity", "facility",
    "activity", "capability", "community", "utility", "city", "message", "image", "page", "package", "stage",
    "garage", "language", "passage", "voltage", "percentage", "housing", "ring", "earring", "building", "setting",
    "mounting", "string", "spring", "thing", "fitting", "ceiling", "bearing", "coating", "wing", "swing", "sling",
    "painting", "drawing", "recording", "listing", "meeting", "posting", "opening", "filling", "ending", "heading",
    "reading", "finding", "rating", "ranking", "embedding", "mapping", "binding", "casing", "warning", "filing",
    "offering", "covering", "lining", "marking", "crossing", "greeting", "booking", "band", "charger",
    "mechanism", "relationship", "battery", "feature", "structure", "gesture", "mixture", "fixture",
    "device", "display", "system", "method", "module", "engine", "headset", "assistant", "robot", "drone",
    "vehicle", "phone", "watch", "camera", "sensor", "screen", "controller", "speaker", "model", "network",
    "service", "platform", "tool", "interface", "channel", "hinge", "optimizer", "processor", "array", "panel",
    "lens", "battery", "circuit", "antenna", "keyboard", "doorbell", "thermostat", "lock", "notification",
  ]

  static func nounShape(head: String) -> Shape {
    let word = head.lowercased()
    if countableExceptions.contains(word) { return .countable }
    if massNouns.contains(word) { return .uncountable }
    if isPlural(word) { return .plural }
    // Endings that mostly name an activity or a quality. Choosing "no article" for a countable
    // noun only reads a little flat ("improve display arrangement"); the reverse is an error.
    let massEndings = ["ing", "tion", "sion", "ment", "ness", "ics", "ware", "age"]
    if massEndings.contains(where: { word.hasSuffix($0) }) && word.count > 4 { return .uncountable }
    // Acronyms and names ("LIDAR", "UWB") are used as things: "a LIDAR", but "UWB" reads better bare.
    return .countable
  }

  static func isPlural(_ word: String) -> Bool {
    let singularEndings = ["ss", "us", "is", "ics", "ous", "news", "series", "species", "lens", "gas", "bias", "status"]
    guard word.hasSuffix("s"), word.count > 3, !singularEndings.contains(where: { word.hasSuffix($0) }) else {
      return ["data", "media", "criteria", "phenomena", "people", "children", "feet", "teeth", "mice"].contains(word)
    }
    return true
  }

  /// "a ring", "an optical sensor", "an LED", "a USB port", "a unified …", "an hour".
  static func withIndefiniteArticle(_ phrase: String) -> String {
    guard let first = phrase.split(separator: " ").first else { return phrase }
    return (startsWithVowelSound(String(first)) ? "an " : "a ") + phrase
  }

  static func startsWithVowelSound(_ word: String) -> Bool {
    let bare = word.trimming("\"'(“‘")
    guard let initial = bare.first else { return false }
    let lower = bare.lowercased()
    // An acronym read letter by letter: "an LED", "an HMD", "a UAV", "an SoC".
    let letters = bare.filter(\.isLetter)
    let isAcronym =
      letters.count >= 2 && letters.count <= 6 && letters.filter(\.isUppercase).count >= 2 && !bare.contains("-")
      && bare.prefix(2).allSatisfy(\.isUppercase)
    if isAcronym { return "AEFHILMNORSX".contains(initial.uppercased()) }
    if initial.isNumber { return bare.hasPrefix("8") || bare.hasPrefix("11") || bare.hasPrefix("18") }
    for prefix in ["uni", "use", "usu", "uti", "ubi", "uri", "eu", "one", "once", "ewe", "uk", "ufo", "ura"]
    where lower.hasPrefix(prefix) {
      return false
    }
    for prefix in ["hour", "honest", "honor", "honour", "heir"] where lower.hasPrefix(prefix) { return true }
    return "aeiou".contains(lower.first!)
  }

  static func capitalizedFirst(_ word: String) -> String {
    guard let first = word.first, first.isLowercase else { return word }
    // "iPhone", "eSIM" keep their lower-case first letter.
    if word.dropFirst().first?.isUppercase == true { return word }
    return first.uppercased() + word.dropFirst()
  }

  // MARK: Verbs

  /// "Routing mode and selection service", "Streaming media system": an -ing word naming a kind
  /// of thing, not an action on an object.
  static func isNamedThing(_ words: [String]) -> Bool {
    guard words.count >= 2 else { return false }
    let second = words[1].lowercased()
    let determiners: Set<String> = ["a", "an", "the", "multiple", "several", "one", "each", "some", "many", "and", "or"]
    let things: Set<String> = [
      "service", "system", "device", "engine", "module", "platform", "architecture", "apparatus", "assembly", "tool",
      "unit", "interface", "framework", "circuit", "mechanism", "structure", "case", "station", "pad", "dock",
    ]
    return !determiners.contains(second) && things.contains(head(of: words))
  }

  /// Subjects that say nothing on their own: "device", "system", "method".
  static let generic: Set<String> = [
    "device", "devices", "system", "systems", "method", "methods", "apparatus", "phone", "phones", "example",
    "examples", "instruction", "instructions", "technique", "techniques", "embodiment", "embodiments",
    "implementation", "implementations", "process", "processes", "invention", "disclosure", "aspect", "aspects",
    "service", "services", "server", "servers", "platform", "network",
  ]

  /// Words that add nothing to a generic head: "online service", "computing system".
  static let blandModifiers: Set<String> = [
    "online", "computing", "computer", "electronic", "mobile", "client", "user", "network", "network-based", "cloud",
    "data", "information", "digital", "example", "exemplary",
  ]

  /// True when the phrase is a generic word with nothing to tell it apart ("device", "online
  /// service", "computing system").
  var isGeneric: Bool {
    guard let last = words.last?.lowercased(), Self.generic.contains(last) else { return false }
    return words.dropLast().allSatisfy { Self.blandModifiers.contains($0.lowercased()) }
  }

  static func isGerund(_ word: String) -> Bool {
    let lower = word.lowercased().trimming(",.;:")
    if PlainEnglish.gerunds[lower] != nil { return true }
    return lower.hasSuffix("ing") && lower.count > 5 && !lower.contains("-") && !countableExceptions.contains(lower)
      && !PlainEnglish.ingNouns.contains(lower)
  }

  /// "detecting" → "detect", "generating" → "generate", "mapping" → "map"; nil when the base
  /// form cannot be told with confidence.
  static func verb(fromGerund gerund: String) -> String? {
    let lower = gerund.lowercased().trimming(",.;:")
    if let verb = PlainEnglish.gerunds[lower] { return verb }
    guard lower.hasSuffix("ing"), lower.count > 5 else { return nil }
    let stem = String(lower.dropLast(3))
    let characters = Array(stem)
    guard characters.count >= 2 else { return nil }
    let last = characters[characters.count - 1]
    let beforeLast = characters[characters.count - 2]
    let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
    // "planning" → "plan", but "calling" stays "call".
    if last == beforeLast && !"lsfz".contains(last) { return String(stem.dropLast()) }
    if last == "y" || last == "w" || last == "x" { return stem }
    if stem.hasSuffix("iz") || stem.hasSuffix("yz") || last == "v" || last == "c" || stem.hasSuffix("ur")
      || stem.hasSuffix("dg") || stem.hasSuffix("rg") || stem.hasSuffix("ut")
    {
      return stem + "e"
    }
    let thirdLast = characters.count >= 3 ? characters[characters.count - 3] : "x"
    let singleVowel = vowels.contains(beforeLast) && !vowels.contains(thirdLast)
    if stem.hasSuffix("at") && !vowels.contains(thirdLast) { return stem + "e" }
    if singleVowel && "dbmgsk".contains(last) { return stem + "e" }
    if [
      "ck", "sh", "ch", "th", "rd", "nd", "ld", "rt", "nt", "st", "ct", "pt", "ft", "rn", "rm", "lp", "mp", "sk",
      "wn", "ss", "ll", "er", "en", "it", "et", "op", "ip", "ow", "ew", "ain", "ead", "oad", "eed", "eat", "oin", "ean",
      "ar", "rk", "lk", "nk", "gn", "eal", "ool", "oor", "eer", "ail", "oil", "ard", "ord", "ush", "ash", "ush",
      "ess", "orm", "ign", "ew", "ay", "ey", "oy",
    ].contains(where: { stem.hasSuffix($0) }) {
      return stem
    }
    return nil
  }
}
