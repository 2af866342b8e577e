import Foundation
import Yams

extension WatchList {
  /// The watch list the binary carries (the project's `watchlist.yaml`).
  public static let `default`: WatchList = {
    do {
      return try WatchList(yaml: DefaultWatchList.text, file: "built-in watch list")
    } catch {
      preconditionFailure("the built-in watch list does not load: \(error)")
    }
  }()

  /// The text of the built-in watch list, comments and all: a starting point for your own.
  public static var defaultText: String { DefaultWatchList.text }

  /// Reads a watch list file; every problem names the line it is on.
  public init(contentsOfFile path: String) throws(WatchListError) {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw WatchListError(file: path, line: nil, message: "cannot be read (\(error.localizedDescription)); check the path")
    }
    try self.init(yaml: text, file: path)
  }

  /// Reads a watch list from YAML text; `file` names it in messages.
  public init(yaml text: String, file: String) throws(WatchListError) {
    let reader = WatchListReader(file: file)
    let root: Node
    do {
      guard let composed = try Yams.compose(yaml: text) else {
        throw WatchListError(file: file, line: nil, message: "is empty; it needs `companies:` and `topics:`")
      }
      root = composed
    } catch let error as WatchListError {
      throw error
    } catch let error as YamlError {
      let problem = YAMLProblem(error, text: text)
      throw WatchListError(file: file, line: problem.line, column: problem.column, message: problem.message)
    } catch {
      throw WatchListError(file: file, line: nil, message: "is not valid YAML: \(error)")
    }
    self = try reader.watchList(from: root)
  }
}

/// Walks the YAML tree with the line of every node at hand, so a mistake is reported where it is.
private struct WatchListReader {
  let file: String

  func error(_ node: Node?, _ message: String) -> WatchListError {
    WatchListError(file: file, line: node?.mark.map { $0.line }, message: message)
  }

  private var nodes: YAMLNodes<WatchListError> { YAMLNodes(failure: error) }

  func mapping(_ node: Node, _ what: String, allowed: Set<String>) throws(WatchListError) -> [String: Node] {
    try nodes.mapping(node, what, allowed: allowed)
  }

  func sequence(_ node: Node?, _ what: String) throws(WatchListError) -> [Node] {
    try nodes.sequence(node, what)
  }

  func text(_ node: Node?, _ what: String, required: Bool = true, parent: Node? = nil) throws(WatchListError) -> String? {
    guard let node else {
      if required { throw error(parent, "\(what) is missing") }
      return nil
    }
    guard case .scalar(let scalar) = node else { throw error(node, "\(what) must be text") }
    let value = scalar.string.trimmingWhiteSpace()
    if value.isEmpty && required { throw error(node, "\(what) is empty") }
    return value.isEmpty ? nil : value
  }

  func flag(_ node: Node?, _ what: String, parent: Node) throws(WatchListError) -> Bool {
    guard let node else { throw error(parent, "\(what) is missing (true or false)") }
    guard let value = node.bool else { throw error(node, "\(what) must be true or false") }
    return value
  }

  func date(_ node: Node?, _ what: String) throws(WatchListError) -> String? {
    guard let node else { return nil }
    guard case .scalar(let scalar) = node else { throw error(node, "\(what) must be a date (YYYY-MM-DD)") }
    let value = scalar.string
    let parts = value.split(separator: "-")
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let month = Int(parts[1]), let day = Int(parts[2]), Int(parts[0]) != nil, (1...12).contains(month), (1...31).contains(day)
    else { throw error(node, "\(what) must be a date written YYYY-MM-DD, not '\(value)'") }
    return value
  }

  func watchList(from root: Node) throws(WatchListError) -> WatchList {
    let top = try mapping(root, "the watch list", allowed: ["version", "companies", "topics"])
    if let version = top["version"], version.int != 1 {
      throw error(version, "version \(version.string ?? "?") is not supported; this patent-digest reads version 1")
    }
    guard let companiesNode = top["companies"] else { throw error(root, "the watch list has no `companies:` list") }
    var companies: [WatchList.Company] = []
    for node in try sequence(companiesNode, "companies") {
      let company = try self.company(node)
      if companies.contains(where: { $0.name == company.name }) {
        throw error(node, "the company '\(company.name)' is listed twice")
      }
      companies.append(company)
    }
    var topics: [WatchList.Topic] = []
    for node in try sequence(top["topics"], "topics") {
      let topic = try self.topic(node)
      if topics.contains(where: { $0.name == topic.name }) { throw error(node, "the topic '\(topic.name)' is listed twice") }
      topics.append(topic)
    }
    return WatchList(companies: companies, topics: topics)
  }

