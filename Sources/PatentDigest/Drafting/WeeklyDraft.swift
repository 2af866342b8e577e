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
    var builder = DraftBuilder(classifier: classifier)
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
      editProblems: editProblems, picks: builder.picks(in: draft), companiesWithoutItems: draft.companiesWithoutItems,
      watchList: watchListSource, templates: templatesSource)
    return WeeklyDraft(draft: draft, report: report, summary: summary, builder: builder)
  }
}

/// What a run of the weekly job read, what failed and what it picked, with the reasons.
public struct RunReport: Sendable, Hashable, Codable {
  public var inputs: [String]
  public var summary: FeedSummary
  public var failedDocuments: [String]
  public var unusableInputs: [String]
  /// Edits that name a filing not in this week's feeds.
  public var editProblems: [String]
  public var picks: [DraftBuilder.Pick]
  public var companiesWithoutItems: [String]
  public var watchList: String
  public var templates: String

  /// The report for people: one block per concern.
  public var text: String {
    var lines = ["patent-digest run report", ""]
    lines.append("Read: \(inputs.joined(separator: ", "))")
    lines.append(
      "Documents: \(summary.documents) (\(summary.records) records, \(summary.sequenceListings) sequence listings, "
        + "\(summary.failedDocuments) failed)")
    lines.append("Watch list: \(watchList); templates: \(templates)")
    lines.append("")
    lines.append(failedDocuments.isEmpty && unusableInputs.isEmpty && editProblems.isEmpty ? "Problems: none" : "Problems:")
    for problem in unusableInputs + failedDocuments + editProblems { lines.append("  \(problem)") }
    lines.append("")
    lines.append("Picked:")
    for pick in picks {
      lines.append("  \(pick.company): \(pick.publicationNumber) (\(pick.role), score \(pick.score))")
      for reason in pick.reasons { lines.append("    \(reason)") }
    }
    if !companiesWithoutItems.isEmpty {
      lines.append("")
      lines.append("Nothing this week from: \(companiesWithoutItems.joined(separator: ", "))")
    }
    // Numbers, titles and failure messages come from the feed: each stays on its line.
    return lines.map(\.withVisibleControlCharacters).joined(separator: "\n") + "\n"
  }
}
