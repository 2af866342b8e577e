/// A file a person wrote (watch list, template, edits) that cannot be used: which file, which
/// line, what is wrong. Each kind of file has its own error type of this shape.
///
/// The message is always one line: its control characters (a line break in a quoted value, an
/// escape sequence) are shown as `\n` or `\u{1B}`, so a value from the file cannot forge more
/// lines of output or move a terminal's cursor.
public protocol LocatedFileProblem: Error, Sendable, Hashable, CustomStringConvertible {
  var file: String { get }
  var line: Int? { get }
  /// The column on `line` (from 1), where the reader knows it.
  var column: Int? { get }
  var message: String { get }
}

extension LocatedFileProblem {
  public var column: Int? { nil }

  /// `file:line: message` (or `file:line:column: message`), the form editors and compilers share.
  public var description: String {
    let place = file.withVisibleControlCharacters
    guard let line else { return "\(place): \(message)" }
    guard let column else { return "\(place):\(line): \(message)" }
    return "\(place):\(line):\(column): \(message)"
  }
}
