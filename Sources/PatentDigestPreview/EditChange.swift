import Foundation
public import PatentDigest

/// One change an editor makes in the page, sent as JSON and applied to the edits file.
///
/// Each save is a small change, not the whole file: two tabs saving at once both land, one after
/// the other, and neither overwrites the other's change.
public struct EditChange: Sendable, Hashable, Codable {
  public enum Action: String, Sendable, Hashable, Codable {
    /// Make `number` the lead.
    case lead
    /// Take `number` out of its section, or put it back (`value` "false").
    case drop
    /// Bring `number` from the rest of the week into its section, or take it back out (`value` "false").
    case add
    /// Move `number` to `position` (1 first) in its section.
    case move
    /// Set `field` (headline, dek, intro, subhead, blurb) to `value`; nil `value` restores the generated text.
    case text
    /// Forget every edit.
    case reset
  }

  public var action: Action
  public var number: String?
  public var field: String?
  public var value: String?
  public var position: Int?

  public init(action: Action, number: String? = nil, field: String? = nil, value: String? = nil, position: Int? = nil) {
    self.action = action
    self.number = number
    self.field = field
    self.value = value
    self.position = position
  }

  /// Why a change cannot be applied.
  public struct Problem: Error, Sendable, CustomStringConvertible {
    public var description: String
  }

  /// `edits` with this change made.
  public func applied(to edits: DraftEdits) throws(Problem) -> DraftEdits {
    var edits = edits
    func requireNumber() throws(Problem) -> String {
      guard let number, !number.isEmpty, number.count <= 32, number.allSatisfy({ $0.isLetter || $0.isNumber }) else {
        throw Problem(description: "this change needs the publication number of an item")
      }
      return number
    }
    switch action {
    case .lead:
      edits.lead = try requireNumber()
    case .drop:
      let number = try requireNumber()
      edits.items[number, default: .init()].dropped = value != "false"
      if value != "false" { edits.items[number]?.added = false }
    case .add:
      let number = try requireNumber()
      edits.items[number, default: .init()].added = value != "false"
      if value != "false" { edits.items[number]?.dropped = false }
    case .move:
      let number = try requireNumber()
      guard let position, (1...50).contains(position) else { throw Problem(description: "a move needs a position from 1 to 50") }
      edits.items[number, default: .init()].position = position
    case .text:
      guard let field else { throw Problem(description: "a text change needs a field") }
      if let value, value.utf8.count > 20_000 { throw Problem(description: "the text is longer than 20,000 characters") }
      let text = value.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
      switch field {
      case "headline": edits.headline = text
      case "dek": edits.dek = text
      case "intro":
        edits.intro = text.map {
          $0.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        }
      case "subhead": edits.items[try requireNumber(), default: .init()].subhead = text
      case "blurb": edits.items[try requireNumber(), default: .init()].blurb = text
      default: throw Problem(description: "'\(field)' is not a field an editor can change (headline, dek, intro, subhead, blurb)")
      }
    case .reset:
      edits = DraftEdits()
    }
    edits.items = edits.items.filter { !$0.value.isEmpty }
    return edits
  }
}
