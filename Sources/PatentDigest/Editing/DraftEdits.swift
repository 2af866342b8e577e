/// An editor's changes to a week's draft, keyed by publication number, so the weekly job and the
/// preview always produce the same edited draft.
///
/// Stored as a small YAML file (see `DraftEdits+YAML.swift`) that reads well in a diff: one block
/// per changed item, nothing for what was left alone.
public struct DraftEdits: Sendable, Hashable, Codable {
  /// Changes to one item.
  public struct ItemEdit: Sendable, Hashable, Codable {
    public var subhead: String?
    public var blurb: String?
    /// Take the item out of its section (it goes to the rest of the week).
    public var dropped: Bool
    /// Put a filing from the rest of the week into its company's section.
    public var added: Bool
    /// Where the item goes in its section (1 first); nil keeps the ranking's order.
    public var position: Int?

    public init(subhead: String? = nil, blurb: String? = nil, dropped: Bool = false, added: Bool = false, position: Int? = nil) {
      self.subhead = subhead
      self.blurb = blurb
      self.dropped = dropped
      self.added = added
      self.position = position
    }

    public var isEmpty: Bool { subhead == nil && blurb == nil && !dropped && !added && position == nil }
  }

  /// The publication number of the patent that leads (headline), if the editor chose another.
  public var lead: String?
  public var headline: String?
  public var dek: String?
  /// The intro's paragraphs, if rewritten.
  public var intro: [String]?
  public var items: [String: ItemEdit]

  public init(
    lead: String? = nil, headline: String? = nil, dek: String? = nil, intro: [String]? = nil, items: [String: ItemEdit] = [:]
  ) {
    self.lead = lead
    self.headline = headline
    self.dek = dek
    self.intro = intro
    self.items = items
  }

  public var isEmpty: Bool { lead == nil && headline == nil && dek == nil && intro == nil && items.values.allSatisfy(\.isEmpty) }
}
