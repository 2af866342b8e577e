/// What one run of the weekly job made: the draft, the run report and the feed summary.
public struct WeeklyRun: Sendable {
  public var draft: Draft
  public var report: RunReport
  public var summary: FeedSummary
  /// The classified week, kept to draw the draft again with other edits (the preview does).
  public var builder: DraftBuilder

  /// The draft again with `edits`, without reading the feeds again.
  public func redrawn(with edits: DraftEdits) -> (draft: Draft, editProblems: [String]) {
    builder.draft(documents: summary.documents, edits: edits)
  }
}
