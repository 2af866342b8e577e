/// What a template is allowed to be, checked on its text before swift-mustache sees it.
///
/// swift-mustache parses and renders sections by recursion, one level of the stack per nested
/// section (and per transform wrapped around a name), so a template of a few thousand nested
/// sections overflows the stack: the program dies with SIGSEGV and no message. This scan counts
/// the nesting first and refuses a template past `maximumDepth`, with its line. It also refuses
/// what would write a value unescaped (`{{{name}}}`, `{{& name}}`), and the set-delimiter tag,
/// which would hide the tags from this count.
///
/// The scan finds tags as the parser does: a tag starts at `{{`, its kind is the character right
/// after, and it ends at the first `}}` (the parser throws on any tag that does not). Comments are
/// skipped whole, as the parser skips them. Where the two could differ (a malformed tag) the
/// parser throws at that tag, before nesting any deeper.
struct TemplateScan {
  /// Sections nested deeper than this are refused. The built-in templates nest 3 deep. In a debug
  /// build, parsing and rendering take about 12 KB of stack per level, and a 512 KB thread stack
  /// (macOS's secondary threads, such as the preview's) overflows between 32 and 40 levels; 24
  /// leaves a third of it spare (`TemplateTests.deepestOnSmallStack`).
  static let maximumDepth = 24
  /// Transforms wrapped around one name (`reversed(sorted(intro))`); each is a level of recursion.
  static let maximumTransforms = 16

  /// The template as swift-mustache should parse it: its content-type pragmas set to the format's
  /// own escaping (see `contentTypeLine`).
  var text: String
  /// Lines `text` has before the template's own first line.
  var addedLines: Int
  /// For each name a section opens, the longest body (in bytes) of any section opened with it:
  /// what one element of a list looked up by that name can add to the output besides its values.
  var bodySizes: [String: Int]

  /// Scans `template` (from `file`, for messages); `format` decides the escaping.
  init(_ template: String, file: String, format: DraftFormat?) throws(TemplateError) {
    let bytes = Array(template.utf8)
    var line = 1
    var open: [(names: [String], bodyStart: Int)] = []
    var sizes: [String: Int] = [:]
    /// Byte ranges of pragma tags to replace with the format's pragma, and the line breaks inside them.
    var pragmas: [(range: Range<Int>, lineBreaks: Int)] = []
    var index = 0
    func fail(_ message: String) -> TemplateError {
      TemplateError(file: file, line: line, message: message)
    }
    while index + 1 < bytes.count {
      if bytes[index] == UInt8(ascii: "\n") {
        line += 1
        index += 1
        continue
      }
      guard bytes[index] == UInt8(ascii: "{"), bytes[index + 1] == UInt8(ascii: "{") else {
        index += 1
        continue
      }
      let start = index
      // An unfinished tag is the parser's to report.
      guard let end = Self.find(closing: bytes, from: start + 2) else { break }
      let content = bytes[(start + 2)..<end]
      let tag = Self.quoted(bytes[start..<min(end + 2, bytes.count)])
      switch content.first {
      case UInt8(ascii: "{"), UInt8(ascii: "&"):
        let name = String(decoding: content.dropFirst(), as: UTF8.self).trimming(" \t\r\n")
        throw fail(
          "\(tag) would write a value unescaped; values from the feed are always escaped for the format: write {{\(name)}}")
      case UInt8(ascii: "="):
        throw fail(
          "changing the delimiters (\(tag)) is not supported: write every tag with {{ and }}, so that sections can be counted")
      case UInt8(ascii: "!"):
        break
      case UInt8(ascii: "%"):
        pragmas.append((start..<(end + 2), content.filter { $0 == UInt8(ascii: "\n") }.count))
      case UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "<"):
        guard open.count < Self.maximumDepth else {
          throw fail(
            "sections are nested more than \(Self.maximumDepth) deep at \(tag) (the built-in templates nest 3 deep); close them with {{/name}}"
          )
        }
        try Self.checkTransforms(content, tag: tag, fail)
        open.append((Self.names(in: content.dropFirst()), end + 2))
      case UInt8(ascii: "/"):
        if let section = open.popLast() {
          for name in section.names { sizes[name] = max(sizes[name] ?? 0, start - section.bodyStart) }
        }
      default:
        try Self.checkTransforms(content, tag: tag, fail)
      }
      line += content.filter { $0 == UInt8(ascii: "\n") }.count
      index = end + 2
    }
    bodySizes = sizes

