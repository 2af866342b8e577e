import Yams

/// A YAML error from Yams as one located line. Yams's own descriptions quote the file around the
/// problem, and for a duplicate key the whole file (hundreds of lines on stderr); this keeps the
/// line, the column and the reason.
struct YAMLProblem {
  var line: Int?
  var column: Int?
  var message: String

  init(_ error: YamlError, text: String) {
    switch error {
    case .reader(let problem, let offset, let value, _):
      let place = offset.flatMap { Self.position(ofCharacter: $0, in: text) }
      line = place?.line
      column = place?.column
      let found = Unicode.Scalar(UInt32(bitPattern: value)).map { " (U+\(String($0.value, radix: 16, uppercase: true)))" } ?? ""
      message = "is not valid YAML: \(problem)\(found)"
    case .scanner(let context?, let problem, let mark, _):
      // The token that could not be finished (a quoted string, a key) starts where the context
      // is: that is the line to fix, and the problem is often at the end of the file.
      line = context.mark.line
      column = context.mark.column
      message = "is not valid YAML: \(context.text), \(problem) at line \(mark.line)"
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      line = mark.line
      column = mark.column
      let started = context.map { " (\($0.text) from line \($0.mark.line))" } ?? ""
      message = "is not valid YAML: \(problem)\(started)"
    case .duplicatedKeysInMapping(let duplicates, let context):
      let key = duplicates.first ?? "?"
      if let repeated = Self.repeatedKey(key, after: context.mark, in: text) {
        line = repeated
        column = context.mark.column
        message = "duplicate key '\(key)' (first given at line \(context.mark.line)); a key may appear once in a mapping"
      } else {
        line = context.mark.line
        column = context.mark.column
        message = "duplicate key '\(key)': a key may appear once in a mapping"
      }
    case .memory:
      message = "is not valid YAML: out of memory while reading it"
    default:
      message = "is not valid YAML"
    }
  }

  /// Line and column (from 1) of the character at `offset`, in characters from the start.
  static func position(ofCharacter offset: Int, in text: String) -> (line: Int, column: Int)? {
    guard offset >= 0 else { return nil }
    var line = 1
    var column = 1
    for (index, character) in text.enumerated() {
      if index == offset { return (line, column) }
      if character.isNewline {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    return (line, column)
  }

  /// The line where `key`, first given at `first`, is given again in the same block mapping: the
  /// next line indented as far whose text there is the key and a colon, before the mapping ends
  /// (a line indented less). Nil for flow mappings (`{a: 1, a: 2}`) and quoted keys spelled
  /// differently, where the first key's line is reported instead.
  static func repeatedKey(_ key: String, after first: Mark, in text: String) -> Int? {
    let indent = first.column - 1
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard first.line >= 1, first.line < lines.count else { return nil }
    let spellings = [key, "\"\(key)\"", "'\(key)'"]
    for index in first.line..<lines.count {
      let line = lines[index]
      let leading = line.prefix { $0 == " " }.count
      let rest = line.dropFirst(leading)
      if rest.isEmpty || rest.hasPrefix("#") || rest.allSatisfy({ $0 == " " || $0 == "\r" || $0 == "\t" }) { continue }
      if leading < indent { return nil }
      guard leading == indent else { continue }
      for spelling in spellings where rest.hasPrefix(spelling) {
        let after = rest.dropFirst(spelling.count).drop { $0 == " " }
        if after.hasPrefix(":") { return index + 1 }
      }
    }
    return nil
  }
}
