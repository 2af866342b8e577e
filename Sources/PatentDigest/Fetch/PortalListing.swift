public import Foundation

/// A product's file listing from the USPTO Open Data Portal
/// (`GET /api/v1/datasets/products/{APPXML|PTGRXML}?includeFiles=true`), read into what the
/// weekly fetch needs: each weekly feed, its data date and its revision.
///
/// Groundwork for `patent-digest fetch` (issue 13): the listing and the choice of files are here;
/// the HTTP side is not written yet.
public struct PortalListing: Sendable, Hashable {
  /// One file as the portal lists it.
  public struct File: Sendable, Hashable, Decodable {
    public var fileName: String
    public var fileSize: Int?
    public var fileDataFromDate: String?
    public var fileDataToDate: String?
    public var fileDownloadURI: String?
    public var fileReleaseDate: String?
    public var fileLastModifiedDateTime: String?
    public var fileTypeText: String?

    /// What the name says: `ipg260106_r2.zip` is the grants of 2026-01-06, revision 2; nil for
    /// anything that is not a weekly feed (the DTDs listed beside them).
    public var weeklyFeed: WeeklyFeed? { WeeklyFeed(fileName: fileName) }
  }

  /// A weekly feed's name, read: `ipa260108.zip`, `ipg260106_r10.zip`.
  public struct WeeklyFeed: Sendable, Hashable {
    public enum Product: String, Sendable, Hashable, CaseIterable {
      case applications = "ipa"
      case grants = "ipg"
    }

    public var product: Product
    /// The data date, YYYY-MM-DD.
    public var date: String
    /// 0 for the original file, N for `_rN`.
    public var revision: Int

    public init?(fileName: String) {
      let name = fileName.lowercased()
      guard name.hasSuffix(".zip"), name.count >= 13, let product = Product(rawValue: String(name.prefix(3))) else {
        return nil
      }
      let stem = name.dropFirst(3).dropLast(4)
      let digits = stem.prefix(6)
      guard digits.count == 6, digits.allSatisfy(\.isNumber) else { return nil }
      let rest = stem.dropFirst(6)
      var revision = 0
      if !rest.isEmpty {
        // `_r1`, `_r10`: the number compared as a number, so r10 is newer than r9.
        guard rest.hasPrefix("_r"), let number = Int(rest.dropFirst(2)), number > 0 else { return nil }
        revision = number
      }
      let (year, month, day) = (digits.prefix(2), digits.dropFirst(2).prefix(2), digits.suffix(2))
      guard let monthNumber = Int(month), (1...12).contains(monthNumber), let dayNumber = Int(day),
        (1...31).contains(dayNumber)
      else { return nil }
      self.product = product
      self.date = "20\(year)-\(month)-\(day)"
      self.revision = revision
    }

    /// The name the USPTO gives this file: `ipg260106.zip`, `ipg260106_r2.zip`. A listed name
    /// that is not exactly this (other case, `_r+1`, `_r01`) is not taken as a weekly feed.
    public var canonicalFileName: String { Self.fileName(product: product, date: date, revision: revision) }

    /// The original's name, which a revision replaces: `ipg260106.zip` for `ipg260106_r2.zip`.
    public var unrevisedFileName: String { Self.fileName(product: product, date: date, revision: 0) }

    /// `ipg` + YYMMDD of `date` (YYYY-MM-DD) + `_rN` when revised + `.zip`.
    static func fileName(product: Product, date: String, revision: Int) -> String {
      let digits = date.dropFirst(2).replacingOccurrences(of: "-", with: "")
      return product.rawValue + digits + (revision > 0 ? "_r\(revision)" : "") + ".zip"
    }
  }

  /// The listing cannot be used: what is wrong with it, in a line.
  public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String
  }

  public var files: [File]

  public init(files: [File]) {
    self.files = files
  }

  /// Reads the portal's JSON: `bulkDataProductBag[].productFileBag.fileDataBag[]`.
  public init(json: Data) throws(Problem) {
    struct Listing: Decodable {
      struct Product: Decodable {
        struct FileBag: Decodable { var fileDataBag: [File]? }
        var productFileBag: FileBag?
      }
      var bulkDataProductBag: [Product]?
    }
    let listing: Listing
    do {
      listing = try JSONDecoder().decode(Listing.self, from: json)
    } catch {
      throw Problem(description: "the listing is not the portal's JSON (\(Self.reason(error)))")
    }
    guard let products = listing.bulkDataProductBag else {
      throw Problem(description: "the listing has no `bulkDataProductBag`; is this the products endpoint with includeFiles=true?")
    }
    files = products.flatMap { $0.productFileBag?.fileDataBag ?? [] }
  }

  /// For each data date of `product`, the file of its highest revision, newest date first.
  public func latestRevisions(of product: WeeklyFeed.Product) -> [(feed: WeeklyFeed, file: File)] {
    var best: [String: (feed: WeeklyFeed, file: File)] = [:]
    for file in files {
      guard let feed = file.weeklyFeed, feed.product == product else { continue }
      if let current = best[feed.date], current.feed.revision >= feed.revision { continue }
      best[feed.date] = (feed, file)
    }
    return best.values.sorted { $0.feed.date > $1.feed.date }
  }

  private static func reason(_ error: any Error) -> String {
    switch error {
    case DecodingError.dataCorrupted(let context): return context.debugDescription
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
      return "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
    case DecodingError.keyNotFound(let key, let context):
      return "\((context.codingPath + [key]).map(\.stringValue).joined(separator: ".")) is missing"
    default: return "\(error)"
    }
  }
}

/// The publishing week (Sunday to Saturday) that holds a date: grants come out on its Tuesday,
/// applications on its Thursday.
public struct PublishingWeek: Sendable, Hashable {
  /// YYYY-MM-DD.
  public var sunday: String
  public var tuesday: String
  public var thursday: String
  public var saturday: String

  /// The week holding `date` (YYYY-MM-DD); nil when it is not a date.
  public init?(containing date: String) {
    guard let day = CivilDate(date) else { return nil }
    // Day 0 (1970-01-01) was a Thursday: weekday 0 is Sunday.
    let weekday = ((day.number + 4) % 7 + 7) % 7
    let sunday = day.number - weekday
    self.sunday = CivilDate(number: sunday).text
    tuesday = CivilDate(number: sunday + 2).text
    thursday = CivilDate(number: sunday + 4).text
    saturday = CivilDate(number: sunday + 6).text
  }

  /// The week that holds today's date (UTC).
  public static func current() -> PublishingWeek {
    PublishingWeek(containing: CivilDate(number: Int(Date().timeIntervalSince1970 / 86_400)).text)!
  }

  /// The week `count` weeks later (earlier when negative).
  public func adding(weeks count: Int) -> PublishingWeek {
    PublishingWeek(containing: CivilDate(number: CivilDate(sunday)!.number + 7 * count).text)!
  }

  /// Whether `date` (YYYY-MM-DD) falls in this week.
  public func contains(_ date: String) -> Bool { date >= sunday && date <= saturday }

  /// The name of `product`'s original file of this week: `ipg261124.zip`.
  public func fileName(of product: PortalListing.WeeklyFeed.Product) -> String {
    PortalListing.WeeklyFeed.fileName(product: product, date: date(of: product), revision: 0)
  }

  /// The data date of `product`'s file in this week.
  public func date(of product: PortalListing.WeeklyFeed.Product) -> String {
    product == .grants ? tuesday : thursday
  }
}
