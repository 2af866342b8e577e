import ArgumentParser
import Foundation
import PatentDigestHistory

/// `--history FILE`, shared by the commands that read or record the history.
struct HistoryFileOption: ParsableArguments {
  static let environmentVariable = "PATENT_DIGEST_HISTORY"

  @Option(
    name: .customLong("history"),
    help: ArgumentHelp(
      "The history database (SQLite); default: $\(HistoryFileOption.environmentVariable), else \(HistoryFileOption.defaultPathText).",
      valueName: "FILE"))
  var explicitPath: String?

  static let defaultPathText = "$XDG_DATA_HOME/patent-digest/history.sqlite (~/.local/share/patent-digest/history.sqlite)"

  /// The file named by `--history`, else by the environment, else the per-user default.
  var path: String { explicitPath ?? Self.environmentPath ?? Self.defaultPath }

  /// True when neither the option nor the environment names the file.
  var isDefault: Bool { explicitPath == nil && Self.environmentPath == nil }

  /// The file `$PATENT_DIGEST_HISTORY` names; nil when it is unset or empty.
  static var environmentPath: String? {
    ProcessInfo.processInfo.environment[environmentVariable].flatMap { $0.isEmpty ? nil : $0 }
  }

  static var defaultPath: String {
    let environment = ProcessInfo.processInfo.environment
    let dataHome =
      environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
      ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.local/share")
    return dataHome + "/patent-digest/history.sqlite"
  }

  /// Opens the history. A missing default file is created (with its folder) when recording; a
  /// file the user named must have its folder.
  func open(_ opening: HistoryStore.Opening) throws -> HistoryStore {
    try Self.open(path: path, opening, makingFolder: isDefault)
  }

  static func open(path: String, _ opening: HistoryStore.Opening, makingFolder: Bool = false) throws(HistoryError)
    -> HistoryStore
  {
    if opening == .creatingIfMissing && makingFolder {
      let folder = (path as NSString).deletingLastPathComponent
      do {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      } catch {
        throw HistoryError.cannotWrite(path: path, detail: "its folder cannot be made")
      }
    }
    return try HistoryStore(path: path, opening: opening)
  }
}
