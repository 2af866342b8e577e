public import Foundation

/// The development set of real Big Tech filings (`../shared/corpus/bigtech/patents.jsonl`),
/// read where it lies and wrapped into ICE documents, so every rule that writes the column can be
/// held to real patent text. The records are USPTO text: they are read from `../shared`, never
/// copied into the project.
public struct BigTechFiling: Sendable, Decodable, Hashable {
  public var publicationNumber: String
  public var type: String
  public var title: String?
  public var abstract: String
  public var assignee: String?
  /// Alphabet, Amazon, Apple, Meta, Microsoft or `other`.
  public var company: String
  public var publicationDate: String?
  public var applicationNumber: String?
  public var filingDate: String?
  public var cpc: [String]

  /// The folder of the development set, beside the project (`../shared/corpus/bigtech`), or the one
  /// `PATENT_DIGEST_BIGTECH` names.
  public static var corpusFile: URL {
    if let path = ProcessInfo.processInfo.environment["PATENT_DIGEST_BIGTECH"], !path.isEmpty {
      return URL(fileURLWithPath: path)
    }
    return TestPaths.packageRoot.deletingLastPathComponent()
      .appendingPathComponent("shared/corpus/bigtech/patents.jsonl")
  }

  /// True when the development set is there (it lies beside the clone, not in it).
  public static var corpusAvailable: Bool { FileManager.default.fileExists(atPath: corpusFile.path) }

  /// Why a suite that needs the development set was skipped.
  public static let corpusMissing =
    "needs the development set at ../shared/corpus/bigtech/patents.jsonl (or PATENT_DIGEST_BIGTECH)"

  /// Every filing of the development set, in file order.
  public static func all(from file: URL = corpusFile) throws -> [BigTechFiling] {
    let text = try String(contentsOf: file, encoding: .utf8)
    let decoder = JSONDecoder()
    return try text.split(separator: "\n").filter { !$0.allSatisfy(\.isWhitespace) }.map { line in
      try decoder.decode(BigTechFiling.self, from: Data(line.utf8))
    }
  }

  /// The number without its country and kind: `US10175668` → `10175668`, `US20230315261A1` → `20230315261`.
  public var docNumber: String { Self.docNumber(of: publicationNumber) }

  /// The same for any publication number, as a draft writes it: `US10175668B2` → `10175668`.
  public static func docNumber(of publicationNumber: String) -> String {
    var number = Substring(publicationNumber)
    if number.hasPrefix("US") { number = number.dropFirst(2) }
    if let kind = number.firstIndex(where: \.isLetter) { number = number[..<kind] }
    return String(number)
  }

  /// The kind printed after the number, or the usual one for the document's type.
  public var kind: String {
    let number = publicationNumber.dropFirst(2)
    if let letter = number.firstIndex(where: \.isLetter) { return String(number[letter...]) }
    return type == "grant" ? "B2" : "A1"
  }

  /// The filing as one ICE v4.x document (v4.5 applications, v4.7 grants), with its own
  /// declaration and DOCTYPE, ready to be concatenated into a weekly feed. `sequence` makes an
  /// application number when the record has none.
  public func iceDocument(sequence: Int = 0) -> String {
    let grant = type == "grant"
    let root = grant ? "us-patent-grant" : "us-patent-application"
    let doctype =
      grant
      ? "<!DOCTYPE us-patent-grant SYSTEM \"us-patent-grant-v47-2022-02-17.dtd\" [ ]>"
      : "<!DOCTYPE us-patent-application SYSTEM \"us-patent-application-v45-2021-08-30.dtd\" [ ]>"
    let version = grant ? "v4.7 2022-02-17" : "v4.5 2021-08-30"
    let date = Self.compactDate(publicationDate) ?? "20261126"
    let filed = Self.compactDate(filingDate) ?? "20240101"
    let application =
      applicationNumber.map { $0.filter(\.isNumber) }.flatMap { $0.isEmpty ? nil : $0 }
      ?? String(format: "17%06d", sequence)
    let bibliographic = grant ? "us-bibliographic-data-grant" : "us-bibliographic-data-application"
    let assigneeXML =
      assignee.map {
        """
        <assignees>
        <assignee>
        <addressbook>
        <orgname>\(Self.escaped($0))</orgname>
        <role>02</role>
        <address>
        <country>US</country>
        </address>
        </addressbook>
        </assignee>
        </assignees>

        """
      } ?? ""
    return """
      <?xml version="1.0" encoding="UTF-8"?>
      \(doctype)
      <\(root) lang="EN" dtd-version="\(version)" file="US\(docNumber)\(kind)-\(date).XML" status="PRODUCTION" id="\(root)" country="US" date-produced="\(date)" date-publ="\(date)">
      <\(bibliographic) lang="EN" country="US">
      <publication-reference>
      <document-id>
      <country>US</country>
      <doc-number>\(docNumber)</doc-number>
      <kind>\(kind)</kind>
      <date>\(date)</date>
      </document-id>
      </publication-reference>
      <application-reference appl-type="utility">
      <document-id>
      <country>US</country>
      <doc-number>\(application)</doc-number>
      <date>\(filed)</date>
      </document-id>
      </application-reference>
      \(cpcXML(date: date))<invention-title id="d2e43">\(Self.escaped(title ?? ""))</invention-title>
      \(assigneeXML)</\(bibliographic)>
      <abstract id="abstract">
      <p id="p-0001" num="0000">\(Self.escaped(abstract))</p>
      </abstract>
      </\(root)>

      """
  }

