import Foundation
import PatentDigest

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
    let found = classifier.companiesAndTopics(of: document.patentRecord(file: "history", position: 0))
    company = found.companies.first
    topics = found.topics.map(\.name)
  }
}

/// What the derived facts depend on, as text (JSON): two classifiers that make the same facts of
/// every document have the same fingerprint. It is the text itself, not a hash of it, so two
/// watch lists never collide, and the classifier can be made again from it
/// (`ClassifierFingerprint.classifier(from:)`).
///
/// It holds the watched companies (in order: the first listed name that matches wins), every
/// name with its period, the misspellings, and each topic's CPC groups and keywords; not what
/// only the copy reads (brands, reasons, phrases). `rulesVersion` stands for the classifier's
/// own rules: change it when the core's matching or tagging rules change what they make of a
/// document.
struct ClassifierFingerprint: Sendable, Hashable {
  static let rulesVersion = 1

  /// What classification reads of a watch list.
  private struct Content: Codable {
    struct Name: Codable {
      var name: String
      var from: String?
      var until: String?
    }

    struct Company: Codable {
      var name: String
      var names: [Name]
      var misspellings: [String]
    }

    struct Topic: Codable {
      var name: String
      var cpc: [String]
      var keywords: [String]
    }

    var rulesVersion: Int
    var companies: [Company]
    var topics: [Topic]
  }

  let text: String

  init(_ classifier: Classifier) {
    let watchList = classifier.watchList
    let content = Content(
      rulesVersion: Self.rulesVersion,
      companies: watchList.watchedCompanies.map { company in
        Content.Company(
          name: company.name, names: company.names.map { Content.Name(name: $0.name, from: $0.from, until: $0.until) },
          misspellings: company.misspellings)
      },
      topics: watchList.topics.map { Content.Topic(name: $0.name, cpc: $0.cpc.map(\.group), keywords: $0.keywords) })
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    do {
      text = String(decoding: try encoder.encode(content), as: UTF8.self)
    } catch {
      preconditionFailure("strings and numbers always encode as JSON: \(error)")
    }
  }

  /// A classifier that makes the same facts as the one `text` is the fingerprint of; nil when the
  /// text is not one this build makes (other rules, or not a fingerprint).
  static func classifier(from text: String) -> Classifier? {
    guard let content = try? JSONDecoder().decode(Content.self, from: Data(text.utf8)),
      content.rulesVersion == rulesVersion
    else { return nil }
    let watchList = WatchList(
      companies: content.companies.map { company in
        WatchList.Company(
          name: company.name, watched: true, why: "",
          names: company.names.map { WatchList.CompanyName(name: $0.name, from: $0.from, until: $0.until, why: "") },
          misspellings: company.misspellings)
      },
      topics: content.topics.map { topic in
        WatchList.Topic(
          name: topic.name, consumer: false, cpc: topic.cpc.map { WatchList.Topic.CPCGroup(group: $0, title: "") },
          keywords: topic.keywords)
      })
    let classifier = Classifier(watchList: watchList)
    return ClassifierFingerprint(classifier).text == text ? classifier : nil
  }
}
