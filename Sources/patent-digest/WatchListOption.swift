import ArgumentParser
import PatentDigest

/// `--watchlist FILE`, shared by the commands that classify.
struct WatchListOption: ParsableArguments {
  @Option(
    name: .customLong("watchlist"),
    help: ArgumentHelp(
      "Watch list file (YAML); default: the built-in one (print it with `patent-digest watchlist`).", valueName: "FILE"))
  var path: String?

  /// The watch list; a file that cannot be used is a `CommandFailure` (one line with file and
  /// line, exit code 2).
  func load() throws -> WatchList {
    try Self.load(path: path)
  }

  static func load(path: String?) throws -> WatchList {
    guard let path else { return WatchList.default }
    do {
      return try WatchList(contentsOfFile: path)
    } catch {
      throw CommandFailure.job(.watchList(error))
    }
  }
}
