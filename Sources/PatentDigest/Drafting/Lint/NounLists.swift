/// The lint's own noun lists: which heads "a"/"an" cannot stand before. Written from reading the
/// copy of the development set; kept short where a word is often countable ("a notification",
/// "a connection", "an application", "a presentation", "a display" are fine).
enum NounLists {
  /// Nouns without a plural in ordinary English.
  static let massNouns: Set<String> = [
    "software", "hardware", "firmware", "middleware", "malware", "spyware", "data", "metadata", "information", "feedback",
    "equipment", "content", "usage", "research", "advice", "knowledge", "furniture", "luggage", "baggage", "machinery",
    "evidence", "privacy", "electricity", "telemetry", "guidance", "assistance", "clothing", "jewelry",
    "weather", "traffic", "storage", "connectivity", "interoperability", "scalability", "access",
    "transportation", "healthcare", "music", "news", "money", "audio", "imagery", "signage", "homework", "ventilation",
    "refrigeration", "nutrition", "pollution", "surveillance", "wellbeing", "well-being", "accessibility", "usability",
  ]

  /// Process nouns that take no article even alone ("a management", "an authentication").
  static let processNouns: Set<String> = [
    "management", "authentication", "authorization", "encryption", "decryption", "compression", "decompression",
    "synchronization", "virtualization", "orchestration", "localization", "segmentation", "quantization", "illumination",
    "monetization", "personalization", "utilization", "consumption", "enforcement", "fulfillment", "fulfilment",
    "governance", "maintenance", "compliance", "moderation", "navigation", "cognition", "provisioning", "remediation",
    "digitization", "tokenization", "vectorization", "parallelization", "containerization", "deduplication",
  ]

  /// Process nouns that are countable alone but not after a noun: "a prediction" is fine, "a
  /// wakeword detection" or "an address assignment" is not.
  static let processNounsAfterNoun: Set<String> = [
    "generation", "detection", "recognition", "estimation", "classification", "execution",
    "suppression", "cancellation", "correction", "compensation",
    "identification", "assignment", "creation",
    "extraction", "manipulation", "modulation", "retrieval", "vision",
    "protection", "prevention", "discovery", "engagement", "retention", "use", "sharing", "monitoring",
  ]

  /// Words after "a" that make a quantity of what follows: "a little feedback", "a lot of data".
  static let quantities: Set<String> = [
    "little", "few", "lot", "lots", "bit", "number", "couple", "dozen", "great", "good", "handful", "ton", "tons", "piece",
  ]

  /// -ing words that are countable things: "a building", "an embedding", "a setting".
  static let countableIngWords: Set<String> = [
    "thing", "string", "ring", "king", "wing", "spring", "swing", "sling", "sting", "ceiling", "evening", "morning",
    "pudding", "wedding", "building", "meeting", "setting", "painting", "drawing", "recording", "reading", "rating",
    "ranking", "listing", "posting", "booking", "finding", "warning", "heading", "bearing", "coating", "housing", "casing",
    "fitting", "mounting", "coupling", "winding", "opening", "offering", "earring", "sibling", "understanding",
    "beginning", "ending", "feeling", "hearing", "crossing", "landing", "mapping", "encoding", "embedding", "binding",
    "pairing", "grouping", "gathering", "saving", "sighting", "filing", "lining", "railing", "siding", "clipping",
    "cutting", "topping", "dressing", "filling", "blessing", "calling", "being", "seedling", "duckling", "darling",
    "sapling", "dumpling", "outing", "undertaking", "proceeding", "happening", "standing", "ruling", "shooting",
    "something", "anything", "everything", "nothing", "during", "according", "including", "bring", "thong", "awning",
    "fling", "inkling", "lightning", "herring", "shilling", "farthing", "pfennig", "viking", "lacing", "spacing",
    "rendering", "sequencing", "offspring", "stocking", "stuffing", "sibling", "trading", "teaching", "helping",
    "serving", "marking", "grating", "tiling", "fairing", "bushing", "tubing", "flooring", "frosting", "icing", "overhang",
    "scaling",
  ]

  /// Words after which an -ing word is a participle with its object or its "to": "representing a
  /// quantity", "corresponding to".
  static let participleFollowers: Set<String> = [
    "a", "an", "the", "this", "these", "those", "its", "their", "his", "her", "our", "your", "my", "each", "every", "some",
    "any", "one", "two", "to", "it", "them", "him", "us", "you", "me", "that", "which", "whether", "whose", "all", "both",
  ]

