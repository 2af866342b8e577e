import ArgumentParser
import PatentDigest
import PatentDigestFetch

struct WeeklyCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "weekly",
    abstract: "Fetch the week's feeds and build its draft: the whole weekly job in one command.",
    discussion: """
      Runs `fetch` into --into DIR, then `build` of the files it got into DRAFTS/<date of the \
      week's Sunday>/ (every format and the run report, switched in one step as `build --out` \
      does; that folder's edits.yaml is applied when it exists). Prints the draft's folder on \
      stdout. Meant for cron or a systemd timer: run it on Thursdays after the application file is \
      out, and again as often as you like; files already fetched are not downloaded again.

      When the portal lists only one of the week's two files (a holiday week), the draft is \
      built from that one and a warning on stderr names the missing one.

      Exit codes: those of `fetch` (66, 69, 74, 75, 76, 77) when the files cannot be had, then \
      those of `build` (0, 1, 2, 74).
      """
  )

  @OptionGroup var fetch: FetchOptions

  @Option(help: ArgumentHelp("Folder that holds one folder of drafts per week.", valueName: "DRAFTS"))
  var out: String

  @OptionGroup var reading: ReadingOptions
  @OptionGroup var draft: DraftOptions
  @OptionGroup var history: HistoryRecordingOption

  func run() async throws {
    try await CommandFailure.reporting {
      // A history that cannot be used stops the run before anything is fetched or written.
      let recording = try history.open()
      let fetched = try await fetch.fetchWeek(quiet: reading.quiet)
      if !fetched.missing.isEmpty { StandardError.print("warning: \(Self.missingFiles(fetched).message); building without it") }
      let folder = "\(out.hasSuffix("/") && out.count > 1 ? String(out.dropLast()) : out)/\(fetched.week.sunday)"
      var job = try draft.job(fetched.files.map { .file($0.path) }, reading: reading, out: folder)
      job.history = recording.map { HistoryRecordingOption.draftHistory($0, classifier: job.classifier) }
      let run = try DraftOptions.runAndPublish(job, to: folder, reading: reading)
      if let recording {
        try HistoryRecordingOption.record(
          fetched.files.map(\.path), readerOptions: reading.readerOptions, quiet: reading.quiet, in: recording,
          classifier: job.classifier)
        try HistoryRecordingOption.recordFeatured(run.draft, quiet: reading.quiet, in: recording)
      }
      var output = StandardOutput()
      print(folder, to: &output)
      reading.printSummary(run.summary)
      try ExitStatus.finish(run.summary)
    }
  }

  /// What is missing from a week the portal listed only part of.
  static func missingFiles(_ result: WeekFetcher.Result) -> FetchError {
    let names = result.missing.map { "\($0.noun) file (\(result.week.fileName(of: $0)))" }
    return FetchError(
      .nothingListed,
      "the portal lists no \(names.joined(separator: " or ")) for the week of \(result.week.sunday): not released yet, "
        + "or skipped for a holiday")
  }
}
