public import ArgumentParser
import Foundation
import PatentDigest
import PatentDigestHistory

extension WeeklyCounts.Dimension: ExpressibleByArgument {}
extension WeeklyCounts.Format: ExpressibleByArgument {}

struct HistoryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "history",
    abstract: "Record weeks in the history database, and print weekly counts from it.",
    discussion: """
      The history is one SQLite file: --history FILE, else $\(HistoryFileOption.environmentVariable), else \
      \(HistoryFileOption.defaultPathText). `history import` records feeds (one transaction per file; \
      the same file again changes nothing; ipg260106_r1.zip replaces what ipg260106.zip recorded). \
      `history` alone prints weekly counts. A file that is not a history, comes from a newer \
      patent-digest, or is damaged is refused and left as it is.

      Exit codes:
        0   done
        1   some documents of a feed could not be read (the others were recorded)
        2   a feed could not be read whole (it was not recorded), or the history file is not a
            history, is from a newer patent-digest, is damaged, or is missing (for counts)
        64  the command line is wrong
        74  the history could not be written (disk full, no permission, or another job held
            it too long: \(Int(HistoryStore.writerBusyTimeout)) seconds to write, \(Int(HistoryStore.busyTimeout)) to read)
      """,
    subcommands: [HistoryCountsCommand.self, HistoryImportCommand.self],
    defaultSubcommand: HistoryCountsCommand.self
  )
}

struct HistoryCountsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "counts",
    abstract: "Print documents per publishing week, optionally by company or topic (the default subcommand).",
    discussion: """
      Weeks are named by the Sunday that starts them, oldest first, with the latest week recorded \
      last; weeks with nothing recorded show zeros. Companies and topics are worked out from the \
      stored documents with the watch list given now (--watchlist), so a changed watch list needs \
      no feed read again. A document counts for the company whose section it would be in, and for \
      each of its topics.

        patent-digest history --weeks 12
        patent-digest history --by company --format csv > companies.csv
        patent-digest history --by topic --format json --watchlist my-watchlist.yaml
      """
  )

  @OptionGroup var historyFile: HistoryFileOption
  @OptionGroup var watchList: WatchListOption

  @Option(help: "Split the counts by company or topic.")
  var by: WeeklyCounts.Dimension?

  @Option(help: "How many weeks, back from the latest recorded (1-\(HistoryCountsCommand.weekRange.upperBound)).")
  var weeks = 12

  static let weekRange = 1...5200

  @Option(help: "Output format: text, csv or json.")
  var format: WeeklyCounts.Format = .text

  func validate() throws {
    if !Self.weekRange.contains(weeks) {
      throw ValidationError("--weeks must be between 1 and \(Self.weekRange.upperBound), not \(weeks).")
    }
  }

  func run() throws {
    try CommandFailure.reporting {
      let classifier = Classifier(watchList: try watchList.load())
      let store = try historyFile.open(.existingOnly)
      let counts = try store.weeklyCounts(weeks: weeks, by: by, classifier: classifier)
      do throws(OutputError) {
        var output = FileDescriptorSink.standardOutput
        try output.write(Array(counts.rendered(as: format).utf8))
        try output.flush()
      } catch {
        throw CommandFailure.output(error)
      }
    }
  }
}

struct HistoryImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Record weekly feeds in the history (to backfill past weeks).",
    discussion: """
      Each FEED is recorded in one transaction: a run killed at any moment leaves the history as \
      it was before or after that file. A file is keyed by its unrevised name (ipg260106.zip); \
      recording it again changes nothing, and a higher revision (ipg260106_r1.zip) replaces what \
      a lower one recorded. A file whose name is not a weekly feed's is recorded under its own \
      name. A feed that cannot be read whole is not recorded. On a terminal, a progress line \
      shows files, documents, rate and time left.

      What the watch list (--watchlist) makes of each document (its company and topics) is \
      recorded with it, so the counts and the drafts' context lines are quick to read. When the \
      history's were made with another watch list, they are all worked out again from the \
      stored documents first (no feed is read again), and a line on stderr says so.
      """
  )

  @OptionGroup var feedOptions: FeedOptions
  @OptionGroup var historyFile: HistoryFileOption
  @OptionGroup var watchList: WatchListOption

  func validate() throws {
    if feedOptions.feeds.contains("-") {
      throw ValidationError("history import reads files: standard input (-) has no file name to record it under.")
    }
  }

  func run() throws {
    try CommandFailure.reporting {
      let classifier = Classifier(watchList: try watchList.load())
      let store = try historyFile.open(.creatingIfMissing)
      let job = HistoryImportJob(
        feeds: feedOptions.feeds, readerOptions: feedOptions.readerOptions, classifier: classifier)
      let progressLine = ProgressLine()
      let summary: FeedSummary
      do throws(HistoryError) {
        summary = try job.run(
          into: store, problem: { FeedOptions.report($0) },
          fileDone: { result in
            progressLine.clear()
            if !feedOptions.quiet || result.isNotRecorded { StandardError.print(result.message) }
          },
          progress: { progress in progressLine.show(final: progress.filesDone == progress.fileCount) { progress.text } },
          rederived: { count in
            progressLine.clear()
            if !feedOptions.quiet { StandardError.print("history: " + HistoryImportJob.rederivedMessage(count)) }
          })
      } catch {
        progressLine.clear()
        throw error
      }
      progressLine.clear()
      // Files already recorded are not read: a summary of nothing says nothing.
      if summary.inputs > 0 { feedOptions.printSummary(summary) }
      try ExitStatus.finish(summary)
    }
  }
}

extension HistoryImportJob {
  /// The line on stderr when a recording worked the stored documents' facts out again.
  static func rederivedMessage(_ count: Int) -> String {
    "the watch list is not the one the history's companies and topics were worked out with: "
      + "worked them out again for \(count.formatted()) stored document\(count == 1 ? "" : "s")"
  }
}

extension HistoryImportJob.FileResult {
  var isNotRecorded: Bool {
    if case .notRecorded = outcome { return true }
    return false
  }

  /// One line for stderr.
  var message: String {
    switch outcome {
    case .recorded(let replaced?):
      "\(path): recorded \(documents) documents, replacing \(replaced.fileName) (\(replaced.documentCount) documents)"
    case .recorded(nil): "\(path): recorded \(documents) documents"
    case .unchanged(let recorded):
      "\(path): \(recorded.fileName) is already recorded (\(recorded.documentCount) documents); nothing changed"
    case .notRecorded: "\(path): not recorded, since it could not be read whole"
    }
  }

}

extension HistoryImportJob.Progress {
  /// The progress line's words: files, documents, rate, time left.
  var text: String {
    var line =
      "history: \(filesDone)/\(fileCount) files, \(documents.formatted()) documents, "
      + "\(Int(rate).formatted()) documents/s"
    if let left = secondsLeft, filesDone < fileCount {
      line += ", about \(ProgressLine.duration(left)) left"
    }
    return line
  }
}
