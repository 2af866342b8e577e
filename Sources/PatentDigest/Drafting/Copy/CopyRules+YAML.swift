import Foundation
import Yams

/// A copy rules file that cannot be used: which file, which line, what is wrong.
public struct CopyRulesError: LocatedFileProblem {
  public var file: String
  public var line: Int?
  public var column: Int?
  public var message: String

  /// `message` is kept on one line: its control characters are shown escaped.
  public init(file: String, line: Int?, column: Int? = nil, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message.withVisibleControlCharacters
  }
}

extension CopyRules {
  /// The rules the binary carries (the project's `copyrules.yaml`).
  public static let `default`: CopyRules = {
    do {
      return try CopyRules(yaml: DefaultCopyRules.text, file: "built-in copy rules", base: nil)
    } catch {
      preconditionFailure("the built-in copy rules do not load: \(error)")
    }
  }()

  /// The text of the built-in rules, comments and all: a starting point for your own.
  public static var defaultText: String { DefaultCopyRules.text }

  /// Reads a copy rules file; with `base: default` (or no `base`) it adds to the built-in rules.
  public init(contentsOfFile path: String) throws(CopyRulesError) {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw CopyRulesError(file: path, line: nil, message: "cannot be read (\(error.localizedDescription)); check the path")
    }
    try self.init(yaml: text, file: path, base: .default)
  }

  /// Reads rules from YAML text; `file` names it in messages; `base` is what `base: default`
  /// adds to.
  public init(yaml text: String, file: String, base: CopyRules?) throws(CopyRulesError) {
    let root: Node
    do {
      guard let composed = try Yams.compose(yaml: text) else {
        throw CopyRulesError(file: file, line: nil, message: "is empty; see `patent-digest copyrules` for the shape")
      }
      root = composed
    } catch let error as CopyRulesError {
      throw error
    } catch let error as YamlError {
      let problem = YAMLProblem(error, text: text)
      throw CopyRulesError(file: file, line: problem.line, column: problem.column, message: problem.message)
    } catch {
      throw CopyRulesError(file: file, line: nil, message: "is not valid YAML: \(error)")
    }
    self = try CopyRulesReader(file: file).rules(from: root, base: base)
  }
}

/// Walks the YAML tree with the line of every node at hand, so a mistake is reported where it is.
private struct CopyRulesReader {
  let file: String

  static let keys: Set<String> = [
    "version", "base", "kinds", "announcements", "hedges", "claim forms", "lexicon", "reader words", "plumbing words",
  ]

  func error(_ node: Node?, _ message: String) -> CopyRulesError {
    CopyRulesError(file: file, line: node?.mark.map { $0.line }, message: message)
  }

  private var nodes: YAMLNodes<CopyRulesError> { YAMLNodes(failure: error) }

  func mapping(_ node: Node, _ what: String, allowed: Set<String>) throws(CopyRulesError) -> [String: Node] {
    try nodes.mapping(node, what, allowed: allowed)
  }

  func sequence(_ node: Node?, _ what: String) throws(CopyRulesError) -> [Node] {
    try nodes.sequence(node, "`\(what)`")
  }

  func text(_ node: Node, _ what: String, allowEmpty: Bool = false) throws(CopyRulesError) -> String {
    guard case .scalar(let scalar) = node else { throw error(node, "\(what) must be text") }
    let value = scalar.string.trimmingWhiteSpace()
    if value.isEmpty && !allowEmpty { throw error(node, "\(what) is empty") }
    return value
  }

  func texts(_ node: Node?, _ what: String) throws(CopyRulesError) -> [(String, Node)] {
    var result: [(String, Node)] = []
    for item in try sequence(node, what) {
      result.append((try text(item, "an entry of `\(what)`"), item))
    }
    return result
  }

  func rules(from root: Node, base: CopyRules?) throws(CopyRulesError) -> CopyRules {
    let top = try mapping(root, "the copy rules", allowed: Self.keys)
    if let version = top["version"], version.int != 1 {
      throw error(version, "version \(version.string ?? "?") is not supported; this patent-digest reads version 1")
    }
    var start = base
    if let baseNode = top["base"] {
      switch baseNode.string {
      case "default": break
      case "none": start = nil
      default: throw error(baseNode, "`base` must be `default` (add to the built-in rules) or `none` (replace them)")
      }
    }
    let kinds = try texts(top["kinds"], "kinds")
    let announcements = try texts(top["announcements"], "announcements")
    let hedges = try texts(top["hedges"], "hedges")
    let claimForms = try texts(top["claim forms"], "claim forms")
    let readerWords = try texts(top["reader words"], "reader words").map(\.0)
    let plumbingWords = try texts(top["plumbing words"], "plumbing words").map(\.0)
    var lexicon = start?.lexicon ?? []
    var seen: Set<String> = []
    for node in try sequence(top["lexicon"], "lexicon") {
      let fields = try mapping(node, "a lexicon entry", allowed: ["from", "to", "plural", "to plural", "why"])
      guard let fromNode = fields["from"] else { throw error(node, "a lexicon entry needs `from` (the patent words)") }
      guard let toNode = fields["to"] else { throw error(node, "a lexicon entry needs `to` (the everyday words, or \"\")") }
      let entry = CopyRules.LexiconEntry(
        from: try text(fromNode, "`from`"), to: try text(toNode, "`to`", allowEmpty: true),
        plural: try fields["plural"].map { node throws(CopyRulesError) in try text(node, "`plural`") },
        toPlural: try fields["to plural"].map { node throws(CopyRulesError) in try text(node, "`to plural`", allowEmpty: true) })
      let key = entry.from.lowercased()
      guard seen.insert(key).inserted else { throw error(node, "the lexicon lists '\(entry.from)' twice") }
      lexicon.removeAll { $0.from.lowercased() == key }
      lexicon.append(entry)
    }
    let allKinds = (start?.kinds ?? []) + kinds.map(\.0)
    // Each pattern is compiled here, so a mistake is reported on its own line.
    for (pattern, node) in announcements + hedges + claimForms {
      do {
        _ = try CopyPattern(pattern, kinds: allKinds, anchoredAtEnd: true)
      } catch {
        throw self.error(node, "the pattern '\(pattern)' \(error.message)")
      }
    }
    do {
      return try CopyRules(
        kinds: allKinds, announcements: (start?.announcements ?? []) + announcements.map(\.0),
        hedges: (start?.hedges ?? []) + hedges.map(\.0), claimForms: (start?.claimForms ?? []) + claimForms.map(\.0),
        lexicon: lexicon, readerWords: (start?.readerWords ?? []) + readerWords,
        plumbingWords: (start?.plumbingWords ?? []) + plumbingWords)
    } catch {
      throw self.error(root, "the pattern '\(error.pattern)' \(error.message)")
    }
  }
}
