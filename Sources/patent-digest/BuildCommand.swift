public import ArgumentParser
import Foundation
import PatentDigest
import PatentDigestHistory

extension DraftFormat: ExpressibleByArgument {}

struct BuildCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "build",
    abstract: "Build the weekly column draft from the week's feeds.",
    discussion: """
      Without --out, the draft is written to stdout in one format (Markdown by default). With \
      --out DIR, every format (draft.md, draft.html, draft.txt, draft.json) and the run report \
      (report.txt, report.json) are written to DIR, and the folder switches to them all at once: \
      the files are links into DIR/current, which points at a complete version in DIR/.versions \
      and is replaced in one atomic step. A reader of DIR sees the previous complete draft or the \
      new complete one, never a mix or a half-written file; the previous version is kept until the \
      next run. The job never writes DIR/edits.yaml, and running the same week again is safe.
      """
  )

  @OptionGroup var feedOptions: FeedOptions
  @OptionGroup var watchList: WatchListOption
  @OptionGroup var copyRules: CopyRulesOption

  @Option(
    help: ArgumentHelp(
      "Folder with an editor's own templates (draft.md.mustache, draft.html.mustache, draft.txt.mustache).", valueName: "DIR"))
  var templates: String?

  @Option(help: "Format written to stdout: markdown, html, text or json.")
  var format: DraftFormat = .markdown

  @Option(help: ArgumentHelp("Write every format and the run report to this folder instead of stdout.", valueName: "DIR"))
  var out: String?

  @Option(
    help: ArgumentHelp(
      "An editor's edits to apply (as `patent-digest preview` saves them); with --out, DIR/edits.yaml is applied when it exists.",
      valueName: "FILE"))
  var edits: String?

  @Option(
    name: .customLong("history"),
    help: ArgumentHelp(
      "With --out, record the week's feeds in this history database once the draft is written (see `patent-digest history`); also $\(HistoryFileOption.environmentVariable). A draft to stdout never records.",
      valueName: "FILE"))
  var historyPath: String?

  /// The history that records the week: only with --out, and only when named.
  private var recordingHistory: String? {
    guard out != nil else { return nil }
    if let historyPath { return historyPath }
    let named = ProcessInfo.processInfo.environment[HistoryFileOption.environmentVariable] ?? ""
    return named.isEmpty ? nil : named
  }

  func validate() throws {
    if recordingHistory != nil && feedOptions.feeds.contains("-") {
      throw ValidationError("--history records feed files: standard input (-) has no file name to record it under.")
    }
  }

  func run() throws {
    try CommandFailure.reporting {
      // A history that cannot be used stops the run before anything is written.
      let history = try recordingHistory.map { try HistoryFileOption.open(path: $0, .creatingIfMissing) }
      let job = try WeeklyJob.load(
        feedOptions.inputs, readerOptions: feedOptions.readerOptions, watchListPath: watchList.path,
        copyRulesPath: copyRules.path, templatesFolder: templates, editsPath: edits ?? out.map { "\($0)/edits.yaml" },
        // Only the implicit DIR/edits.yaml may be absent: a file the user names must be there.
        editsMustExist: edits != nil)
      let run = try job.run(problem: FeedOptions.report)
      for problem in run.report.editProblems { StandardError.print("warning: \(problem)") }
      if let out {
        let publication = try job.publish(run, to: out)
        for kept in publication.keptAside {
          StandardError.print(
            "\(kept.original) was changed by hand; kept it as \(kept.keptAs) and put this week's draft in its place")
        }
        if !feedOptions.quiet { StandardError.print("wrote the draft and the run report to \(out)") }
        if let history { try record(in: history) }
      } else {
        let text = try job.render(run.draft, as: format)
        do throws(OutputError) {
          var output = FileDescriptorSink.standardOutput
          try output.write(Array(text.utf8))
          try output.flush()
        } catch {
          throw CommandFailure.output(error)
        }
      }
      feedOptions.printSummary(run.summary)
      try ExitStatus.finish(run.summary)
    }
  }

  /// Records the week's feeds in the history (read again: the job keeps only the watched
  /// filings). A feed the draft could not read whole is not recorded either.
  private func record(in history: HistoryStore) throws {
    let job = HistoryImportJob(feeds: feedOptions.feeds, readerOptions: feedOptions.readerOptions)
    do throws(HistoryError) {
      // The draft's run has reported each problem of the feeds already.
      _ = try job.run(into: history, problem: { _ in }) { result in
        if !feedOptions.quiet { StandardError.print("history: " + result.message) }
      }
    } catch {
      throw CommandFailure.history(error)
    }
  }
}
