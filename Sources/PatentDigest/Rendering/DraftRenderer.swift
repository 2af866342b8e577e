import Foundation
import Mustache

/// Renders a draft through the Mustache templates (Markdown, HTML, text), or as JSON straight
/// from the data model. Text from the feed is escaped for each format by the template's content
/// type, so a title holding `<script>`, `](javascript:`, a leading `#` or Mustache braces changes
/// nothing in the structure of the output.
public struct DraftRenderer: Sendable {
  private let templates: [String: LoadedTemplate]
  /// The most one rendering may write (by `RenderBudget`'s estimate): far above any real draft,
  /// which is tens of kilobytes, and far below what would stall the weekly job.
  public static let outputLimitBytes = 64 << 20
  /// Where the templates came from, for messages ("built-in templates" or a folder).
  public let source: String

  /// The templates the binary carries (the project's `Templates/`).
  public static func builtIn() -> DraftRenderer {
    do {
      return try DraftRenderer(files: DefaultTemplates.files, source: "built-in templates", folder: nil)
    } catch {
      preconditionFailure("the built-in templates do not parse: \(error)")
    }
  }

  /// An editor's own set: `draft.md.mustache`, `draft.html.mustache` and `draft.txt.mustache`.
  public init(folder: String) throws(TemplateError) {
    var files: [String: String] = [:]
    for format in DraftFormat.allCases {
      guard let name = format.templateFile else { continue }
      let path = (folder as NSString).appendingPathComponent(name)
      guard FileManager.default.fileExists(atPath: path) else {
        throw TemplateError(
          file: path, line: nil,
          message:
            "is missing: a template folder needs draft.md.mustache, draft.html.mustache and draft.txt.mustache (`patent-digest templates --out \(folder)` writes the defaults to start from)"
        )
      }
      do {
        files[name] = try String(contentsOfFile: path, encoding: .utf8)
      } catch {
        throw TemplateError(file: path, line: nil, message: "cannot be read as UTF-8 text")
      }
    }
    try self.init(files: files, source: folder, folder: folder)
  }

  /// Templates given as text, by file name (`draft.md.mustache`, ...); `source` names them in messages.
  public init(templates: [String: String], source: String) throws(TemplateError) {
    try self.init(files: templates, source: source, folder: nil)
  }

  private init(files: [String: String], source: String, folder: String?) throws(TemplateError) {
    Self.registerContentTypes
    var parsed: [String: LoadedTemplate] = [:]
    for (name, text) in files {
      let file = folder.map { ($0 as NSString).appendingPathComponent(name) } ?? name
      do {
        parsed[name] = LoadedTemplate(template: try MustacheTemplate(string: text), file: file, size: text.utf8.count)
      } catch let error as MustacheTemplate.ParserError {
        throw TemplateError(
          file: file, line: error.context.lineNumber, message: Self.describe(error.error, line: error.context.line))
      } catch {
        throw TemplateError(file: file, line: nil, message: "is not a valid Mustache template: \(error)")
      }
    }
    templates = parsed
    self.source = source
  }

  /// The built-in template files, to start an editor's own set.
  public static var builtInFiles: [String: String] { DefaultTemplates.files }

  /// The draft in `format`.
  public func render(_ draft: Draft, as format: DraftFormat) throws(TemplateError) -> String {
    guard let name = format.templateFile else { return Self.json(draft) }
    guard let loaded = templates[name] else {
      throw TemplateError(file: name, line: nil, message: "is missing from \(source)")
    }
    let budget = RenderBudget(bytes: Self.outputLimitBytes, templateSize: loaded.size)
    let output = loaded.template.render(budget.view(DraftView(draft)))
    guard !budget.isSpent else {
      throw TemplateError(
        file: loaded.file, line: nil,
        message:
          "would write more than \(Self.outputLimitBytes >> 20) MB: a section repeats once per list element, and sections nested in sections multiply (for example {{#intro}} inside {{#intro}}); the draft is a few tens of KB"
      )
    }
    return output
  }

  /// The draft as JSON: keys sorted, so the same draft always gives the same bytes.
  public static func json(_ draft: Draft) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(draft) else { preconditionFailure("a Draft always encodes") }
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  private static func describe(_ error: any Error, line: String) -> String {
    let what: String
    switch error as? MustacheTemplate.Error {
    case .sectionCloseNameIncorrect?: what = "a section is closed with a different name than it was opened with"
    case .unfinishedName?: what = "a tag is not closed with }}"
    case .expectedSectionEnd?: what = "a section is opened but never closed (the template ends first)"
    case .invalidSetDelimiter?: what = "the set-delimiter tag is malformed"
    case .unrecognisedConfigVariable?: what = "unknown pragma (CONTENT_TYPE may be HTML, MARKDOWN or TEXT)"
    case .invalidConfigVariableSyntax?: what = "malformed pragma (write {{% CONTENT_TYPE: HTML}})"
    default: what = "\(error)"
    }
    return "\(what): \(line.trimmingWhiteSpace())"
  }

  /// Markdown escaping registered once, as the `MARKDOWN` content type.
  private static let registerContentTypes: Void = {
    MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
  }()
}

/// A parsed template, with the file it came from (for messages) and its size (for its budget).
private struct LoadedTemplate {
  var template: MustacheTemplate
  var file: String
  var size: Int
}

/// Escapes text for Markdown: every character that could start emphasis, a link, an image, HTML,
/// a heading, a table or code is backslash-escaped, list markers at the start of a value too, and
/// line breaks become spaces. Hyphens and parentheses inside text stay readable.
struct MarkdownContentType: MustacheContentType {
  static let special: Set<Character> = ["\\", "`", "*", "_", "{", "}", "[", "]", "<", ">", "#", "|", "~", "&"]

  func escapeText(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.count + 8)
    var atStart = true
    for character in text {
      if character == "\n" || character == "\r" {
        result.append(" ")
        atStart = false
        continue
      }
      if Self.special.contains(character) || (atStart && (character == "-" || character == "+")) {
        result.append("\\")
      } else if atStart && character.isNumber {
        // "1. " at the start of a value would begin an ordered list: escape the dot that follows.
        result.append(character)
        continue
      } else if character == "." && result.last?.isNumber == true && result.allSatisfy({ $0.isNumber }) {
        result.append("\\")
      }
      result.append(character)
      atStart = false
    }
    return result
  }
}
