/// A filing's application as a draft of an earlier week featured it: what the history says, as
/// plain values (the core never reads the history itself).
public struct EarlierFeature: Sendable, Hashable, Codable {
  /// The Sunday that starts the publishing week of the draft that featured it (YYYY-MM-DD).
  public var week: String
  /// The publication that draft featured (the application's, or a grant's).
  public var publicationNumber: String

  public init(week: String, publicationNumber: String) {
    self.week = week
    self.publicationNumber = publicationNumber
  }
}

/// A grant of the week whose application the column featured in an earlier week: a short item
/// in its own part of the draft, not a regular item.
public struct FollowUp: Sendable, Hashable, Codable {
  /// The watched company whose filing it is.
  public var company: String
  public var applicationNumber: String
  /// The grant.
  public var publicationNumber: String
  public var publicationDate: String?
  /// The grant's subhead, written as an item's is.
  public var subhead: String
  /// The grant's public page ("" when its number has no link).
  public var link: String
  /// What the earlier draft featured: its week's Sunday, the publication and its public page
  /// ("" when its number has no link).
  public var featuredWeek: String
  public var featuredPublicationNumber: String
  public var featuredLink: String

  public init(
    company: String, applicationNumber: String, publicationNumber: String, publicationDate: String?, subhead: String,
    link: String, featuredWeek: String, featuredPublicationNumber: String, featuredLink: String
  ) {
    self.company = company
    self.applicationNumber = applicationNumber
    self.publicationNumber = publicationNumber
    self.publicationDate = publicationDate
    self.subhead = subhead
    self.link = link
    self.featuredWeek = featuredWeek
    self.featuredPublicationNumber = featuredPublicationNumber
    self.featuredLink = featuredLink
  }
}
