/// Why the weekly job stopped before its end, with what a person needs to fix it. The command
/// line maps each case to its documented exit code.
public enum JobError: Error, Sendable, CustomStringConvertible {
  /// The watch list file cannot be used.
  case watchList(WatchListError)
  /// The copy rules file cannot be used.
  case copyRules(CopyRulesError)
  /// A template folder or template cannot be used.
  case templates(TemplateError)
  /// The edits file cannot be used.
  case edits(EditsError)
  /// An edits file that was named explicitly is not there (an implicit one may be absent).
  case missingEditsFile(path: String)
  /// The draft or the run report could not be written.
  case output(OutputError)

  public var description: String {
    switch self {
    case .watchList(let error): error.description
    case .copyRules(let error): error.description
    case .templates(let error): error.description
    case .edits(let error): error.description
    case .missingEditsFile(let path): "\(path): no such edits file"
    case .output(let error): error.description
    }
  }
}
