import ArgumentParser
import Foundation
import PatentDigest
import PatentDigestHistory

/// `--history FILE` on `build`, `weekly` and `preview`: the draft leaves out what an earlier
/// week's draft featured, follows up its grants and says what the earlier weeks show (context
/// lines, trends, charts); a draft written to its folder also records
/// the week's feeds and what the draft features. A draft to stdout and the preview only read it.
struct HistoryRecordingOption: ParsableArguments {
  @Option(
    name: .customLong("history"),
    help: ArgumentHelp(
      "History database (see `patent-digest history`): the draft does not feature again what an earlier week's draft "
        + "featured, follows up its grants, and adds context lines, four-week trends and twelve-week charts; a draft "
        + "written to its folder records the week and what it features. "
        + "Also $\(HistoryFileOption.environmentVariable). A draft to stdout and the preview only read it; a missing file "
        + "there means no history yet.",
      valueName: "FILE"))
  var path: String?

  /// The history named by the option or the environment; nil: none.
  var named: String? { path ?? HistoryFileOption.environmentPath }

  /// Opens the named history, checked before anything is written (a bad one stops the run).
  func open() throws -> HistoryStore? {
    try named.map { try HistoryFileOption.open(path: $0, .creatingIfMissing) }
  }

  /// Opens the named history to read only (a draft to stdout, the preview). A file that is not
  /// there yet means no history, with a note on stderr unless `quiet`: the first week is
  /// previewed before anything is published. A file that is not a usable history stops the run.
  func openForReading(quiet: Bool) throws -> HistoryStore? {
    guard let path = named else { return nil }
    if !FileManager.default.fileExists(atPath: path) {
      if !quiet { StandardError.print("note: \(path): no history yet; the draft does not use one") }
      return nil
    }
    return try HistoryFileOption.open(path: path, .existingOnly)
  }

  /// What `history` tells a draft made with `classifier` (the job's: its watch list decides the
  /// companies and topics counted); its errors stop the run with the history's exit code.
  static func draftHistory(_ history: HistoryStore, classifier: Classifier) -> any DraftHistory {
    HistoryDraftSource(store: history, classifier: classifier)
  }

  /// The same for the preview, whose classifier changes with the watch list file.
  static func draftHistory(for history: HistoryStore) -> @Sendable (Classifier) -> any DraftHistory {
    { classifier in draftHistory(history, classifier: classifier) }
  }

  /// Records `feeds` in `history` (read again: the draft's job keeps only the watched filings).
  /// The draft's run has reported each problem of the feeds already; a feed it could not read
  /// whole is not recorded.
  ///
  /// `classifier` is the run's (`WeeklyJob.classifier`): what its watch list makes of each
  /// document is recorded with it, so later drafts' counts and context lines are index lookups.
  static func record(
    _ feeds: [String], readerOptions: FeedReaderOptions, quiet: Bool, in history: HistoryStore,
    classifier: Classifier
  ) throws {
    let job = HistoryImportJob(feeds: feeds, readerOptions: readerOptions, classifier: classifier)
    _ = try job.run(
      into: history, problem: { _ in },
      fileDone: { result in
        if !quiet { StandardError.print("history: " + result.message) }
      },
      rederived: { count in
        if !quiet { StandardError.print("history: " + HistoryImportJob.rederivedMessage(count)) }
      })
  }

  /// Records what the published `draft` featured (the lead and every section item, after the
  /// editor's edits) under its week, so later weeks do not feature them again.
  static func recordFeatured(_ draft: Draft, quiet: Bool, in history: HistoryStore) throws {
    let count = try history.recordFeatured(in: draft)
    if !quiet, let week = FeaturedFiling.week(of: draft) {
      StandardError.print("history: the draft of the week of \(week) features \(count) filing\(count == 1 ? "" : "s")")
    }
  }
}