  /// `G06F 3/0482` as ICE's `classification-cpc` parts; the first symbol is the main one.
  private func cpcXML(date: String) -> String {
    let parsed = cpc.compactMap(Self.cpcParts)
    guard let main = parsed.first else { return "" }
    func element(_ parts: (String, String, String, String, String)) -> String {
      """
      <classification-cpc>
      <cpc-version-indicator><date>20130101</date></cpc-version-indicator>
      <section>\(parts.0)</section>
      <class>\(parts.1)</class>
      <subclass>\(parts.2)</subclass>
      <main-group>\(parts.3)</main-group>
      <subgroup>\(parts.4)</subgroup>
      <symbol-position>F</symbol-position>
      <classification-value>I</classification-value>
      <action-date><date>\(date)</date></action-date>
      <generating-office><country>US</country></generating-office>
      <classification-status>B</classification-status>
      <classification-data-source>H</classification-data-source>
      <scheme-origination-code>C</scheme-origination-code>
      </classification-cpc>

      """
    }
    let further = parsed.dropFirst().map(element).joined()
    return "<classifications-cpc>\n<main-cpc>\n\(element(main))</main-cpc>\n"
      + (further.isEmpty ? "" : "<further-cpc>\n\(further)</further-cpc>\n") + "</classifications-cpc>\n"
  }

  private static func cpcParts(_ symbol: String) -> (String, String, String, String, String)? {
    let pieces = symbol.split(separator: " ")
    guard pieces.count == 2, pieces[0].count == 4, let slash = pieces[1].firstIndex(of: "/") else { return nil }
    let subclass = Array(pieces[0])
    return (
      String(subclass[0]), String(subclass[1...2]), String(subclass[3]), String(pieces[1][..<slash]),
      String(pieces[1][pieces[1].index(after: slash)...])
    )
  }

  private static func compactDate(_ date: String?) -> String? {
    guard let date, date.count == 10 else { return nil }
    return date.replacingOccurrences(of: "-", with: "")
  }

  static func escaped(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;")
  }
}

/// Weeks made of development-set filings, shaped like the checks the column is held to.
public enum BigTechWeeks {
  /// One feed per filing: each filing leads its own week, so every record gets a headline, dek,
  /// intro, subhead and blurb.
  public static func singleFilingFeeds(_ filings: [BigTechFiling]) -> [(name: String, feed: String)] {
    filings.enumerated().map { index, filing in
      ("single-\(filing.publicationNumber)", filing.iceDocument(sequence: index))
    }
  }

  /// Weeks of `perCompany` filings of each of the five companies, taken in file order (the last
  /// week of a company may be shorter), plus the `other` filings spread over the weeks: the shape
  /// of a real week, with sections, a lead, a dek and the rest of the week.
  public static func mixedWeeks(_ filings: [BigTechFiling], perCompany: Int = 5) -> [(name: String, feed: String)] {
    let companies = ["Alphabet", "Amazon", "Apple", "Meta", "Microsoft"]
    let byCompany = Dictionary(grouping: filings.enumerated(), by: { $0.element.company })
    let weekCount = companies.map { ((byCompany[$0]?.count ?? 0) + perCompany - 1) / perCompany }.max() ?? 0
    var weeks: [[(offset: Int, element: BigTechFiling)]] = Array(repeating: [], count: weekCount)
    for company in companies {
      for (position, entry) in (byCompany[company] ?? []).enumerated() {
        weeks[position / perCompany].append(entry)
      }
    }
    for (position, entry) in (byCompany["other"] ?? []).enumerated() where weekCount > 0 {
      weeks[position % weekCount].append(entry)
    }
    return weeks.enumerated().map { index, week in
      ("week-\(index + 1)", week.map { $0.element.iceDocument(sequence: $0.offset) }.joined())
    }
  }
}