  /// -ing words that are seldom a thing's name, but a verb: "a browser running on", "a layer
  /// panning within", "a cell and receiving".
  static let intransitiveParticiples: Set<String> = [
    "running", "executing", "operating", "residing", "panning", "moving", "pointing", "belonging", "existing", "sitting",
    "living", "working", "acting", "communicating", "extending", "facing", "rotating", "traveling", "travelling",
    "flowing", "passing", "hosting", "having", "being", "corresponding", "relating", "pertaining", "according",
    "associated", "located", "positioned", "depending", "responding", "resulting", "arriving", "originating",
    "overlapping", "receiving", "sending", "transmitting", "determining", "generating", "identifying", "providing",
    "selecting", "obtaining", "performing", "causing", "using", "storing", "displaying", "accessing", "comparing",
    "updating", "adjusting", "applying", "assigning", "creating", "enabling", "allowing", "including", "comprising",
    "containing", "indicating", "specifying", "defining", "representing", "connecting", "coupling", "configured",
    "starting", "consisting", "waiting", "remaining", "following", "listening", "pending", "holding", "coming", "going",
    "leading", "lying", "looking", "seeking", "trying", "needing", "asking",
  ]

  /// Whether the last conjunct of "a X and Y" names a process or a mass, so the article reads
  /// over the earlier ones too.
  static func opensEarlierConjuncts(_ head: String) -> Bool {
    isIngNominal(head) || massNouns.contains(head) || processNouns.contains(head) || processNounsAfterNoun.contains(head)
      || head == "control"
  }

  static func isIngForm(_ word: String) -> Bool { word.hasSuffix("ing") && word.count >= 5 }

  /// An -ing word used as the name of an activity ("tracking", "routing", "imaging").
  static func isIngNominal(_ word: String) -> Bool {
    guard word.hasSuffix("ing"), word.count >= 6 else { return false }
    let last = word.split(separator: "-").last.map(String.init) ?? word
    return last.count >= 6 && !countableIngWords.contains(last) && !intransitiveParticiples.contains(last)
  }

  /// Adverbs in -ly end a noun phrase; nouns and adjectives that end so do not.
  private static let lyNouns: Set<String> = [
    "family", "assembly", "supply", "anomaly", "reply", "jelly", "belly", "rally", "butterfly", "ally", "poly", "monopoly",
    "italy", "friendly", "early", "daily", "weekly", "monthly", "yearly", "hourly", "only", "fly", "lily", "bully",
    "july", "holy", "ugly", "silly", "curly", "lonely", "lovely", "elderly", "likely", "unlikely", "costly", "timely",
  ]

  static func isAdverb(_ word: String) -> Bool { word.hasSuffix("ly") && word.count > 4 && !lyNouns.contains(word) }

  /// A word in -s inside a noun phrase is likely its verb ("a device receives data"); plural
  /// modifiers ("a sports car") are rare enough to end the phrase there too.
  static func looksLikeVerb(_ word: String) -> Bool {
    word.hasSuffix("s") && !word.hasSuffix("ss") && !word.hasSuffix("us") && !word.hasSuffix("is") && word.count > 3
      && !word.contains("-")
  }

  private static let adjectives: Set<String> = [
    "new", "fast", "faster", "better", "smart", "real-time", "robust", "quick", "simple", "easy", "accurate", "precise",
    "low", "high", "large", "small", "big", "early", "late", "full", "partial", "remote", "local", "secure", "safe",
    "first", "second", "third", "single", "double", "multiple", "several", "many", "few", "own", "same", "different",
    "improved", "efficient", "smooth", "clear", "soft", "hard", "deep", "cheap", "free", "open", "live", "direct",
    "next", "previous", "future", "later", "older", "younger", "current", "false", "true", "correct", "wrong", "good",
    "bad", "rough", "whole", "main", "key", "top", "best", "worst", "proper", "exact", "automatic", "manual",
  ]
  private static let adjectiveEndings = [
    "al", "ive", "ous", "ful", "less", "able", "ible", "ic", "ed", "ary", "ent", "ant", "ish", "ory", "est", "er",
  ]

  /// Whether the word before a head is a noun used as a modifier ("wakeword" detection), not an
  /// adjective ("dynamic" detection): by a short list and the usual adjective endings.
  static func isNounModifier(_ word: String) -> Bool {
    guard !adjectives.contains(word), !word.contains("-"), word.first?.isLetter == true else { return false }
    if ["user", "computer", "server", "router", "sensor", "water", "power", "paper", "finger", "speaker", "printer"]
      .contains(word)
    {
      return true
    }
    return !adjectiveEndings.contains(where: { word.hasSuffix($0) })
  }
}
