public import ArgumentParser
import Foundation
import PatentDigest

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
  @OptionGroup var draft: DraftOptions

  @Option(help: "Format written to stdout: markdown, html, text or json.")
  var format: DraftFormat = .markdown

  @Option(help: ArgumentHelp("Write every format and the run report to this folder instead of stdout.", valueName: "DIR"))
  var out: String?

  @OptionGroup var history: HistoryRecordingOption

  func validate() throws {
    if out != nil && history.named != nil && feedOptions.feeds.contains("-") {
      throw ValidationError("--history records feed files: standard input (-) has no file name to record it under.")
    }
  }

  func run() throws {
    try CommandFailure.reporting {
      // A history that cannot be used stops the run before anything is written.
      let recording = out == nil ? nil : try history.open()
      // A draft to stdout reads the history through a read-only connection.
      let reading = out == nil ? try history.openForReading(quiet: feedOptions.quiet) : recording
      var job = try draft.job(feedOptions.inputs, reading: feedOptions.reading, out: out)
      job.history = reading.map { HistoryRecordingOption.draftHistory($0, classifier: job.classifier) }
      let run: WeeklyRun
      if let out {
        run = try DraftOptions.runAndPublish(job, to: out, reading: feedOptions.reading)
        if let recording {
          try HistoryRecordingOption.record(
            feedOptions.feeds, readerOptions: feedOptions.readerOptions, quiet: feedOptions.quiet, in: recording,
            classifier: job.classifier)
          try HistoryRecordingOption.recordFeatured(run.draft, quiet: feedOptions.quiet, in: recording)
        }
      } else {
        run = try job.run(problem: FeedOptions.report)
        for problem in run.report.editProblems { StandardError.print("warning: \(problem)") }
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
}
