import ArgumentParser
import Foundation
import PatentDigest
import PatentDigestHistory

/// `--history FILE` on `build` and `weekly`: the week's feeds are recorded there once its draft
/// is written to its folder. A draft to stdout never records.
struct HistoryRecordingOption: ParsableArguments {
  @Option(
    name: .customLong("history"),
    help: ArgumentHelp(
      "Record the week's feeds in this history database once the draft is written to its folder (see `patent-digest "
        + "history`); also $\(HistoryFileOption.environmentVariable). A draft to stdout never records.",
      valueName: "FILE"))
  var path: String?

  /// The history named by the option or the environment; nil: none.
  var named: String? {
    if let path { return path }
    let named = ProcessInfo.processInfo.environment[HistoryFileOption.environmentVariable] ?? ""
    return named.isEmpty ? nil : named
  }

  /// Opens the named history, checked before anything is written (a bad one stops the run).
  func open() throws -> HistoryStore? {
    try named.map { try HistoryFileOption.open(path: $0, .creatingIfMissing) }
  }

  /// Records `feeds` in `history` (read again: the draft's job keeps only the watched filings).
  /// The draft's run has reported each problem of the feeds already; a feed it could not read
  /// whole is not recorded.
  static func record(_ feeds: [String], readerOptions: FeedReaderOptions, quiet: Bool, in history: HistoryStore) throws {
    let job = HistoryImportJob(feeds: feeds, readerOptions: readerOptions)
    do throws(HistoryError) {
      _ = try job.run(into: history, problem: { _ in }) { result in
        if !quiet { StandardError.print("history: " + result.message) }
      }
    } catch {
      throw CommandFailure.history(error)
    }
  }
}
