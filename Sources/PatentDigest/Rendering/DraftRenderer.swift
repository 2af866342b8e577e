import Foundation
import Mustache

/// Renders a draft through the Mustache templates (Markdown, HTML, text), or as JSON straight
/// from the data model. Every value is escaped for the format, whatever a template's
/// CONTENT_TYPE pragma says, and no template may write one unescaped (`TemplateScan`), so a
/// title or a publication number holding `<script>`, `](javascript:`, a line break, a leading
/// `#` or Mustache braces changes nothing in the structure of the output.
public struct DraftRenderer: Sendable {
  private let templates: [String: LoadedTemplate]
  /// What one rendering may always write (by `RenderBudget`'s count): far above any real draft,
  /// which is tens of kilobytes, and far below what would stall the weekly job. A larger week
  /// may write more in proportion (`outputLimit(for:)`).
  public static let outputLimitBytes = 64 << 20
  /// How many times its own size a draft may write beyond `outputLimitBytes`.
  public static let outputLimitPerDraftByte = 16

  /// The most a rendering of `draft` may write: 64 MB, plus 16 times the draft's size (its text,
  /// and 512 bytes for each element of its lists). A template that writes each value a few times
  /// and repeats a body of up to 4 KB per element stays within it whatever the week's size, as
  /// the built-in templates do; sections nested in sections multiply past it at once.
  public static func outputLimit(for draft: Draft) -> Int {
    outputLimitBytes + outputLimitPerDraftByte * DraftView(draft).size
  }
  /// How deep sections may nest in a template; a deeper one is refused with its line before it is
  /// parsed (`TemplateScan`), since swift-mustache parses and renders by recursion.
  public static var maximumSectionNesting: Int { TemplateScan.maximumDepth }
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
      let format = DraftFormat(templateFile: name)
      // Before swift-mustache parses it: a template it cannot parse or render without
      // overflowing the stack, or that would write values unescaped, stops here.
      let scan = try TemplateScan(text, file: file, format: format)
      do {
        parsed[name] = LoadedTemplate(
          template: try MustacheTemplate(string: scan.text), file: file, size: text.utf8.count, bodySizes: scan.bodySizes,
          format: format)
      } catch let error as MustacheTemplate.ParserError {
        throw TemplateError(
          file: file, line: max(1, error.context.lineNumber - scan.addedLines),
          message: Self.describe(error.error, line: error.context.line))
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
    let view = DraftView(draft)
    let limit = Self.outputLimitBytes + Self.outputLimitPerDraftByte * view.size
    let budget = RenderBudget(bytes: limit, templateSize: loaded.size, bodySizes: loaded.bodySizes, format: loaded.format)
    let output = loaded.template.render(budget.view(view))
    guard !budget.isSpent else {
      throw TemplateError(
        file: loaded.file, line: nil,
        message:
          "would write more than \(Self.outputLimitBytes >> 20) MB plus \(Self.outputLimitPerDraftByte) times the draft (\(limit >> 20) MB in all): a section repeats once per list element, and sections nested in sections multiply (for example {{#intro}} inside {{#intro}}); this draft is \(max(1, view.size >> 10)) KB"
      )
    }
    return output
  }

  /// The draft as JSON: keys sorted, so the same draft always gives the same bytes.
  ///
  /// `<`, `>` and `&` are written as `\u003c`, `\u003e` and `\u0026` (and the line separators
  /// U+2028 and U+2029 escaped too), as Go's encoder does: the same strings to any JSON reader,
  /// and no markup even for a pipeline that pastes a value into a page unescaped. Outside
  /// strings, JSON has none of these characters, so replacing them in the bytes is exact.
  public static func json(_ draft: Draft) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(draft) else { preconditionFailure("a Draft always encodes") }
    var json = ""
    json.reserveCapacity(data.count + 1)
    for scalar in String(decoding: data, as: UTF8.self).unicodeScalars {
      switch scalar {
      case "<": json += "\\u003c"
      case ">": json += "\\u003e"
      case "&": json += "\\u0026"
      case "\u{2028}": json += "\\u2028"
      case "\u{2029}": json += "\\u2029"
      default: json.unicodeScalars.append(scalar)
      }
    }
    return json + "\n"
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

  /// Markdown and plain-text escaping registered once, as the `MARKDOWN` and `PLAIN_TEXT`
  /// content types (`TemplateScan` gives each template its format's).
  private static let registerContentTypes: Void = {
    MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
    MustacheContentTypes.register(PlainTextContentType(), named: "PLAIN_TEXT")
  }()
}

/// A parsed template, with the file it came from (for messages), and its size, section bodies
/// and format (for its budget).
private struct LoadedTemplate {
  var template: MustacheTemplate
  var file: String
  var size: Int
  var bodySizes: [String: Int]
  var format: DraftFormat?
}

/// Escapes text for the plain-text draft: each value stays on its line. Line breaks (and the
/// other line and paragraph separators) become spaces and other control characters are dropped,
/// so a value cannot start a line of its own ("# Fake heading", a fake link line).
struct PlainTextContentType: MustacheContentType {
  func escapeText(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: String.isControl) else { return text }
    var result = ""
    result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
    for scalar in text.unicodeScalars {
      if scalar == "\t" || !String.isControl(scalar) {
        result.unicodeScalars.append(scalar)
      } else if PlainTextContentType.isLineBreak(scalar) {
        result.unicodeScalars.append(" ")
      }
    }
    return result
  }

  /// Line feed, carriage return, vertical tab, form feed, next line, and U+2028 and U+2029.
  static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
    (0x0A...0x0D).contains(scalar.value) || scalar.value == 0x85 || scalar.value == 0x2028 || scalar.value == 0x2029
  }
}

/// Escapes text for Markdown: every character that could start emphasis, a link, an image, HTML,
/// a heading, a table or code is backslash-escaped, list markers at the start of a value too, and
/// line breaks become spaces. Hyphens and parentheses inside text stay readable.
struct MarkdownContentType: MustacheContentType {
  static let special: Set<Character> = ["\\", "`", "*", "_", "{", "}", "[", "]", "<", ">", "#", "|", "~", "&"]

  /// Whether the ASCII byte may be escaped (a special character, or `-`, `+` and `.`, which are
  /// at the start of a value): what the render budget counts as written twice.
  static func escapable(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "{"), UInt8(ascii: "}"),
      UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "#"), UInt8(ascii: "|"),
      UInt8(ascii: "~"), UInt8(ascii: "&"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
      return true
    default:
      return false
    }
  }

  func escapeText(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.count + 8)
    var atStart = true
    for character in text {
      if character.unicodeScalars.contains(where: PlainTextContentType.isLineBreak) {
        result.append(" ")
        atStart = false
        continue
      }
      if character.unicodeScalars.allSatisfy(String.isControl) {
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
