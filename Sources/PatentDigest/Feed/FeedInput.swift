/// One feed named on the command line: a file (plain XML, `.zip` or `.gz`, told apart by their
/// first bytes, not their names) or standard input.
public enum FeedInput: Sendable, Hashable {
  case file(String)
  case standardInput

  /// Parses a command-line argument: `-` means standard input.
  public init(argument: String) {
    self = argument == "-" ? .standardInput : .file(argument)
  }

  /// The name used in records and messages.
  public var displayName: String {
    switch self {
    case .file(let path): return path
    case .standardInput: return "-"
    }
  }
}
