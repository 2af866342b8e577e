/// Documents per publishing week, optionally split by company or topic: what `patent-digest
/// history` prints and the newsletter's charts are drawn from.
public struct WeeklyCounts: Sendable, Hashable {
  /// What the counts are split by.
  public enum Dimension: String, Sendable, Hashable, CaseIterable {
    /// The watched parent company whose section a document belongs to (its first watched owner).
    case company
    /// Each editorial topic of a document (a document may count for several).
    case topic
  }

  /// One name's count in a week.
  public struct Count: Sendable, Hashable {
    public var name: String
    public var count: Int

    public init(name: String, count: Int) {
      self.name = name
      self.count = count
    }
  }

  /// One publishing week.
  public struct Week: Sendable, Hashable {
    /// The Sunday that starts the publishing week (YYYY-MM-DD).
    public var week: String
    public var documents: Int
    public var applications: Int
    public var grants: Int
    /// By `dimension`, in the order of `names`, zeros included; empty without a dimension.
    public var counts: [Count]

    public init(week: String, documents: Int, applications: Int, grants: Int, counts: [Count]) {
      self.week = week
      self.documents = documents
      self.applications = applications
      self.grants = grants
      self.counts = counts
    }
  }

  public var dimension: Dimension?
  /// Every company of the watch list, or every topic, in the watch list's order.
  public var names: [String]
  /// Oldest first; weeks without documents between the first and the last are there with zeros.
  public var weeks: [Week]

  public init(dimension: Dimension?, names: [String], weeks: [Week]) {
    self.dimension = dimension
    self.names = names
    self.weeks = weeks
  }
}
