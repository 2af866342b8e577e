/// A file a person wrote (watch list, template, edits) that cannot be used: which file, which
/// line, what is wrong. Each kind of file has its own error type of this shape.
public protocol LocatedFileProblem: Error, Sendable, Hashable, CustomStringConvertible {
  var file: String { get }
  var line: Int? { get }
  var message: String { get }
}

extension LocatedFileProblem {
  /// `file:line: message`, the form editors and compilers share.
  public var description: String {
    if let line { return "\(file):\(line): \(message)" }
    return "\(file): \(message)"
  }
}
