import Foundation

/// The copy of a draft as `build --format json` writes it, cut into the pieces `ColumnLint`
/// checks. It reads drafts with and without the items' `blurbSentences` (older builds lack them),
/// and needs only the fields it checks.
public struct DraftCopy: Sendable {
  /// One written-up filing of the draft.
  public struct Item: Sendable, Hashable {
    /// `sections[1].items[0]`
    public var location: String
    public var publicationNumber: String
    public var company: String
    public var subhead: String
    public var blurb: String
    public var sources: CopySources
  }

  public var headline: String
  public var items: [Item]
  /// Every piece in reading order: headline, dek, intro, then each item's subhead and blurb, then
  /// the rest of the week.
  public var pieces: [CopyPiece]

  /// Reads a draft's JSON; throws when it is not JSON or not a draft.
  public init(json: [UInt8]) throws(DraftCopyError) {
    let draft: DraftJSON
    do {
      draft = try JSONDecoder().decode(DraftJSON.self, from: Data(json))
    } catch let DecodingError.dataCorrupted(context) where context.codingPath.isEmpty {
      let detail = (context.underlyingError as? NSError)?.userInfo[NSDebugDescriptionErrorKey] as? String
      throw .notJSON(detail ?? context.debugDescription)
    } catch let DecodingError.keyNotFound(key, context) {
      throw .notADraft("no “\(Self.path(context.codingPath + [key]))”")
    } catch let DecodingError.typeMismatch(_, context) {
      throw .notADraft("“\(Self.path(context.codingPath))” has the wrong type")
    } catch let DecodingError.valueNotFound(_, context) {
      throw .notADraft("“\(Self.path(context.codingPath))” is null")
    } catch {
      throw .notJSON("\(error)")
    }
    self.init(draft)
  }

  private static func path(_ keys: [any CodingKey]) -> String {
    keys.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined().drop(while: { $0 == "." })
      .description
  }

  private init(_ draft: DraftJSON) {
    headline = draft.headline
    var items: [Item] = []
    for (sectionIndex, section) in draft.sections.enumerated() {
      for (itemIndex, item) in section.items.enumerated() {
        let sentences = item.blurbSentences ?? []
        let titles = sentences.compactMap { $0.source?.part == "title" ? $0.source?.text : nil }
        let abstract = sentences.compactMap { $0.source?.part == "title" ? nil : $0.source?.text }
        var seen: Set<String> = []
        items.append(
          Item(
            location: "sections[\(sectionIndex)].items[\(itemIndex)]", publicationNumber: item.publicationNumber ?? "",
            company: section.company ?? item.company ?? "", subhead: item.subhead, blurb: item.blurb,
            sources: CopySources(
              title: ([item.title ?? ""] + titles).first { !$0.isEmpty } ?? "",
              abstractSentences: abstract.filter { seen.insert($0).inserted })))
      }
    }
    self.items = items
    let week = CopySources.merging(items.map(\.sources))
    var pieces = [
      CopyPiece(role: .headline, location: "headline", text: draft.headline, sources: week),
      CopyPiece(role: .dek, location: "dek", text: draft.dek, sources: week),
    ]
    for (index, paragraph) in draft.intro.enumerated() {
      pieces.append(CopyPiece(role: .intro, location: "intro[\(index)]", text: paragraph, sources: week))
    }
    for item in items {
      pieces.append(CopyPiece(role: .subhead, location: "\(item.location).subhead", text: item.subhead, sources: item.sources))
      pieces.append(CopyPiece(role: .blurb, location: "\(item.location).blurb", text: item.blurb, sources: item.sources))
    }
    for (groupIndex, group) in (draft.restOfWeek ?? []).enumerated() {
      for (entryIndex, entry) in group.entries.enumerated() {
        pieces.append(
          CopyPiece(role: .restOfWeekLine, location: "restOfWeek[\(groupIndex)].entries[\(entryIndex)].title", text: entry.title))
      }
    }
    self.pieces = pieces
  }
}

/// Why a file is not a draft `DraftCopy` can read.
public enum DraftCopyError: Error, Sendable, CustomStringConvertible {
  case notJSON(String)
  case notADraft(String)

  public var description: String {
    switch self {
    case .notJSON(let detail): "not JSON: \(detail)"
    case .notADraft(let detail): "not a draft as `build --format json` writes it: \(detail)"
    }
  }
}

/// The fields of the draft JSON the lint reads; everything else is ignored.
private struct DraftJSON: Decodable {
  struct Section: Decodable {
    var company: String?
    var items: [Item]
  }

  struct Item: Decodable {
    var subhead: String
    var blurb: String
    var title: String?
    var publicationNumber: String?
    var company: String?
    var blurbSentences: [BlurbSentence]?
  }

  struct BlurbSentence: Decodable {
    var text: String?
    var source: Source?
  }

  struct Source: Decodable {
    var part: String?
    var sentence: Int?
    var text: String?
  }

  struct Group: Decodable {
    var company: String?
    var entries: [Entry]
  }

  struct Entry: Decodable {
    var title: String
    var publicationNumber: String?
  }

  var headline: String
  var dek: String
  var intro: [String]
  var sections: [Section]
  var restOfWeek: [Group]?
}

/// The figures the column is held to, for one draft: word counts and reading grades.
public struct CopyStats: Sendable, Hashable, Codable {
  public struct Item: Sendable, Hashable, Codable {
    public var piece: String
    public var publicationNumber: String
    public var subheadWords: Int
    public var blurbWords: Int
    /// Flesch–Kincaid grade of the blurb (nil for an empty one).
    public var blurbGrade: Double?
  }

  public var headlineWords: Int
  public var items: [Item]

  public init(_ copy: DraftCopy) {
    headlineWords = ReadingGrade.wordCount(copy.headline)
    items = copy.items.map { item in
      Item(
        piece: item.location, publicationNumber: item.publicationNumber, subheadWords: ReadingGrade.wordCount(item.subhead),
        blurbWords: ReadingGrade.wordCount(item.blurb), blurbGrade: ReadingGrade.fleschKincaid(item.blurb))
    }
  }
}
