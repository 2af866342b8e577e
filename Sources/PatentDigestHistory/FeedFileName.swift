public import PatentDigest

/// What a feed's file name says, as the history keys it: `ipg260106_r1.zip` is revision 1 of
/// `ipg260106.zip`, the grants of 2026-01-06. A name that is not a weekly feed's (a test `.xml`)
/// is its own key, with no product, date or revision.
public struct FeedFileName: Sendable, Hashable {
  /// The unrevised name (`ipg260106.zip`): what a revision replaces.
  public var key: String
  /// The name as given, without its folder (`ipg260106_r1.zip`).
  public var fileName: String
  /// 0 for an original weekly file, N for `_rN`; nil for a name that is not a weekly feed's.
  public var revision: Int?
  /// `ipa` or `ipg`; nil for a name that is not a weekly feed's.
  public var product: PortalListing.WeeklyFeed.Product?
  /// The data date (YYYY-MM-DD) the name gives.
  public var dataDate: String?

  /// Reads the last component of `path`.
  public init(path: String) {
    let fileName = String(path.split(separator: "/", omittingEmptySubsequences: false).last ?? Substring(path))
    self.fileName = fileName
    if let feed = PortalListing.WeeklyFeed(fileName: fileName) {
      key = feed.unrevisedFileName
      revision = feed.revision
      product = feed.product
      dataDate = feed.date
    } else {
      key = fileName
    }
  }

  /// True when a file recorded with `recorded` should give way to this one: only a higher
  /// revision replaces; the same file again changes nothing.
  public func replaces(recordedRevision recorded: Int?) -> Bool {
    (revision ?? 0) > (recorded ?? 0)
  }
}
