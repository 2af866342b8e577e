import ArgumentParser
import PatentDigest

/// What shapes the draft: the watch list, the copy rules, the templates and an editor's edits.
/// Shared by `build` and `weekly`.
struct DraftOptions: ParsableArguments {
  @OptionGroup var watchList: WatchListOption
  @OptionGroup var copyRules: CopyRulesOption

  @Option(
    help: ArgumentHelp(
      "Folder with an editor's own templates (draft.md.mustache, draft.html.mustache, draft.txt.mustache).", valueName: "DIR"))
  var templates: String?

  @Option(
    help: ArgumentHelp(
      "An editor's edits to apply (as `patent-digest preview` saves them); when the draft is written to a folder, its "
        + "edits.yaml is applied if it exists.",
      valueName: "FILE"))
  var edits: String?

  /// The job for `inputs`, with the edits named or, when the draft goes to `out`, the folder's own.
  func job(_ inputs: [FeedInput], reading: ReadingOptions, out: String?) throws(JobError) -> WeeklyJob {
    try WeeklyJob.load(
      inputs, readerOptions: reading.readerOptions, watchListPath: watchList.path, copyRulesPath: copyRules.path,
      templatesFolder: templates, editsPath: edits ?? out.map { "\($0)/edits.yaml" },
      // Only the implicit DIR/edits.yaml may be absent: a file the user names must be there.
      editsMustExist: edits != nil)
  }

  /// Runs the job, writes every format and the report to `out` and says so on stderr.
  static func runAndPublish(_ job: WeeklyJob, to out: String, reading: ReadingOptions) throws -> WeeklyRun {
    let run = try job.run(problem: ReadingOptions.report)
    for problem in run.report.editProblems { StandardError.print("warning: \(problem)") }
    let publication = try job.publish(run, to: out)
    for kept in publication.keptAside {
      StandardError.print(
        "\(kept.original) was changed by hand; kept it as \(kept.keptAs) and put this week's draft in its place")
    }
    if !reading.quiet { StandardError.print("wrote the draft and the run report to \(out)") }
    return run
  }
}
