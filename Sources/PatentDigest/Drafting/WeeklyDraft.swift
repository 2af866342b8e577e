/// One run of the weekly job: read the feeds, classify every record on the workers, and build the
/// draft, keeping a report of what was read, what failed and what was picked.
public struct WeeklyDraft: Sendable {
  public var draft: Draft
  public var report: RunReport
  public var summary: FeedSummary
  /// The classified week, kept to draw the draft again with other edits (the preview does).
  public var builder: DraftBuilder

  /// The draft again with `edits`, without reading the feeds again.
  public func redrawn(with edits: DraftEdits) -> (draft: Draft, editProblems: [String]) {
    builder.draft(documents: summary.documents, edits: edits)
  }

  /// Reads `inputs` and builds the draft. `problem` hears each failed document and unusable input
  /// as it happens (the report keeps them too).
  public static func build(
    _ inputs: [FeedInput], options: FeedReaderOptions = FeedReaderOptions(), classifier: Classifier,
    edits: DraftEdits = DraftEdits(), watchListSource: String, templatesSource: String,
    problem: (FeedEvent<ClassifiedRecord>) -> Void = { _ in }
  ) throws -> WeeklyDraft {
    var builder = DraftBuilder(watchedCompanies: classifier.watchList.watchedCompanies.map(\.name))
    var failures: [String] = []
    var unusable: [String] = []
    let summary = try FeedReader(options: options).read(inputs, transform: classifier.classify) { event in
      switch event {
      case .record(let classified): builder.add(classified)
      case .documentFailed(let failure):
        failures.append(failure.description)
        problem(event)
      case .inputFailed(let error):
        unusable.append(error.description)
        problem(event)
      }
    }
    let (draft, editProblems) = builder.draft(documents: summary.documents, edits: edits)
    let report = RunReport(
      inputs: inputs.map(\.displayName), summary: summary, failedDocuments: failures, unusableInputs: unusable,
      editProblems: editProblems, picks: RunReport.picks(in: draft), companiesWithoutItems: draft.companiesWithoutItems,
      watchList: watchListSource, templates: templatesSource)
    return WeeklyDraft(draft: draft, report: report, summary: summary, builder: builder)
  }
}
