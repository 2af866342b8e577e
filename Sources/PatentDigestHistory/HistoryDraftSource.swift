public import PatentDigest

/// The history as a week's draft reads it: what earlier drafts featured, and the background of
/// the week (earlier weeks' counts, each company's and topic's earlier filings), with companies
/// and topics as `classifier`'s watch list makes them of the stored documents.
///
/// Only reads, so a draft to stdout and the preview may use one on a read-only store.
public struct HistoryDraftSource: DraftHistory {
  public let store: HistoryStore
  /// The run's classifier: the watch list the draft is made with.
  public let classifier: Classifier

  public init(store: HistoryStore, classifier: Classifier) {
    self.store = store
    self.classifier = classifier
  }

  public func earlierFeatures(applicationNumbers: [String], before week: String) throws -> [String: EarlierFeature] {
    try store.earlierFeatures(applicationNumbers: applicationNumbers, before: week)
  }

  public func background(for request: HistoryBackgroundRequest) throws -> HistoryBackground {
    try store.background(for: request, classifier: classifier)
  }
}
