/// Scores how good a story a record is for a weekly Big Tech column: deterministic points, each
/// with its reason, so editors can see why a patent leads or sinks.
///
/// What counts up: topics readers come for, a title a reader understands, a fresh filing, an
/// abstract with enough to write a blurb from. What counts down: plumbing topics readers never
/// see (data centres, chips, protocols: the watch list says which and why), narrow chemistry and
/// biotech, manufacturing processes, continuations of old filings, plant varieties. Design patents
/// have no abstract or CPC: they are judged by whether the product is one readers own.
struct NewsworthinessScorer: Sendable {
  static let consumerTopicPoints = 2
  static let secondConsumerTopicPoints = 1
  /// A consumer topic named twice over (in the title or first sentence, and again in the
  /// abstract or the CPC) is what the filing is about, not an aside.
  static let mainSubjectWeight = 4
  static let mainSubjectPoints = 1
  /// A record more about plumbing than about anything readers come for.
  static let plumbingTopicPoints = -2

  /// Title words that tell a general reader the patent is not for them.
  static let jargon: Set<String> = [
    "composition", "compositions", "compound", "compounds", "polymer", "polymers", "copolymer", "alloy", "substrate",
    "deposition", "etching", "wafer", "catalyst", "catalytic", "ester", "acrylate", "oligonucleotide", "antibody",
    "antibodies", "peptide", "polypeptide", "derivative", "derivatives", "synthesis", "resin", "slurry", "epitaxial",
    "dielectric", "laminate", "pharmaceutical", "formulation", "crystalline", "plasmid", "ligand", "isomer", "monomer",
    "hydrocarbon", "tungsten", "sulfonyl", "polyethylene", "electrolyte",
  ]

  /// Products a reader owns, for design patents.
  static let consumerProducts: Set<String> = [
    "watch", "smartwatch", "glasses", "eyeglasses", "eyewear", "headset", "headphones", "earbuds", "earphones",
    "phone", "smartphone", "speaker", "controller", "ring", "camera", "display", "tablet", "laptop", "computer",
    "keyboard", "mouse", "doorbell", "drone", "robot", "charger", "case", "band", "wearable", "television", "remote",
    "console", "pencil", "stylus", "tracker", "vehicle", "car",
  ]

  /// Main CPC groups of narrow chemistry and biotech.
  static let chemistry = ["C07", "C08", "C09", "C10", "C11", "C12", "C40B", "A61K 31/", "A61K 38/", "A61K 39/", "A61P"]
  /// Main CPC groups of manufacturing processes few readers follow.
  static let manufacturing = ["H01L 21/", "B29C", "B22F", "C23C", "B23K", "H05K 3/", "B32B", "C30B"]

  static let continuationKinds: Set<String> = [
    "continuation", "continuation-in-part", "division", "reissue", "continuing-reissue", "divisional-reissue",
  ]

  private let jargonTable = WordTable(jargon.map { (WordHashes.hash($0), 0) })
  private let productTable = WordTable(consumerProducts.map { (WordHashes.hash($0), 0) })

  func score(_ record: PatentRecord, topics: [TopicMatch], titleWords: WordHashes, abstractWords: WordHashes) -> Newsworthiness {
    var reasons: [Newsworthiness.Reason] = []
    func add(_ points: Int, _ reason: String) { reasons.append(.init(points: points, reason: reason)) }

    switch record.applicationType {
    case "plant":
      add(-4, "plant variety: off-topic for a technology column")
    case "design":
      // The title's first product word, in title order: the same record always gives the same reason.
      if let product = TopicTagger.words(of: record.title).first(where: Self.consumerProducts.contains) {
        add(1, "design patent of a product readers own (\(product)): a picture story")
      } else {
        add(-1, "design patent of a product few readers know")
      }
    default:
      break
    }

    let consumerTopics = topics.filter(\.consumer)
    if let first = consumerTopics.first {
      add(Self.consumerTopicPoints, "consumer topic: \(first.name)")
      if first.weight >= Self.mainSubjectWeight {
        add(Self.mainSubjectPoints, "\(first.name) is the filing's main subject (its evidence weighs \(first.weight))")
      }
    }
    if consumerTopics.count > 1 { add(Self.secondConsumerTopicPoints, "also \(consumerTopics[1].name)") }
    // Topics come strongest first: plumbing counts down when it weighs as much as every consumer topic
    // (an eye tracker for a headset may well talk about its circuits).
    if let plumbing = topics.first(where: { $0.plumbing != nil }), plumbing.weight >= (consumerTopics.first?.weight ?? 0),
      let why = plumbing.plumbing
    {
      add(Self.plumbingTopicPoints, "plumbing: \(plumbing.name) (\(why))")
    }
    if topics.isEmpty && record.applicationType != "design" { add(-1, "no editorial topic") }

    if titleWords.hashes.contains(where: jargonTable.contains),
      let term = TopicTagger.words(of: record.title).first(where: Self.jargon.contains)
    {
      add(-2, "title uses a specialist term (\(term))")
    } else if titleWords.count <= 10 && titleWords.count > 0 {
      add(1, "short title a reader understands")
    }

    if let main = record.cpc.first(where: \.main)?.symbol {
      if let group = Self.chemistry.first(where: { main.hasPrefix($0) }) {
        add(-3, "narrow chemistry or biotech (main CPC \(main) in \(group.trimming("/ ")))")
      } else if let group = Self.manufacturing.first(where: { main.hasPrefix($0) }) {
        add(-2, "manufacturing detail (main CPC \(main) in \(group.trimming("/ ")))")
      }
    }

    if let claim = record.firstClaim, Self.isProcessClaim(claim) {
      add(-2, "first claim is a manufacturing process")
    }

    if let relation = record.relatedDocuments.first(where: Self.continuationKinds.contains) {
      add(-2, "\(relation) of an earlier filing: not a new idea")
    } else if record.type == .application {
      add(1, "new application, published for the first time")
    }

    if record.abstract != nil {
      if abstractWords.count >= 60 { add(1, "abstract gives enough to write about") }
    } else if record.applicationType != "design" {
      add(-1, "no abstract")
    }
    return Newsworthiness(reasons: reasons)
  }

  private static let article = Set(["a", "an"].map(WordHashes.hash))
  private static let method = WordHashes.hash("method")
  private static let process = WordHashes.hash("process")
  private static let ofOrFor = Set(["of", "for"].map(WordHashes.hash))
  private static let processVerbs = Set(
    ["manufacturing", "fabricating", "forming", "producing", "preparing", "making", "depositing", "synthesizing", "treating"]
      .map(WordHashes.hash))

  /// "1. A method of manufacturing …", "A process for preparing …".
  static func isProcessClaim(_ claim: String) -> Bool {
    var words = WordHashes(String(decoding: claim.utf8.prefix(120), as: UTF8.self)).hashes
    // A leading claim number ("1") is not part of the sentence.
    if let first = claim.utf8.first, first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9"), !words.isEmpty {
      words.removeFirst()
    }
    guard words.count >= 4, article.contains(words[0]) else { return false }
    if words[1] == process { return true }
    return words[1] == method && ofOrFor.contains(words[2]) && processVerbs.contains(words[3])
  }
}