  func company(_ node: Node) throws(WatchListError) -> WatchList.Company {
    let fields = try mapping(node, "a company", allowed: ["name", "brand", "watched", "why", "names", "misspellings"])
    let name = try text(fields["name"], "the company's `name`", parent: node)!
    let brand = try text(fields["brand"], "`brand` of \(name)", required: false)
    let watched = try flag(fields["watched"], "`watched` of \(name)", parent: node)
    let why = try text(fields["why"], "`why` of \(name) (say why the company is on the list)", parent: node)!
    var names: [WatchList.CompanyName] = []
    for entry in try sequence(fields["names"], "`names` of \(name)") {
      let entryFields = try mapping(entry, "a name of \(name)", allowed: ["name", "from", "until", "why", "brand"])
      let filedName = try text(entryFields["name"], "a name of \(name)", parent: entry)!
      let from = try date(entryFields["from"], "`from` of \(filedName)")
      let until = try date(entryFields["until"], "`until` of \(filedName)")
      if let from, let until, until < from { throw error(entry, "\(filedName): `until` \(until) is before `from` \(from)") }
      let why = try text(entryFields["why"], "`why` of \(filedName) (say why the name is on the list)", parent: entry)!
      let nameBrand = try text(entryFields["brand"], "`brand` of \(filedName)", required: false)
      names.append(WatchList.CompanyName(name: filedName, from: from, until: until, why: why, brand: nameBrand))
    }
    if names.isEmpty { throw error(node, "\(name) has no `names`: list the names it files patents under") }
    var misspellings: [String] = []
    for entry in try sequence(fields["misspellings"], "`misspellings` of \(name)") {
      misspellings.append(try text(entry, "a misspelling of \(name)", parent: entry)!)
    }
    return WatchList.Company(name: name, brand: brand, watched: watched, why: why, names: names, misspellings: misspellings)
  }

  func topic(_ node: Node) throws(WatchListError) -> WatchList.Topic {
    let fields = try mapping(node, "a topic", allowed: ["name", "phrase", "consumer", "plumbing", "cpc", "keywords"])
    let name = try text(fields["name"], "the topic's `name`", parent: node)!
    let phrase = try text(fields["phrase"], "`phrase` of \(name)", required: false)
    let consumer = try flag(fields["consumer"], "`consumer` of \(name)", parent: node)
    let plumbing = try text(
      fields["plumbing"], "`plumbing` of \(name) (say why readers skip the topic)", required: fields["plumbing"] != nil)
    if consumer && plumbing != nil {
      throw error(fields["plumbing"], "\(name) is `consumer: true` and has `plumbing`: a topic counts up or down, not both")
    }
    var groups: [WatchList.Topic.CPCGroup] = []
    for entry in try sequence(fields["cpc"], "`cpc` of \(name)") {
      let entryFields = try mapping(entry, "a CPC group of \(name)", allowed: ["group", "title"])
      let group = try text(entryFields["group"], "a CPC `group` of \(name)", parent: entry)!
      guard CPCGroupPattern.isValid(group) else {
        throw error(
          entryFields["group"], "'\(group)' is not a CPC subclass, main group or group (like G06V, G06N 3 or G02B 27/01)")
      }
      let title = try text(entryFields["title"], "the CPC title of \(group)", parent: entry)!
      groups.append(WatchList.Topic.CPCGroup(group: group, title: title))
    }
    var keywords: [String] = []
    for entry in try sequence(fields["keywords"], "`keywords` of \(name)") {
      keywords.append(try text(entry, "a keyword of \(name)", parent: entry)!)
    }
    if groups.isEmpty && keywords.isEmpty { throw error(node, "the topic '\(name)' has neither `cpc` groups nor `keywords`") }
    return WatchList.Topic(name: name, phrase: phrase, consumer: consumer, plumbing: plumbing, cpc: groups, keywords: keywords)
  }
}

/// The shapes a CPC group may take in a watch list.
enum CPCGroupPattern {
  static func isValid(_ group: String) -> Bool {
    let characters = Array(group)
    guard characters.count >= 4, characters[0].isLetter, characters[0].isUppercase, characters[1].isNumber,
      characters[2].isNumber, characters[3].isLetter, characters[3].isUppercase
    else { return false }
    if characters.count == 4 { return true }
    guard characters[4] == " " else { return false }
    let rest = characters[5...]
    let pieces = rest.split(separator: "/", omittingEmptySubsequences: false)
    guard (1...2).contains(pieces.count), pieces.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else { return false }
    return true
  }
}
