import Foundation
import Yams

extension DraftEdits {
  /// The edits file as people and diffs read it: a version, the draft-wide changes, then one block
  /// per changed item in publication-number order. Strings are written double-quoted with JSON
  /// escapes, which YAML reads back exactly.
  public var yaml: String {
    var lines = [
      "# Edits to the patent-digest draft, keyed by publication number.",
      "# Written by `patent-digest preview`; `patent-digest build --edits FILE` applies them.",
      "version: 1",
    ]
    if let lead { lines.append("lead: \(Self.quoted(lead))") }
    if let headline { lines.append("headline: \(Self.quoted(headline))") }
    if let dek { lines.append("dek: \(Self.quoted(dek))") }
    if let intro {
      lines.append("intro:")
      lines.append(contentsOf: intro.map { "  - \(Self.quoted($0))" })
    }
    let changed = items.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }
    if !changed.isEmpty {
      lines.append("items:")
      for (number, edit) in changed {
        lines.append("  \(Self.quoted(number)):")
        if edit.dropped { lines.append("    dropped: true") }
        if edit.added { lines.append("    added: true") }
        if let position = edit.position { lines.append("    position: \(position)") }
        if let subhead = edit.subhead { lines.append("    subhead: \(Self.quoted(subhead))") }
        if let blurb = edit.blurb { lines.append("    blurb: \(Self.quoted(blurb))") }
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func quoted(_ text: String) -> String {
    var json = JSONWriter(reservingCapacity: text.utf8.count + 2)
    json.string(text)
    return String(decoding: json.bytes, as: UTF8.self)
  }

  /// Reads an edits file; a missing file is no edits. Every problem names its line.
  public init(contentsOfFile path: String) throws(EditsError) {
    guard FileManager.default.fileExists(atPath: path) else {
      self.init()
      return
    }
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw EditsError(file: path, line: nil, message: "cannot be read as UTF-8 text")
    }
    try self.init(yaml: text, file: path)
  }

  public init(yaml text: String, file: String) throws(EditsError) {
    func fail(_ node: Node?, _ message: String) -> EditsError {
      EditsError(file: file, line: node?.mark.map { $0.line }, message: message)
    }
    let root: Node
    do {
      guard let composed = try Yams.compose(yaml: text) else {
        self.init()
        return
      }
      root = composed
    } catch let error as YamlError {
      let problem = YAMLProblem(error, text: text)
      throw EditsError(file: file, line: problem.line, column: problem.column, message: problem.message)
    } catch {
      throw EditsError(file: file, line: nil, message: "is not valid YAML: \(error)")
    }
    guard case .mapping(let top) = root else {
      throw fail(root, "must be a mapping (version, lead, headline, dek, intro, items)")
    }
    self.init()
    for (key, value) in top {
      switch key.string {
      case "version":
        guard value.int == 1 else {
          throw fail(value, "version \(value.string ?? "?") is not supported; this patent-digest reads version 1")
        }
      case "lead": lead = try Self.text(value, "lead", fail)
      case "headline": headline = try Self.text(value, "headline", fail)
      case "dek": dek = try Self.text(value, "dek", fail)
      case "intro":
        guard case .sequence(let paragraphs) = value else { throw fail(value, "intro must be a list of paragraphs") }
        intro = try paragraphs.map { node throws(EditsError) in try Self.text(node, "an intro paragraph", fail) }
      case "items":
        guard case .mapping(let entries) = value else { throw fail(value, "items must map publication numbers to their changes") }
        for (numberNode, editNode) in entries {
          let number = try Self.text(numberNode, "a publication number", fail)
          guard case .mapping(let fields) = editNode else { throw fail(editNode, "the changes to \(number) must be a mapping") }
          var edit = ItemEdit()
          for (field, fieldValue) in fields {
            switch field.string {
            case "subhead": edit.subhead = try Self.text(fieldValue, "subhead of \(number)", fail)
            case "blurb": edit.blurb = try Self.text(fieldValue, "blurb of \(number)", fail)
            case "dropped":
              guard let flag = fieldValue.bool else { throw fail(fieldValue, "dropped of \(number) must be true or false") }
              edit.dropped = flag
            case "added":
              guard let flag = fieldValue.bool else { throw fail(fieldValue, "added of \(number) must be true or false") }
              edit.added = flag
            case "position":
              guard let position = fieldValue.int, position >= 1 else {
                throw fail(fieldValue, "position of \(number) must be a whole number from 1")
              }
              edit.position = position
            default:
              throw fail(
                field,
                "unknown change '\(field.string ?? "?")' for \(number) (expected subhead, blurb, dropped, added or position)")
            }
          }
          items[number] = edit
        }
      default:
        throw fail(key, "unknown key '\(key.string ?? "?")' (expected version, lead, headline, dek, intro or items)")
      }
    }
  }

  private static func text(_ node: Node, _ what: String, _ fail: (Node?, String) -> EditsError) throws(EditsError) -> String {
    guard case .scalar(let scalar) = node else { throw fail(node, "\(what) must be text") }
    return scalar.string
  }
}

/// An edits file that cannot be used: which file, which line, what is wrong.
public struct EditsError: LocatedFileProblem {
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
