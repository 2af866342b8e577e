public import PatentDigest

/// What a watch list makes of one stored document: the company whose section it would be in,
/// and its topics. The history keeps these (with the fingerprint of the watch list that made
/// them) so a draft's questions are index lookups; they can always be worked out again from the
/// stored document, so a changed watch list needs no feed read again.
struct DerivedFacts: Sendable, Hashable {
  /// The first watched owner's parent company, if any.
  var company: String?
  /// The document's topics, strongest first.
  var topics: [String]

  /// What `classifier` makes of `document`, read as the history stores it (so facts made while
  /// recording and facts worked out again later are the same).
  init(_ document: StoredDocument, classifier: Classifier) {
    let classified = classifier.classify(document.patentRecord(file: "history", position: 0))
    company = classified.company
    topics = classified.topics.map(\.name)
  }
}

/// What the derived facts depend on, as text: two classifiers that make the same facts of every
/// document have the same fingerprint. It is the text itself, not a hash of it, so two watch
/// lists never collide.
///
/// It holds the watched companies (in order: the first listed name that matches wins), every
/// name with its period, the misspellings, and each topic's CPC groups and keywords; not what
/// only the copy reads (brands, reasons, phrases). `rulesVersion` stands for the classifier's
/// own rules: change it when the core's matching or tagging rules change what they make of a
/// document.
struct ClassifierFingerprint: Sendable, Hashable {
  static let rulesVersion = 1

  let text: String

  init(_ classifier: Classifier) {
    var lines = ["rules \(Self.rulesVersion)"]
    for company in classifier.watchList.watchedCompanies {
      lines.append("company \(company.name)")
      for name in company.names {
        lines.append("  name \(name.name) from \(name.from ?? "-") until \(name.until ?? "-")")
      }
      for misspelling in company.misspellings { lines.append("  misspelling \(misspelling)") }
    }
    for topic in classifier.watchList.topics {
      lines.append("topic \(topic.name)")
      for group in topic.cpc { lines.append("  cpc \(group.group)") }
      for keyword in topic.keywords { lines.append("  keyword \(keyword)") }
    }
    text = lines.joined(separator: "\n")
  }
}
