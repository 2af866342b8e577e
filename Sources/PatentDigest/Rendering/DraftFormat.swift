/// The formats a draft is written in: three from templates, JSON from the data model.
public enum DraftFormat: String, Sendable, CaseIterable, Codable {
  case markdown
  case html
  case text
  case json

  /// The template file a format is rendered with (nil for JSON, which needs none).
  public var templateFile: String? {
    switch self {
    case .markdown: return "draft.md.mustache"
    case .html: return "draft.html.mustache"
    case .text: return "draft.txt.mustache"
    case .json: return nil
    }
  }

  /// The file the weekly job writes it to.
  public var outputFile: String {
    switch self {
    case .markdown: return "draft.md"
    case .html: return "draft.html"
    case .text: return "draft.txt"
    case .json: return "draft.json"
    }
  }
}

/// A template that cannot be used: which file, which line, what is wrong.
public struct TemplateError: LocatedFileProblem {
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