    // The format decides how values are escaped, whatever the template's pragma says: a Markdown
    // template that said TEXT (or nothing, which swift-mustache takes as HTML) would write `#`,
    // `[...](javascript:...)` and line breaks from the feed as they are.
    guard let contentType = format?.contentType else {
      text = template
      addedLines = 0
      return
    }
    var rewritten = [UInt8]()
    rewritten.reserveCapacity(bytes.count + 32)
    rewritten += Array("{{% CONTENT_TYPE: \(contentType)}}\n".utf8)
    var copied = 0
    for pragma in pragmas {
      let content = String(decoding: bytes[(pragma.range.lowerBound + 3)..<(pragma.range.upperBound - 2)], as: UTF8.self)
      let parts = content.split(separator: ":", maxSplits: 1).map { String($0).trimming(" \t\r\n") }
      guard parts.count == 2, parts[0] == "CONTENT_TYPE", DraftFormat.contentTypeNames.contains(parts[1]) else { continue }
      rewritten += bytes[copied..<pragma.range.lowerBound]
      // The same line breaks, so that lines keep their numbers.
      rewritten += Array("{{% CONTENT_TYPE: \(contentType)\(String(repeating: "\n", count: pragma.lineBreaks))}}".utf8)
      copied = pragma.range.upperBound
    }
    rewritten += bytes[copied...]
    text = String(decoding: rewritten, as: UTF8.self)
    addedLines = 1
  }

  /// The index of the first `}}` at or after `start`.
  private static func find(closing bytes: [UInt8], from start: Int) -> Int? {
    var index = start
    while index + 1 < bytes.count {
      if bytes[index] == UInt8(ascii: "}") && bytes[index + 1] == UInt8(ascii: "}") { return index }
      index += 1
    }
    return nil
  }

  private static func checkTransforms(
    _ content: ArraySlice<UInt8>, tag: String, _ fail: (String) -> TemplateError
  ) throws(TemplateError) {
    guard content.filter({ $0 == UInt8(ascii: "(") }).count <= maximumTransforms else {
      throw fail("\(tag) applies more than \(maximumTransforms) transforms to one name")
    }
  }

  /// Every name in a section tag: `intro`, `numbers.perCompany` (both parts), `reversed(intro)`
  /// (both). The budget looks names up one part at a time, so each part is charged the body.
  private static func names(in content: ArraySlice<UInt8>) -> [String] {
    String(decoding: content, as: UTF8.self).split { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "?") }
      .map(String.init)
  }

  /// A tag as a message quotes it: at most 60 characters.
  private static func quoted(_ tag: ArraySlice<UInt8>) -> String {
    let text = String(decoding: tag, as: UTF8.self)
    return text.count <= 60 ? text : String(text.prefix(56)) + "...}}"
  }
}

extension DraftFormat {
  /// The format a template file is for (`draft.md.mustache` is Markdown).
  init?(templateFile: String) {
    guard let format = Self.allCases.first(where: { $0.templateFile == templateFile }) else { return nil }
    self = format
  }

  /// The content type (swift-mustache's name) that escapes values for this format.
  var contentType: String? {
    switch self {
    case .markdown: return "MARKDOWN"
    case .html: return "HTML"
    case .text: return "PLAIN_TEXT"
    case .json: return nil
    }
  }

  /// The names a template's CONTENT_TYPE pragma may give; each stands for the format's own.
  static let contentTypeNames: Set<String> = ["HTML", "MARKDOWN", "TEXT", "PLAIN_TEXT"]
}
